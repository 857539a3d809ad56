import { VerdictError } from '@verdict/core';
import type { LabelingItem, LabelingItemState, LabelingProgress, LabelingSessionInfo, VerdictUser } from '@verdict/core';

/** How long a claim holds an item for one reviewer unless told otherwise: 15 minutes. */
export const DEFAULT_CLAIM_TTL_MS = 15 * 60_000;

/** The reviewers holding a live claim on an item at `now` (reviewer → expiry). */
export function liveClaims(item: LabelingItem, now: number): Record<string, number> {
  return Object.fromEntries(Object.entries(item.claims ?? {}).filter(([, expires]) => expires > now));
}

/**
 * An item's state at `now`, from its labels and claims (claims expire, so it is derived, not kept):
 * `completed` once `reviewers_per_item` reviewers labeled it, `in_progress` while claimed or
 * partly labeled, `skipped` when only skips were recorded, else `pending`.
 * @example itemState(item, 1, Date.now()) // 'in_progress'
 */
export function itemState(item: LabelingItem, reviewersPerItem: number, now: number): LabelingItemState {
  const labeled = Object.keys(item.labels).length;
  if (labeled >= reviewersPerItem) return 'completed';
  if (Object.keys(liveClaims(item, now)).length > 0 || labeled > 0) return 'in_progress';
  if ((item.skipped_by ?? []).length > 0) return 'skipped';
  return 'pending';
}

/**
 * The item as the wire shows it at `now`: derived state, expired claims dropped, and
 * `claimed_by`/`claim_expires_ms` naming the latest live claim.
 */
export function presentItem(item: LabelingItem, reviewersPerItem: number, now: number): LabelingItem {
  const { claims: _claims, claimed_by: _by, claim_expires_ms: _expires, ...rest } = item;
  const claims = liveClaims(item, now);
  const latest = Object.entries(claims).sort(([, a], [, b]) => b - a)[0];
  return {
    ...rest,
    state: itemState(item, reviewersPerItem, now),
    ...(latest === undefined ? {} : { claimed_by: latest[0], claim_expires_ms: latest[1], claims }),
  };
}

/**
 * The item as `viewer` may see it: developers see everything; reviewers label blind, so they see
 * their own answers only (not other reviewers' nor the adjudicated gold), and overlap measures
 * independent judgments.
 * @example itemForViewer(item, { id: 'ann', role: 'reviewer' }).labels // { ann: {...} } at most
 */
export function itemForViewer(item: LabelingItem, viewer: VerdictUser): LabelingItem {
  if (viewer.role === 'developer') return item;
  const { adjudicated: _gold, labels, ...rest } = item;
  const own = labels[viewer.id];
  return { ...rest, labels: own === undefined ? {} : { [viewer.id]: own } };
}

/** Why `user` may not take a slot on the item now, or undefined when they may. */
function refusal(item: LabelingItem, user: string, reviewersPerItem: number, now: number): string | undefined {
  // A reviewer may come back to an item they labeled or hold, to change their answers.
  if (item.labels[user] !== undefined) return undefined;
  const claims = liveClaims(item, now);
  if (claims[user] !== undefined) return undefined;
  const labeled = Object.keys(item.labels).length;
  if (labeled >= reviewersPerItem) return `item ${item.item_id} is already completed`;
  const holders = Object.keys(claims).filter((holder) => item.labels[holder] === undefined);
  if (labeled + holders.length >= reviewersPerItem) {
    const until = Math.max(...holders.map((holder) => claims[holder] ?? 0));
    return `item ${item.item_id} is being labeled by ${holders.join(', ')} until ${new Date(until).toISOString()}`;
  }
  return undefined;
}

/**
 * Takes (or renews) `user`'s claim on the item for `ttlMs`, dropping expired claims; `CONFLICT`
 * when the item is completed or other reviewers hold all `reviewers_per_item` slots.
 * @example const claimed = claimItem(item, 'ann', 1, Date.now(), DEFAULT_CLAIM_TTL_MS)
 */
export function claimItem(item: LabelingItem, user: string, reviewersPerItem: number, now: number, ttlMs: number): LabelingItem {
  const refused = refusal(item, user, reviewersPerItem, now);
  if (refused !== undefined) throw new VerdictError('CONFLICT', refused);
  return { ...item, claims: { ...liveClaims(item, now), [user]: now + ttlMs } };
}

/**
 * Whether the item belongs in `user`'s queue at `now`: they have neither labeled nor skipped it,
 * and it has a slot for them (or they hold one).
 */
export function inQueueOf(item: LabelingItem, user: string, reviewersPerItem: number, now: number): boolean {
  if (item.labels[user] !== undefined || (item.skipped_by ?? []).includes(user)) return false;
  return refusal(item, user, reviewersPerItem, now) === undefined;
}

/**
 * A session's progress: items in all, items completed, and items each reviewer labeled.
 * @example progressOf(session, items, Date.now()) // { total: 40, completed: 12, by_user: { ann: 7, bob: 5 } }
 */
export function progressOf(session: LabelingSessionInfo, items: readonly LabelingItem[], now: number): LabelingProgress {
  // Assigned reviewers who labeled nothing yet show as 0, so a progress view can list everyone.
  const byUser: Record<string, number> = Object.fromEntries(session.assigned_users.map((user) => [user, 0]));
  let completed = 0;
  for (const item of items) {
    if (itemState(item, session.reviewers_per_item, now) === 'completed') completed++;
    for (const user of Object.keys(item.labels)) byUser[user] = (byUser[user] ?? 0) + 1;
  }
  return { total: items.length, completed, by_user: byUser };
}
