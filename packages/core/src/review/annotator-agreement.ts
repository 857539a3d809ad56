import type { AnnotatorAgreement } from '../schemas/labeling-session';

/** One item's answers to one schema, and its adjudicated (gold) answer if there is one. */
export interface AnnotatedUnit<T> {
  values: ReadonlyArray<{ user: string; value: T }>;
  gold?: T | undefined;
}

/**
 * Agreement per reviewer, for one schema. For each reviewer: over the items someone else also
 * answered, the mean share of those others who gave the same answer (`agreement_with_others`);
 * over the items with a gold label, the share of answers equal to it (`agreement_with_gold`).
 * Averaging per item keeps an item with four reviewers from outweighing one with two. Answers are
 * equal when `key` maps them to the same string. Every reviewer with an answer is listed, even
 * with no overlap (`items: 0`, `agreement_with_others: null`), so a session with no overlap says so.
 * @example
 * annotatorAgreement([{ values: [{ user: 'ann', value: 'yes' }, { user: 'bob', value: 'no' }], gold: 'yes' }], String)
 * // { ann: { items: 1, agreement_with_others: 0, gold_items: 1, agreement_with_gold: 1 }, bob: { …, agreement_with_gold: 0 } }
 */
export function annotatorAgreement<T>(units: ReadonlyArray<AnnotatedUnit<T>>, key: (value: T) => string): Record<string, AnnotatorAgreement> {
  const tally = new Map<string, { items: number; shareSum: number; gold: number; goldAgreed: number }>();
  for (const unit of units) {
    const keys = unit.values.map(({ user, value }) => ({ user, key: key(value) }));
    const goldKey = unit.gold === undefined ? undefined : key(unit.gold);
    for (const { user, key: mine } of keys) {
      const entry = tally.get(user) ?? { items: 0, shareSum: 0, gold: 0, goldAgreed: 0 };
      tally.set(user, entry);
      const others = keys.length - 1;
      if (others > 0) {
        entry.items++;
        // The user's own answer is counted among `keys`, so subtract it from the matches.
        entry.shareSum += (keys.filter((other) => other.key === mine).length - 1) / others;
      }
      if (goldKey !== undefined) {
        entry.gold++;
        if (mine === goldKey) entry.goldAgreed++;
      }
    }
  }
  const result: Record<string, AnnotatorAgreement> = {};
  for (const user of [...tally.keys()].sort()) {
    const { items, shareSum, gold, goldAgreed } = tally.get(user)!;
    result[user] = {
      items,
      agreement_with_others: items === 0 ? null : shareSum / items,
      ...(gold === 0 ? {} : { gold_items: gold, agreement_with_gold: goldAgreed / gold }),
    };
  }
  return result;
}
