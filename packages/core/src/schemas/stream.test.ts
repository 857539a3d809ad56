import { describe, expect, it } from 'vitest';
import { StreamEventSchema } from './stream';

describe('StreamEventSchema', () => {
  it('parses each event type', () => {
    const events = [
      { type: 'start', trace_id: 'tr-1', message_id: 'm1', feedback_token: 'tok' },
      { type: 'token', content: 'Hel' },
      { type: 'done', trace_id: 'tr-1' },
      { type: 'error', error: 'model overloaded', code: 'UNAVAILABLE' },
    ];
    for (const event of events) expect(StreamEventSchema.parse(event)).toEqual(event);
  });

  it('keeps fields it does not know, so an old UI survives a newer server', () => {
    const event = { type: 'token', content: 'lo', index: 3, logprobs: [0.1] };
    expect(StreamEventSchema.parse(event)).toEqual(event);
    expect(StreamEventSchema.safeParse({ type: 'done', trace_id: 'tr-1', usage: { tokens: 5 } }).success).toBe(true);
  });

  it('refuses events missing what their type needs', () => {
    expect(StreamEventSchema.safeParse({ type: 'token' }).success).toBe(false);
    expect(StreamEventSchema.safeParse({ type: 'start', trace_id: 'tr-1' }).success).toBe(false);
    expect(StreamEventSchema.safeParse({ type: 'error' }).success).toBe(false);
    expect(StreamEventSchema.safeParse({ content: 'x' }).success).toBe(false);
  });
});
