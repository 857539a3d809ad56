import { describe, expect, it } from 'vitest';
import { VerdictError } from '../errors';
import { newTraceId } from '../ids';
import { decodePageToken, encodePageToken } from './page-token';

describe('page tokens', () => {
  it('round-trip a cursor through URL-safe text', () => {
    const cursor = { request_time: 1_700_000_000_123, trace_id: newTraceId(), direction: 'DESC' as const };
    const token = encodePageToken(cursor);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token)).toEqual(cursor);
  });

  it.each(['', 'a b', 'e30', 'WzEsMl0', '////', 'eyJ'])('refuses %j with INVALID_ARGUMENT', (token) => {
    expect(() => decodePageToken(token)).toThrow(VerdictError);
    expect(() => decodePageToken(token)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
