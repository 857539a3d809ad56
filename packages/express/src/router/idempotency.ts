import { VerdictError } from '@verdict/core';
import type { Request } from 'express';

/** Remembers the result of each keyed write for a while, so a retried request counts once. */
export interface IdempotencyCache {
  /**
   * Runs `work` once per `scope` + `key` within the time to live; a repeat (even one arriving
   * while the first is still running) gets the first result. Failed work is forgotten, so a retry
   * after an error really retries. Without a key, `work` simply runs.
   */
  run<T>(scope: string, key: string | undefined, work: () => Promise<T>): Promise<T>;
}

/** Options of {@link createIdempotencyCache}. */
export interface IdempotencyCacheOptions {
  /** @default 600_000 (10 minutes: longer than any client's retry loop) */
  ttlMs?: number;
  /** Oldest keys are forgotten beyond this many, so memory stays bounded under abuse. @default 10_000 */
  maxEntries?: number;
  now?: () => number;
}

/**
 * An in-memory idempotency cache. It lives in one process: behind several replicas, a retry that
 * reaches another replica is not recognised (documented limitation).
 * @example const cache = createIdempotencyCache(); await cache.run(`${traceId}\n${userId}`, key, () => write());
 */
export function createIdempotencyCache(options: IdempotencyCacheOptions = {}): IdempotencyCache {
  const { ttlMs = 600_000, maxEntries = 10_000, now = Date.now } = options;
  const entries = new Map<string, { expires: number; result: Promise<unknown> }>();

  function sweep(time: number): void {
    // Insertion order is expiry order (one TTL for all), so the scan stops at the first live key.
    for (const [id, entry] of entries) {
      if (entry.expires > time && entries.size <= maxEntries) break;
      entries.delete(id);
    }
  }

  return {
    run(scope, key, work) {
      if (key === undefined) return work();
      const time = now();
      sweep(time);
      const id = `${scope}\n${key}`;
      const known = entries.get(id);
      if (known !== undefined) return known.result as ReturnType<typeof work>;
      const result = work();
      entries.set(id, { expires: time + ttlMs, result });
      result.catch(() => {
        if (entries.get(id)?.result === result) entries.delete(id);
      });
      return result;
    },
  };
}

/**
 * The request's `Idempotency-Key` header, checked (1–256 printable characters).
 * @example const key = idempotencyKeyOf(req)
 */
export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 256) {
    throw new VerdictError('INVALID_ARGUMENT', 'the Idempotency-Key header must be 1 to 256 characters (e.g. a UUID)');
  }
  return key;
}
