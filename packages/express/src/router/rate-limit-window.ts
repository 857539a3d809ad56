/** Options of {@link createFixedWindow}. */
export interface FixedWindowOptions {
  /** The window's length. */
  windowMs: number;
  /** Requests allowed per key per window. */
  max: number;
  /** Keys tracked at most; past it the oldest window is dropped. @default 100_000 */
  maxKeys?: number;
  /** The clock (tests pass a fake one). @default Date.now */
  now?: () => number;
}

/** What one request's hit says. */
export interface WindowHit {
  allowed: boolean;
  limit: number;
  /** Requests left in this window after this one. */
  remaining: number;
  /** Milliseconds until the window resets. */
  resetInMs: number;
}

/** A counter per key that resets every `windowMs`. */
export interface FixedWindow {
  /** Counts one request for `key`. */
  hit(key: string): WindowHit;
  /** Keys currently tracked (for tests and metrics). */
  readonly size: number;
}

/**
 * An in-memory fixed-window counter per key. Memory stays bounded without timers (nothing keeps
 * the process alive): expired windows are swept at most once per window, on a hit, and past
 * `maxKeys` the oldest window is dropped (a flood of new keys can at worst reset old ones).
 * @example const window = createFixedWindow({ windowMs: 60_000, max: 60 }); window.hit(req.ip).allowed
 */
export function createFixedWindow(options: FixedWindowOptions): FixedWindow {
  const { windowMs, max, maxKeys = 100_000, now = Date.now } = options;
  // Insertion order is window start order, so the first entry is always the oldest.
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = now() + windowMs;

  function sweep(at: number): void {
    for (const [key, window] of windows) {
      if (window.resetAt > at) break;
      windows.delete(key);
    }
    nextSweep = at + windowMs;
  }

  return {
    hit(key) {
      const at = now();
      if (at >= nextSweep) sweep(at);
      let window = windows.get(key);
      if (window === undefined || window.resetAt <= at) {
        // Re-inserted, not updated in place, to keep the map ordered by window start.
        windows.delete(key);
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        window = { count: 0, resetAt: at + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      const allowed = window.count <= max;
      return { allowed, limit: max, remaining: Math.max(0, max - window.count), resetInMs: window.resetAt - at };
    },
    get size() {
      return windows.size;
    },
  };
}
