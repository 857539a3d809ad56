import type { LabelingItem } from '@verdict/core';
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/**
 * The soonest a claim is renewed after the last renewal, however close its expiry looks: a
 * browser clock far ahead of the server's must not turn renewal into a tight loop.
 */
export const MIN_RENEWAL_DELAY_MS = 500;

/** How long without activity before claims stop being renewed: 10 minutes. */
export const DEFAULT_IDLE_AFTER_MS = 10 * 60_000;

/**
 * When `user`'s own claim on the item runs out (server time, ms), or undefined when they hold none.
 * With `reviewers_per_item` > 1, `claimed_by` names only the latest claim, so `claims` is read first.
 * @example ownClaimExpiry(item, 'ann') // 1_700_000_900_000
 */
export function ownClaimExpiry(item: LabelingItem | null, user: string | null): number | undefined {
  if (item === null || user === null) return undefined;
  return item.claims?.[user] ?? (item.claimed_by === user ? item.claim_expires_ms : undefined);
}

/**
 * How long to wait before renewing a claim that expires at `expiresMs`: half the time left, so
 * one slow or failed renewal still leaves time for another, and at least {@link MIN_RENEWAL_DELAY_MS}.
 * @example renewalDelayMs(now + 600_000, now) // 300_000
 */
export function renewalDelayMs(expiresMs: number, nowMs: number): number {
  return Math.max(MIN_RENEWAL_DELAY_MS, (expiresMs - nowMs) / 2);
}

/** What counts as someone being at the item: typing, clicking, touching, scrolling, moving focus. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'scroll', 'focusin'] as const;

/**
 * Calls `callback` once, at the next sign of activity in the document; answers a function that
 * stops listening. Capture phase, so scrolling inside any panel counts too.
 * @example const stop = onNextActivity(() => renew());
 */
export function onNextActivity(callback: () => void): () => void {
  const stop = () => {
    for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, fire, true);
  };
  function fire() {
    stop();
    callback();
  }
  for (const type of ACTIVITY_EVENTS) document.addEventListener(type, fire, { capture: true, passive: true });
  return stop;
}

/**
 * The time of the latest activity in the document (see {@link onNextActivity}), starting at mount.
 * @example const lastActivity = useLastActivity(); if (Date.now() - lastActivity.current > limit) …
 */
export function useLastActivity(): RefObject<number> {
  const last = useRef(Date.now());
  useEffect(() => {
    const seen = () => {
      last.current = Date.now();
    };
    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, seen, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, seen, true);
    };
  }, []);
  return last;
}
