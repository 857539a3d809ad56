import type * as z from 'zod/mini';
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

/**
 * The schema of a stream's events: a zod/mini discriminated union on a literal `type`, so the
 * parser can tell an unknown (newer) event type from a broken known one.
 * @example const schema: SseEventSchema<EvalEvent> = EvalEventSchema;
 */
export type SseEventSchema<Event> = z.ZodMiniType<Event, unknown> & {
  def: { options: ReadonlyArray<{ shape: { type: { def: { values: readonly unknown[] } } } }> };
};

/** Options of {@link createSseParser} and {@link parseSseStream}. */
export interface SseParserOptions<Event = StreamEvent> {
  /**
   * Told about every event that was skipped as invalid. Skipped, not thrown: one bad event must
   * not end an answer the user is reading. Unknown event types and comments are not reported.
   */
  onInvalid?: (invalid: InvalidSseEvent) => void;
  /**
   * The events' schema, for streams other than the chat stream (e.g. `EvalEventSchema`).
   * @default StreamEventSchema
   */
  schema?: SseEventSchema<Event>;
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
const knownTypesBySchema = new WeakMap<object, ReadonlySet<unknown>>();
function isKnownType(schema: SseEventSchema<unknown>, type: string): boolean {
  let knownTypes = knownTypesBySchema.get(schema);
  if (knownTypes === undefined) {
    knownTypes = new Set(schema.def.options.flatMap((option) => option.shape.type.def.values));
    knownTypesBySchema.set(schema, knownTypes);
  }
  return knownTypes.has(type);
}

function deliver<Event>(data: string, onEvent: (event: Event) => void, options: SseParserOptions<Event>): void {
  // Without a schema the caller's Event is the chat StreamEvent (the default type argument).
  const schema = options.schema ?? (StreamEventSchema as unknown as SseEventSchema<Event>);
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    options.onInvalid?.({ data, reason: 'malformed_json' });
    return;
  }
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  // Newer servers may add event types: an older client skips them without complaint.
  if (typeof type === 'string' && !isKnownType(schema, type)) return;
  const parsed = schema.safeParse(json);
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
export function createSseParser<Event = StreamEvent>(onEvent: (event: Event) => void, options: SseParserOptions<Event> = {}): SseParser {
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
 * // Another stream: for await (const event of parseSseStream(body, { schema: EvalEventSchema })) …
 */
export async function* parseSseStream<Event = StreamEvent>(
  stream: ReadableStream<Uint8Array>,
  options: SseParserOptions<Event> = {},
): AsyncGenerator<Event, void, undefined> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let queue: Event[] = [];
  const parser = createSseParser<Event>((event) => queue.push(event), options);
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
