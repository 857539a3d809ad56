/** Options of {@link createAdaptiveThrottle}. */
export interface AdaptiveThrottleOptions {
  /** Calls running at once. @default 4 */
  maxConcurrent?: number;
  /** The rate (calls/s) never goes below this after 429s. @default 0.5 */
  minRatePerSecond?: number;
  /** Growth of the rate per successful call after a 429 (0.05 = 5 %): slow, so a provider is not hit again at once. @default 0.05 */
  recovery?: number;
  /** The clock, in ms. @default Date.now */
  now?: () => number;
  /** Waits `ms`. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** A per-run gate for LLM calls: a concurrency cap and an adaptive rate (halve on 429, recover slowly). */
export interface AdaptiveThrottle {
  /** Runs `fn` when a slot is free and the rate allows; frees the slot when it settles. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** The provider said 429: halve the rate (from the rate observed over the last second when unlimited). */
  rateLimited(): void;
  /** A call succeeded: grow the rate a little; once back above where it was first cut, lift the limit. */
  succeeded(): void;
  /** Calls/s allowed now; `Infinity` while no 429 has been seen (or after full recovery). */
  readonly ratePerSecond: number;
  /** Calls running now. */
  readonly active: number;
}

const WINDOW_MS = 1000;

/**
 * Creates an {@link AdaptiveThrottle}. Until the first 429 only the concurrency cap applies; then
 * calls are spaced `1000 / rate` ms apart, the rate halving on each 429 and growing by
 * `recovery` per success until it passes the rate seen when it was first cut (then unlimited again).
 * @example
 * const throttle = createAdaptiveThrottle({ maxConcurrent: 8 });
 * const answer = await throttle.run(() => client.chat.completions.create(body));
 */
export function createAdaptiveThrottle(options: AdaptiveThrottleOptions = {}): AdaptiveThrottle {
  const maxConcurrent = Math.max(1, options.maxConcurrent ?? 4);
  const minRate = options.minRatePerSecond ?? 0.5;
  const recovery = options.recovery ?? 0.05;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  let rate = Infinity;
  let ceiling = Infinity;
  let active = 0;
  let nextStartMs = 0;
  const recentStarts: number[] = [];
  const waiting: (() => void)[] = [];

  function observedRate(): number {
    const since = now() - WINDOW_MS;
    while (recentStarts.length > 0 && (recentStarts[0] ?? 0) < since) recentStarts.shift();
    return recentStarts.length * (1000 / WINDOW_MS);
  }

  async function acquire(): Promise<void> {
    if (active >= maxConcurrent) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    // Reserve the start time before waiting, so concurrent callers space out instead of all waking at once.
    if (Number.isFinite(rate)) {
      const at = Math.max(now(), nextStartMs);
      nextStartMs = at + 1000 / rate;
      const wait = at - now();
      if (wait > 0) await sleep(wait);
    }
    recentStarts.push(now());
    // Only the last second matters: trimming here keeps a long run's history from growing.
    observedRate();
  }

  function release(): void {
    const next = waiting.shift();
    // The slot passes straight to the next waiter: `active` stays the same.
    if (next !== undefined) next();
    else active -= 1;
  }

  return {
    async run(fn) {
      await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
    rateLimited() {
      if (!Number.isFinite(rate)) {
        const observed = Math.max(observedRate(), minRate * 2);
        ceiling = observed;
        rate = observed;
      }
      rate = Math.max(minRate, rate / 2);
      nextStartMs = Math.max(nextStartMs, now() + 1000 / rate);
    },
    succeeded() {
      if (!Number.isFinite(rate)) return;
      rate *= 1 + recovery;
      if (rate >= ceiling) {
        rate = Infinity;
        ceiling = Infinity;
      }
    },
    get ratePerSecond() {
      return rate;
    },
    get active() {
      return active;
    },
  };
}
