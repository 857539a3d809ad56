/** How requests to MLflow are retried. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. @default 4 */
  attempts: number;
  /** Delay before the first retry, doubled each time. @default 100 */
  baseDelayMs: number;
  /** Longest delay between two attempts. @default 5000 */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 5000 };

/**
 * The delay before retry number `retry` (1-based): exponential with "full jitter", so replicas
 * that failed together do not retry together. A server's `Retry-After` wins when it asks for longer.
 * @example backoffDelay(2, DEFAULT_RETRY, undefined) // somewhere in [0, 200) ms
 */
export function backoffDelay(retry: number, policy: RetryPolicy, retryAfterMs: number | undefined, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === undefined) return jittered;
  return Math.min(Math.max(jittered, retryAfterMs), Math.max(policy.maxDelayMs, retryAfterMs));
}

/**
 * `Retry-After` in ms: delta-seconds or an HTTP date; undefined when absent or unreadable.
 * @example parseRetryAfter('2') // 2000
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or less if `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
