import { describe, expect, it } from 'vitest';
import { createAdaptiveThrottle } from './adaptive-throttle';

function fakeClock() {
  let time = 0;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    advance: (ms: number) => {
      time += ms;
    },
    sleeps,
  };
}

describe('createAdaptiveThrottle', () => {
  it('never runs more than maxConcurrent calls at once, and runs them all', async () => {
    const throttle = createAdaptiveThrottle({ maxConcurrent: 3 });
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        throttle.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 2));
          running -= 1;
          return index;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 12 }, (_, index) => index));
    expect(peak).toBe(3);
    expect(throttle.active).toBe(0);
  });

  it('frees the slot when a call throws', async () => {
    const throttle = createAdaptiveThrottle({ maxConcurrent: 1 });
    await expect(throttle.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(throttle.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('does not pace calls before the first 429', async () => {
    const clock = fakeClock();
    const throttle = createAdaptiveThrottle({ maxConcurrent: 4, now: clock.now, sleep: clock.sleep });
    for (let index = 0; index < 20; index++) await throttle.run(() => Promise.resolve());
    expect(throttle.ratePerSecond).toBe(Infinity);
    expect(clock.sleeps).toEqual([]);
  });

  it('halves the observed rate on a 429, spaces calls by it, and halves again down to the floor', async () => {
    const clock = fakeClock();
    const throttle = createAdaptiveThrottle({ maxConcurrent: 8, minRatePerSecond: 1, now: clock.now, sleep: clock.sleep });
    // 20 calls in the last second: the observed rate is 20/s.
    for (let index = 0; index < 20; index++) {
      await throttle.run(() => Promise.resolve());
      clock.advance(40);
    }
    throttle.rateLimited();
    expect(throttle.ratePerSecond).toBe(10);
    const starts: number[] = [];
    // One after another: the fake clock is shared, so concurrent sleeps would all end at the last one's time.
    for (let index = 0; index < 4; index++) await throttle.run(async () => void starts.push(clock.now()));
    const gaps = starts.slice(1).map((start, index) => start - (starts[index] ?? 0));
    expect(gaps).toEqual([100, 100, 100]);
    throttle.rateLimited();
    expect(throttle.ratePerSecond).toBe(5);
    for (let index = 0; index < 10; index++) throttle.rateLimited();
    expect(throttle.ratePerSecond).toBe(1);
  });

  it('recovers slowly after a 429 and lifts the limit once back where it was cut', () => {
    const clock = fakeClock();
    const throttle = createAdaptiveThrottle({ recovery: 0.1, minRatePerSecond: 1, now: clock.now, sleep: clock.sleep });
    throttle.rateLimited(); // nothing observed yet: cut from the floor's double
    expect(throttle.ratePerSecond).toBe(1);
    throttle.succeeded();
    expect(throttle.ratePerSecond).toBeCloseTo(1.1);
    let successes = 1;
    while (Number.isFinite(throttle.ratePerSecond)) {
      throttle.succeeded();
      successes += 1;
    }
    // 1 → 2 at +10 % a call takes 8 calls: slow, not instant.
    expect(successes).toBe(8);
  });
});
