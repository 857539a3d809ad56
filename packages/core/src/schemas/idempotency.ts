/** The header that makes a retried feedback POST count once (the first answer is replayed). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
