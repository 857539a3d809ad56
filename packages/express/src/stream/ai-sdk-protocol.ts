import { VerdictError, encodeSseEvent } from '@verdict/core';
import type { StreamEvent } from '@verdict/core';
import { editDistance } from '../verdict-options';
import { SSE_HEADERS } from './sse-response';

/**
 * The wire protocol of `streamHandler`: Verdict's own events (`start`, `token`, `done`, `error`)
 * or the Vercel AI SDK UI message stream (what `useChat` reads).
 */
export type StreamProtocol = 'verdict' | 'ai-sdk';

const PROTOCOLS: readonly StreamProtocol[] = ['verdict', 'ai-sdk'];

/** Turns the handler's events into bytes, with the headers announcing them; one per response. */
export interface StreamEncoder {
  headers: Readonly<Record<string, string>>;
  encode(event: StreamEvent): string;
}

/** The headers of an AI SDK UI message stream: the SSE ones plus the version marker `useChat` checks for. */
export const AI_SDK_STREAM_HEADERS = { ...SSE_HEADERS, 'x-vercel-ai-ui-message-stream': 'v1' } as const;

/** What an AI SDK client finds in `message.metadata`: enough to rate the answer. */
export interface AiSdkMessageMetadata {
  trace_id: string;
  feedback_token?: string;
}

// One text part per answer: the handler streams plain text, never several parts.
const TEXT_ID = 'text-0';

function part(chunk: Record<string, unknown>): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

function metadataOf(event: { trace_id: string; feedback_token?: string | undefined }): AiSdkMessageMetadata {
  return { trace_id: event.trace_id, ...(event.feedback_token === undefined ? {} : { feedback_token: event.feedback_token }) };
}

/**
 * An encoder for the AI SDK UI message stream (v1): `start` {messageId, messageMetadata}, then
 * `text-start`/`text-delta`/`text-end`, then `finish` and `[DONE]`, or an `error` part and
 * `[DONE]`. The text part opens with the first token, as the AI SDK's own server does, so an
 * empty answer has no empty part.
 * @example const encoder = aiSdkEncoder(); res.write(encoder.encode({ type: 'token', content: 'Hi' }))
 */
export function aiSdkEncoder(): StreamEncoder {
  let textOpen = false;
  return {
    headers: AI_SDK_STREAM_HEADERS,
    encode(event) {
      switch (event.type) {
        case 'start':
          return part({ type: 'start', messageId: event.message_id, messageMetadata: metadataOf(event) });
        case 'token': {
          const opening = textOpen ? '' : part({ type: 'text-start', id: TEXT_ID });
          textOpen = true;
          return opening + part({ type: 'text-delta', id: TEXT_ID, delta: event.content });
        }
        case 'done': {
          const closing = textOpen ? part({ type: 'text-end', id: TEXT_ID }) : '';
          textOpen = false;
          // The metadata again, so a client that only looks at the finished message still has it.
          return `${closing}${part({ type: 'finish', finishReason: 'stop', messageMetadata: metadataOf(event) })}data: [DONE]\n\n`;
        }
        case 'error':
          return `${part({ type: 'error', errorText: event.error })}data: [DONE]\n\n`;
      }
    },
  };
}

/**
 * The encoder for `protocol` (checked beforehand by {@link checkStreamProtocol}).
 * @example const encoder = encoderFor('ai-sdk')
 */
export function encoderFor(protocol: StreamProtocol): StreamEncoder {
  return protocol === 'ai-sdk' ? aiSdkEncoder() : { headers: SSE_HEADERS, encode: encodeSseEvent };
}

/**
 * Refuses an unknown protocol, naming the closest known one: `'ai_sdk'` or `'AI-SDK'` are easy
 * slips that would otherwise surface only as a chat UI that never shows an answer.
 * @example checkStreamProtocol('ai_sdk') // throws: ... (did you mean 'ai-sdk'?)
 */
export function checkStreamProtocol(protocol: unknown): void {
  if (protocol === undefined || PROTOCOLS.includes(protocol as StreamProtocol)) return;
  const given = typeof protocol === 'string' ? protocol : '';
  const [best] = PROTOCOLS.map((known) => ({ known, cost: editDistance(given, known) })).sort((a, b) => a.cost - b.cost);
  const hint = given !== '' && best !== undefined && best.cost <= 2 ? ` (did you mean '${best.known}'?)` : '';
  throw new VerdictError(
    'INVALID_ARGUMENT',
    `streamHandler(): unknown protocol ${JSON.stringify(protocol)}${hint}; known protocols: ${PROTOCOLS.map((known) => `'${known}'`).join(', ')}`,
  );
}
