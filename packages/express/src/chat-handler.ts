import { ChatRequestSchema, VerdictError, parseOrThrow } from '@verdict/core';
import type { ChatMessage, ChatResponse } from '@verdict/core';
import type { Request, RequestHandler } from 'express';
import type { JsonBodyReader } from './router/body-parsing';
import { sendError } from './router/error-handler';
import { setVerdictLocals } from './router/route-context';
import { runWithTraceWriter, updateCurrentTrace, withSpan } from './tracing';
import type { TraceWriter, VerdictSpan } from './tracing';
import { abortOnDisconnect } from './disconnect-signal';

/** What a chat function gets for one request. */
export interface ChatHandlerContext {
  /** The user's message (`body.message`). */
  message: string;
  /** Earlier turns (`body.messages`), oldest first; empty when none were sent. */
  messages: ChatMessage[];
  /** The Express request, for headers, the user, and the like. */
  req: Request;
  /** Aborts when the client disconnects: pass it to the LLM call so the work stops too. */
  signal: AbortSignal;
  /** The trace's root span (`chat`), e.g. for `span.setAttributes(...)`. */
  span: VerdictSpan;
}

/** A chat function's answer: the text, or an object holding it. */
export type ChatHandlerResult = string | { response: string };

/** The host's chat function, run inside the `chat` root span of a new trace. */
export type ChatHandlerFunction = (context: ChatHandlerContext) => ChatHandlerResult | Promise<ChatHandlerResult>;

/** Options of `chatHandler`. */
export interface ChatHandlerOptions {
  /**
   * Answer only once the trace is in the store (slower; for hosts that read the trace back at once
   * through another process). Feedback routes of the same instance wait on their own.
   * @default false
   */
  waitForTrace?: boolean;
}

/** What a chat handler needs from its `verdict()` instance. */
export interface ChatHandlerDeps {
  writer: TraceWriter;
  readBody: JsonBodyReader;
  signFeedbackToken: (traceId: string) => string | undefined;
  onError: (error: unknown) => void;
}

function checkArguments(fn: unknown, options: unknown): void {
  if (typeof fn !== 'function') {
    throw new VerdictError('INVALID_ARGUMENT', 'chatHandler(fn) needs a function: chatHandler(async ({ message, signal }) => answer(message, signal))');
  }
  if (typeof options !== 'object' || options === null) throw new VerdictError('INVALID_ARGUMENT', 'chatHandler(fn, options): options must be an object');
  const unknown = Object.keys(options).filter((key) => key !== 'waitForTrace');
  if (unknown.length > 0) throw new VerdictError('INVALID_ARGUMENT', `chatHandler() has no option ${unknown.join(', ')}; known options: waitForTrace`);
  const { waitForTrace } = options as ChatHandlerOptions;
  if (waitForTrace !== undefined && typeof waitForTrace !== 'boolean') throw new VerdictError('INVALID_ARGUMENT', 'chatHandler(): waitForTrace must be a boolean');
}

function responseText(result: unknown): string {
  const text = typeof result === 'string' ? result : (result as { response?: unknown } | null)?.response;
  // A plain Error on purpose: the client sees a generic 500, the host's onError sees this message.
  if (typeof text !== 'string') throw new Error('chatHandler: the chat function must return a string or { response: string }');
  return text;
}

/**
 * Builds the Express handler behind `verdict().chatHandler`. Self-contained (parses its own
 * body, answers its own errors), so it works mounted on the Verdict router or anywhere else.
 * @example app.post('/api/chat', createChatHandler(deps, ({ message }) => `echo: ${message}`))
 */
export function createChatHandler(deps: ChatHandlerDeps, fn: ChatHandlerFunction, options: ChatHandlerOptions = {}): RequestHandler {
  checkArguments(fn, options);
  const waitForTrace = options.waitForTrace === true;

  return async (req, res) => {
    const disconnect = abortOnDisconnect(res);
    try {
      const { message, messages = [] } = parseOrThrow(ChatRequestSchema, await deps.readBody(req, res), 'chat request');
      const { signal } = disconnect;
      let traceId: string | undefined;
      const response = await runWithTraceWriter(deps.writer, () =>
        withSpan({ name: 'chat', spanType: 'CHAIN', inputs: { message } }, async (span) => {
          traceId = span.traceId;
          setVerdictLocals(res, { traceId });
          try {
            const text = responseText(await fn({ message, messages, req, signal, span }));
            span.setOutputs(text);
            return text;
          } finally {
            if (signal.aborted) updateCurrentTrace({ tags: { aborted: 'true' } });
          }
        }),
      );
      const trace_id = traceId as string;
      const feedback_token = deps.signFeedbackToken(trace_id);
      setVerdictLocals(res, { traceId: trace_id, ...(feedback_token === undefined ? {} : { feedbackToken: feedback_token }) });
      if (waitForTrace) await deps.writer.whenWritten(trace_id);
      if (signal.aborted) return;
      const body: ChatResponse = feedback_token === undefined ? { response, trace_id } : { response, trace_id, feedback_token };
      res.json(body);
    } catch (error) {
      // Nobody is left to read the error of an abandoned request; the trace already records it.
      if (disconnect.signal.aborted) return;
      sendError(res, error, deps.onError);
    } finally {
      disconnect.release();
    }
  };
}
