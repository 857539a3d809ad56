import { createHmac, timingSafeEqual } from 'node:crypto';
import { VerdictError } from '@verdict/core';

/** How long a feedback token stays valid when `verdict({ feedbackTokenTtlMs })` is not given: 24 h. */
export const DEFAULT_FEEDBACK_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

// An expiry is a plain non-negative integer: no sign, exponent or fraction that would let two
// spellings of one expiry verify (or let `Number` read something the signer never wrote).
const EXPIRY_PATTERN = /^\d{1,16}$/;

function mac(secret: string, traceId: string, expiry: string): string {
  return createHmac('sha256', secret).update(`${traceId}.${expiry}`).digest('base64url');
}

/**
 * Signs a feedback token: proof that this server served `traceId`, so the holder may rate it until
 * the token expires. The token is `<expiry ms>.<base64url HMAC-SHA256(secret, trace_id + "." + expiry)>`.
 * @param ttlMs - how long the token is valid, from `now`
 * @param now - the current time in ms (for tests)
 * @example const token = signFeedbackToken(process.env.VERDICT_SECRET!, traceId, 24 * 60 * 60 * 1000)
 */
export function signFeedbackToken(secret: string, traceId: string, ttlMs: number, now: number = Date.now()): string {
  const expiry = String(Math.floor(now + ttlMs));
  return `${expiry}.${mac(secret, traceId, expiry)}`;
}

/**
 * True when `token` was signed with `secret` for exactly `traceId` and has not expired at `now`.
 * Never throws: anything malformed is simply not valid. Compares in constant time.
 * @example if (!verifyFeedbackToken(secret, req.query.feedback_token, traceId)) res.status(403)
 */
export function verifyFeedbackToken(secret: string, token: unknown, traceId: string, now: number = Date.now()): boolean {
  if (typeof token !== 'string') return false;
  const dot = token.indexOf('.');
  if (dot < 0) return false;
  const expiry = token.slice(0, dot);
  if (!EXPIRY_PATTERN.test(expiry) || Number(expiry) <= now) return false;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(secret, traceId, expiry));
  // timingSafeEqual needs equal lengths; a length mismatch leaks only the (public) digest length.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Refuses feedback without a valid, unexpired token for exactly this trace, when the instance
 * has a secret: a client may rate (and read or undo its votes on) only answers it was served.
 * @example checkFeedbackToken(context.feedbackSecret, query.feedback_token, traceId)
 */
export function checkFeedbackToken(secret: string | undefined, token: string | undefined, traceId: string): void {
  if (secret === undefined) return;
  if (token === undefined) {
    throw new VerdictError(
      'PERMISSION_DENIED',
      'feedback needs the feedback_token that came with the answer: send it as ?feedback_token= in the query string or as "feedback_token" in the JSON body',
    );
  }
  if (!verifyFeedbackToken(secret, token, traceId)) {
    throw new VerdictError('PERMISSION_DENIED', `the feedback token is not valid for trace ${traceId} (wrong trace, tampered or expired)`);
  }
}

