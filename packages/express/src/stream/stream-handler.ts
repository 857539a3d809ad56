import { randomUUID } from 'node:crypto';
import { ChatRequestSchema, VerdictError, parseOrThrow } from '@verdict/core';
import type { RequestHandler, Response } from 'express';
import type { ChatHandlerContext, ChatHandlerDeps } from '../chat-handler';
import { sendError, toErrorResponse } from '../router/error-handler';
import { setVerdictLocals } from '../router/route-context';
import { runWithTraceWriter, updateCurrentTrace, withSpan } from '../tracing';
import type { VerdictSpan } from '../tracing';
import { pumpTokens } from './pump-tokens';
import type { StreamRecord } from './pump-tokens';
import { checkStreamProtocol, encoderFor } from './ai-sdk-protocol';
import type { StreamProtocol } from './ai-sdk-protocol';
import { chatRequestFromUIMessages } from './ai-sdk-request';
import { openSseResponse } from './sse-response';
import type { StreamSource } from './token-source';
import { abortOnDisconnect } from '../disconnect-signal';

/** What a stream function gets for one request: the same as a chat function. */
export type StreamHandlerContext = ChatHandlerContext;

/**
 * The host's streaming chat function, run inside the `chat` root span of a new trace: it returns
 * (or resolves to) an async iterable of text tokens, or an OpenAI stream (`stream: true`).
 */
export type StreamHandlerFunction = (context: StreamHandlerContext) => StreamSource | Promise<StreamSource>;

/** Options of `streamHandler`. */
export interface StreamHandlerOptions {
  /**
   * After this long without an event, a `: ping` comment line is sent so idle proxies keep the
   * connection open (the silence lasts one to two intervals). 0 turns it off.
   * @default 15_000
   */
  heartbeatMs?: number;
  /**
   * The wire protocol: Verdict's SSE events, or `'ai-sdk'` for the Vercel AI SDK UI message
   * stream that `useChat` reads (`message.metadata` then carries `trace_id` and `feedback_token`);
   * that one also accepts `useChat`'s own request body (`{ messages: UIMessage[] }`).
   * @default 'verdict'
   */
  protocol?: StreamProtocol;
}

/** Root span attributes a streamed answer records besides its outputs (the whole text). */
export const STREAM_ATTRIBUTES = {
  messageId: 'verdict.message_id',
  tokenCount: 'verdict.stream.token_count',
  timeToFirstTokenMs: 'verdict.stream.time_to_first_token_ms',
} as const;

const KNOWN_OPTIONS = ['heartbeatMs', 'protocol'];

function checkArguments(fn: unknown, options: unknown): void {
  if (typeof fn !== 'function') {
    throw new VerdictError('INVALID_ARGUMENT', 'streamHandler(fn) needs a function: streamHandler(({ message, signal }) => tokensOf(message, signal))');
  }
  if (typeof options !== 'object' || options === null) throw new VerdictError('INVALID_ARGUMENT', 'streamHandler(fn, options): options must be an object');
  const unknown = Object.keys(options).filter((key) => !KNOWN_OPTIONS.includes(key));
  if (unknown.length > 0) throw new VerdictError('INVALID_ARGUMENT', `streamHandler() has no option ${unknown.join(', ')}; known options: ${KNOWN_OPTIONS.join(', ')}`);
  const { heartbeatMs } = options as StreamHandlerOptions;
  if (heartbeatMs !== undefined && !(Number.isFinite(heartbeatMs) && heartbeatMs >= 0)) {
    throw new VerdictError('INVALID_ARGUMENT', 'streamHandler(): heartbeatMs must be a number of milliseconds ≥ 0 (0 turns heartbeats off)');
  }
  checkStreamProtocol((options as StreamHandlerOptions).protocol);
}

function recordOn(span: VerdictSpan, record: StreamRecord, messageId: string): void {
  span.setOutputs(record.text);
  span.setAttributes({
    [STREAM_ATTRIBUTES.messageId]: messageId,
    [STREAM_ATTRIBUTES.tokenCount]: record.tokens,
    [STREAM_ATTRIBUTES.timeToFirstTokenMs]: record.timeToFirstTokenMs,
  });
}

