import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { StreamEvent } from '../schemas/stream';
import { createSseParser, encodeSseEvent, parseSseStream } from './sse';
import type { InvalidSseEvent } from './sse';

const start: StreamEvent = { type: 'start', trace_id: 'tr-1', message_id: 'msg-1', feedback_token: 'tok' };
const token: StreamEvent = { type: 'token', content: 'Hé\nllo' };
const done: StreamEvent = { type: 'done', trace_id: 'tr-1' };

function parseAll(chunks: string[]): { events: StreamEvent[]; invalid: InvalidSseEvent[] } {
  const events: StreamEvent[] = [];
  const invalid: InvalidSseEvent[] = [];
  const parser = createSseParser((event) => events.push(event), { onInvalid: (event) => invalid.push(event) });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, invalid };
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe('encodeSseEvent', () => {
  it('writes one data line and a blank line, even for content with line breaks', () => {
    expect(encodeSseEvent(token)).toBe('data: {"type":"token","content":"Hé\\nllo"}\n\n');
  });
});

describe('createSseParser', () => {
  it('round-trips encoded events, several per chunk', () => {
    expect(parseAll([[start, token, done].map(encodeSseEvent).join('')]).events).toEqual([start, token, done]);
  });

  it('handles events split anywhere, one character at a time', () => {
    const wire = [start, token, done].map(encodeSseEvent).join('');
    expect(parseAll([...wire]).events).toEqual([start, token, done]);
  });

  it('accepts \\r\\n and \\r line ends, also when \\r\\n is split across chunks', () => {
    const json = JSON.stringify(done);
    expect(parseAll([`data: ${json}\r`, `\n\r`, `\ndata: ${json}\r\r`]).events).toEqual([done, done]);
  });

  it('joins multi-line data with \\n and accepts "data:" without a space', () => {
    expect(parseAll(['data:{"type":"token",\ndata: "content":"x"}\n\n']).events).toEqual([{ type: 'token', content: 'x' }]);
  });

  it('ignores comments, other fields and blank lines between events', () => {
    const wire = `: ping\n\nevent: message\nid: 7\nretry: 100\n${encodeSseEvent(done)}\n\n: ping\n\n`;
    expect(parseAll([wire])).toEqual({ events: [done], invalid: [] });
  });

  it('ignores unknown event types silently, keeps unknown fields of known ones', () => {
    const wire = 'data: {"type":"reasoning","content":"hmm"}\n\ndata: {"type":"token","content":"a","index":1}\n\n';
    expect(parseAll([wire])).toEqual({ events: [{ type: 'token', content: 'a', index: 1 }], invalid: [] });
  });

  it('skips malformed JSON and known types missing fields, reporting them, and goes on', () => {
    const wire = `data: {oops\n\ndata: {"type":"token"}\n\ndata: [DONE]\n\n${encodeSseEvent(done)}`;
    expect(parseAll([wire])).toEqual({
      events: [done],
      invalid: [
        { data: '{oops', reason: 'malformed_json' },
        { data: '{"type":"token"}', reason: 'invalid_event' },
        { data: '[DONE]', reason: 'malformed_json' },
      ],
    });
  });

  it('drops an event the stream ends before closing', () => {
    expect(parseAll([`${encodeSseEvent(start)}data: ${JSON.stringify(done)}\n`]).events).toEqual([start]);
  });
});

describe('parseSseStream', () => {
  it('decodes UTF-8 split inside a character and yields events as they arrive', async () => {
    const bytes = new TextEncoder().encode([start, token, done].map(encodeSseEvent).join(''));
    const at = bytes.indexOf(0xc3) + 1; // inside the two bytes of "é"
    const events: StreamEvent[] = [];
    for await (const event of parseSseStream(streamOf([bytes.slice(0, at), bytes.slice(at)]))) events.push(event);
    expect(events).toEqual([start, token, done]);
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(encodeSseEvent(start)));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of parseSseStream(body)) {
      expect(event).toEqual(start);
      break;
    }
    expect(cancelled).toBe(true);
  });
});

describe('the schema option', () => {
  const PingSchema = z.discriminatedUnion('type', [
    z.object({ type: z.literal('ping'), n: z.number() }),
    z.object({ type: z.literal('bye') }),
  ]);
  type Ping = z.infer<typeof PingSchema>;

  it('parses another stream with its own schema, skipping unknown types and reporting broken known ones', () => {
    const events: Ping[] = [];
    const invalid: InvalidSseEvent[] = [];
    const parser = createSseParser<Ping>((event) => events.push(event), { schema: PingSchema, onInvalid: (event) => invalid.push(event) });
    parser.push('data: {"type":"ping","n":1}\n\ndata: {"type":"token","content":"x"}\n\ndata: {"type":"ping"}\n\ndata: {"type":"bye"}\n\n');
    parser.end();
    expect(events).toEqual([{ type: 'ping', n: 1 }, { type: 'bye' }]);
    expect(invalid).toEqual([{ data: '{"type":"ping"}', reason: 'invalid_event' }]);
  });

  it('keeps the chat schema as the default next to a parser with another schema', async () => {
    const pings: Ping[] = [];
    for await (const event of parseSseStream(streamOf([new TextEncoder().encode('data: {"type":"ping","n":2}\n\n')]), { schema: PingSchema })) pings.push(event);
    expect(pings).toEqual([{ type: 'ping', n: 2 }]);
    expect(parseAll([encodeSseEvent(start), 'data: {"type":"ping","n":2}\n\n']).events).toEqual([start]);
  });
});
