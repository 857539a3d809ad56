import { describe, expect, it } from 'vitest';
import { signFeedbackToken, verifyFeedbackToken } from './feedback-token';

const secret = 'a-secret-of-sufficient-length';
const traceId = `tr-${'a'.repeat(32)}`;
const otherTraceId = `tr-${'b'.repeat(32)}`;
const now = 1_700_000_000_000;

describe('feedback tokens', () => {
  it('verifies a token for the trace it was signed for, until it expires', () => {
    const token = signFeedbackToken(secret, traceId, 60_000, now);
    expect(token).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(token.split('.')[0]).toBe(String(now + 60_000));
    expect(verifyFeedbackToken(secret, token, traceId, now)).toBe(true);
    expect(verifyFeedbackToken(secret, token, traceId, now + 59_999)).toBe(true);
    expect(verifyFeedbackToken(secret, token, traceId, now + 60_000)).toBe(false);
  });

  it('refuses another trace, another secret, a tampered expiry or signature', () => {
    const token = signFeedbackToken(secret, traceId, 60_000, now);
    const [expiry, signature = ''] = token.split('.');
    expect(verifyFeedbackToken(secret, token, otherTraceId, now)).toBe(false);
    expect(verifyFeedbackToken('another-secret-of-length', token, traceId, now)).toBe(false);
    expect(verifyFeedbackToken(secret, `${Number(expiry) + 1_000_000}.${signature}`, traceId, now)).toBe(false);
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(verifyFeedbackToken(secret, `${expiry}.${flipped}`, traceId, now)).toBe(false);
  });

  it('treats malformed tokens as invalid without throwing', () => {
    for (const token of [undefined, 42, '', '.', 'abc', '1e20.x', '-5.abc', `${now + 1000}.`, `${now + 1000}.short`]) {
      expect(verifyFeedbackToken(secret, token, traceId, now)).toBe(false);
    }
  });
});