interface StreamRequest {
  deps: ChatHandlerDeps;
  fn: StreamHandlerFunction;
  context: Omit<StreamHandlerContext, 'span'>;
  res: Response;
  heartbeatMs: number;
  protocol: StreamProtocol;
}

/** Everything one streamed answer does inside its root span; never throws. */
async function streamInSpan(request: StreamRequest, span: VerdictSpan, startedAt: number): Promise<void> {
  const { deps, fn, context, res } = request;
  const traceId = span.traceId;
  const feedbackToken = deps.signFeedbackToken(traceId);
  const messageId = `msg-${randomUUID().replaceAll('-', '')}`;
  const token = feedbackToken === undefined ? {} : { feedback_token: feedbackToken };
  setVerdictLocals(res, { traceId, ...(feedbackToken === undefined ? {} : { feedbackToken }) });
  updateCurrentTrace({ metadata: { [STREAM_ATTRIBUTES.messageId]: messageId } });
  const sse = openSseResponse(res, { heartbeatMs: request.heartbeatMs, encoder: encoderFor(request.protocol) });
  const record: StreamRecord = { text: '', tokens: 0, timeToFirstTokenMs: undefined };
  try {
    // The ids go first: a user who stops the answer early can still rate it.
    await sse.send({ type: 'start', trace_id: traceId, message_id: messageId, ...token });
    const outcome = await pumpTokens(() => fn({ ...context, span }), sse, context.signal, record, startedAt);
    recordOn(span, record, messageId);
    if (outcome === 'aborted') updateCurrentTrace({ tags: { partial: 'true' } });
    else await sse.send({ type: 'done', trace_id: traceId, ...token });
  } catch (error) {
    recordOn(span, record, messageId);
    // A source failing because the client left is a stopped answer, not a broken one.
    if (context.signal.aborted) {
      updateCurrentTrace({ tags: { partial: 'true' } });
      return;
    }
    span.recordException(error);
    span.setStatus('ERROR', error instanceof Error ? error.message : String(error));
    const { body, unexpected } = toErrorResponse(error);
    if (unexpected) deps.onError(error);
    void sse.send({ type: 'error', error: body.error.message, code: body.error.code });
  } finally {
    sse.end();
  }
}

/**
 * Builds the Express handler behind `verdict().streamHandler`: `POST { message, messages? }` →
 * `text/event-stream` with `start` (trace_id, message_id, feedback_token), `token` events, then
 * one `done` or one `error` (or, with `protocol: 'ai-sdk'`, the AI SDK UI message stream).
 * Self-contained like `chatHandler`: a bad body gets a JSON error before any event is sent.
 * @example app.post('/api/chat/stream', createStreamHandler(deps, async function* ({ message }) { yield* message.split(' '); }))
 */
export function createStreamHandler(deps: ChatHandlerDeps, fn: StreamHandlerFunction, options: StreamHandlerOptions = {}): RequestHandler {
  checkArguments(fn, options);
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const protocol = options.protocol ?? 'verdict';

  return async (req, res) => {
    const disconnect = abortOnDisconnect(res);
    try {
      let body;
      try {
        const raw = await deps.readBody(req, res);
        body = parseOrThrow(ChatRequestSchema, protocol === 'ai-sdk' ? chatRequestFromUIMessages(raw) : raw, 'chat request');
      } catch (error) {
        sendError(res, error, deps.onError);
        return;
      }
      const { message, messages = [] } = body;
      const context = { message, messages, req, signal: disconnect.signal };
      const startedAt = performance.now();
      await runWithTraceWriter(deps.writer, () =>
        withSpan({ name: 'chat', spanType: 'CHAIN', inputs: { message } }, (span) =>
          streamInSpan({ deps, fn, context, res, heartbeatMs, protocol }, span, startedAt),
        ),
      );
    } catch (error) {
      // Only a tracing failure lands here; the host's process must outlive it.
      if (!res.headersSent) sendError(res, error, deps.onError);
      else {
        deps.onError(error);
        res.end();
      }
    } finally {
      disconnect.release();
    }
  };
}
