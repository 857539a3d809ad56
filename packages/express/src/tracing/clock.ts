/**
 * Span timestamps: ms since epoch with a sub-millisecond fraction.
 *
 * `Date.now()` has whole milliseconds, so spans of a fast pipeline would tie; `performance.now()`
 * is precise and monotonic but drifts from the wall clock over days (NTP, suspend). So the
 * monotonic clock is anchored to the wall clock and re-anchored when they drift apart by more
 * than a few ms — never for the sub-ms noise of `Date.now()`, which would make spans jitter.
 */

const RECHECK_MS = 1000;
const MAX_DRIFT_MS = 2;

let offset: number | undefined;
let checkedAt = 0;

function calibrate(perfNow: number): number {
  const wall = Date.now() - perfNow;
  checkedAt = perfNow;
  if (offset === undefined || Math.abs(wall - offset) > MAX_DRIFT_MS) offset = wall;
  return offset;
}

/**
 * Now, in ms since epoch with a sub-millisecond fraction.
 * @example epochNowMs() // 1732363200123.456
 */
export function epochNowMs(): number {
  const perfNow = performance.now();
  const base = offset !== undefined && perfNow - checkedAt < RECHECK_MS ? offset : calibrate(perfNow);
  return base + perfNow;
}
