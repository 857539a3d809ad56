// Test-only helpers (never exported from index.ts): a streaming chat client over Node's fetch.
import { parseSseStream } from '@verdict/core';
import type { StreamEvent } from '@verdict/core';

/** One `POST /chat/stream` in flight, read event by event as the bytes arrive. */
export interface StreamSession {
  response: Response;
  /** The next event; fails the test when the stream ends first. */
  next(): Promise<StreamEvent>;
  /** Every event still to come, until the stream ends. */
  rest(): Promise<StreamEvent[]>;
  /** Stops reading and closes the connection, as a browser's stop button does. */
  abort(): void;
}

/**
 * POSTs a chat request and returns the open event stream.
 * @example const session = await postStream(`${api}/chat/stream`, { message: 'hi' }); const start = await session.next();
 */
export async function postStream(url: string, body: unknown): Promise<StreamSession> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  if (response.body === null) throw new Error('the response has no body');
  const events = parseSseStream(response.body);
  return {
    response,
    async next() {
      const { done, value } = await events.next();
      if (done === true) throw new Error('the stream ended before the next event');
      return value;
    },
    async rest() {
      const out: StreamEvent[] = [];
      for await (const event of events) out.push(event);
      return out;
    },
    abort: () => controller.abort(),
  };
}

/**
 * The raw text of a response body as it arrives, for what the event parser hides (comments).
 * @example const text = await readRawUntil(response, (text) => text.includes(': ping'))
 */
export async function readRawUntil(response: Response, enough: (text: string) => boolean): Promise<string> {
  if (response.body === null) throw new Error('the response has no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (!enough(text)) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text;
}

/**
 * An async generator of `tokens`, `delayMs` apart, that notes when its `finally` ran.
 * @example const source = slowTokens(['a', 'b'], 10); v.streamHandler(() => source.generate())
 */
export function slowTokens(tokens: readonly string[], delayMs: number) {
  const state = { yielded: 0, finallyRan: false };
  return {
    state,
    async *generate(signal?: AbortSignal): AsyncGenerator<string> {
      try {
        for (const token of tokens) {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          if (signal?.aborted) return;
          state.yielded += 1;
          yield token;
        }
      } finally {
        state.finallyRan = true;
      }
    },
  };
}
