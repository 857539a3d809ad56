import { StreamEventSchema } from '../schemas/stream';
import type { StreamEvent } from '../schemas/stream';

/**
 * The wire form of one `POST /chat/stream` event: a single `data:` line and the blank line that
 * ends it. `JSON.stringify` never emits a raw line break, so one data line always suffices.
 * @example res.write(encodeSseEvent({ type: 'token', content: 'Hel' })) // 'data: {"type":"token","content":"Hel"}\n\n'
 */
export function encodeSseEvent(event: StreamEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/** Why the parser skipped an event: its data is not JSON, or it is a known type missing fields. */
export interface InvalidSseEvent {
  /** The event's data, as received. */
  data: string;
  reason: 'malformed_json' | 'invalid_event';
}

/** Options of {@link createSseParser} and {@link parseSseStream}. */
export interface SseParserOptions {
  /**
   * Told about every event that was skipped as invalid. Skipped, not thrown: one bad event must
   * not end an answer the user is reading. Unknown event types and comments are not reported.
   */
  onInvalid?: (invalid: InvalidSseEvent) => void;
}

/** An incremental SSE parser: feed it text as it arrives. */
export interface SseParser {
  /** Feeds the next piece of text; events complete in it are delivered before `push` returns. */
  push(text: string): void;
  /** Ends the input. An event not closed by a blank line is dropped, as the SSE standard says. */
  end(): void;
}

// Computed on first use, not at import: a module-level call would keep every schema (and zod)
// in browser bundles that never parse a stream.
let knownTypes: ReadonlySet<unknown> | undefined;
function isKnownType(type: string): boolean {
  knownTypes ??= new Set(StreamEventSchema.def.options.flatMap((option) => option.shape.type.def.values));
  return knownTypes.has(type);
}

function deliver(data: string, onEvent: (event: StreamEvent) => void, options: SseParserOptions): void {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    options.onInvalid?.({ data, reason: 'malformed_json' });
    return;
  }
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  // Newer servers may add event types: an older client skips them without complaint.
  if (typeof type === 'string' && !isKnownType(type)) return;
  const parsed = StreamEventSchema.safeParse(json);
  if (parsed.success) onEvent(parsed.data);
  else options.onInvalid?.({ data, reason: 'invalid_event' });
}

/**
 * A tolerant, incremental parser of Verdict's server-sent events. It handles events split
 * across chunks, several events per chunk, `\n`, `\r\n` and `\r` line ends, multi-line `data:`
 * fields, and comments (`: ping`); it ignores other fields (`event:`, `id:`, `retry:`) and unknown
 * event types, and skips malformed events (see {@link SseParserOptions.onInvalid}).
 * @example
 * const parser = createSseParser((event) => console.log(event.type));
 * parser.push('data: {"type":"tok'); parser.push('en","content":"Hi"}\n\n'); // logs 'token'
 */
export function createSseParser(onEvent: (event: StreamEvent) => void, options: SseParserOptions = {}): SseParser {
  let buffer = '';
  let data: string[] = [];
  // A chunk that ended in '\r' may be followed by the '\n' of the same line end.
  let skipLeadingLf = false;

  function line(text: string): void {
    if (text === '') {
      if (data.length > 0) {
        const joined = data.join('\n');
        data = [];
        deliver(joined, onEvent, options);
      }
      return;
    }
    if (text.charCodeAt(0) === 58 /* ':' */) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    if (field !== 'data') return;
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* ' ' */) value = value.slice(1);
    data.push(value);
  }

  return {
    push(text) {
      if (skipLeadingLf && text.charCodeAt(0) === 10) text = text.slice(1);
      skipLeadingLf = false;
      buffer += text;
      let start = 0;
      for (let index = start; index < buffer.length; index++) {
        const code = buffer.charCodeAt(index);
        if (code !== 10 && code !== 13) continue;
        line(buffer.slice(start, index));
        if (code === 13) {
          if (index + 1 === buffer.length) skipLeadingLf = true;
          else if (buffer.charCodeAt(index + 1) === 10) index += 1;
        }
        start = index + 1;
      }
      buffer = buffer.slice(start);
    },
    end() {
      buffer = '';
      data = [];
      skipLeadingLf = false;
    },
  };
}

/**
 * The events of a `POST /chat/stream` response body, as they arrive. Bytes are decoded as
 * UTF-8 across chunk boundaries. Leaving the loop early cancels the body (and so the request).
 * @example
 * const response = await fetch('/api/chat/stream', { method: 'POST', headers, body });
 * for await (const event of parseSseStream(response.body!)) if (event.type === 'token') show(event.content);
 */
export async function* parseSseStream(stream: ReadableStream<Uint8Array>, options: SseParserOptions = {}): AsyncGenerator<StreamEvent, void, undefined> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let queue: StreamEvent[] = [];
  const parser = createSseParser((event) => queue.push(event), options);
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        parser.push(decoder.decode());
        parser.end();
        finished = true;
      } else {
        parser.push(decoder.decode(value, { stream: true }));
      }
      const ready = queue;
      queue = [];
      yield* ready;
      if (finished) return;
    }
  } finally {
    // Stopping early must stop the download too, not only the parsing.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
