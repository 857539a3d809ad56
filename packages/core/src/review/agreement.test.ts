import { describe, expect, it } from 'vitest';
import type { LabelSchema } from '../schemas/label-schema';
import type { LabelValue, LabelingItem } from '../schemas/labeling-session';
import { cohenKappa, exactMatchRate, krippendorffAlpha } from './agreement';
import { answerKey, sessionAgreement } from './session-agreement';

const repeat = <T>(pair: T, times: number): T[] => Array.from({ length: times }, () => pair);

describe('cohenKappa', () => {
  it('matches the textbook 2×2 example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → 0.4', () => {
    // p_o = 35/50 = 0.7; rater A says yes 25/50, B 30/50: p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5.
    const pairs = [
      ...repeat(['yes', 'yes'] as const, 20),
      ...repeat(['yes', 'no'] as const, 5),
      ...repeat(['no', 'yes'] as const, 10),
      ...repeat(['no', 'no'] as const, 15),
    ];
    expect(cohenKappa(pairs)).toBeCloseTo(0.4, 12);
  });

  it('is 1 on perfect agreement, negative below chance, null without variance or data', () => {
    expect(cohenKappa([['a', 'a'], ['b', 'b']])).toBe(1);
    expect(cohenKappa([['a', 'b'], ['b', 'a']])).toBe(-1);
    expect(cohenKappa([['a', 'a'], ['a', 'a']])).toBeNull();
    expect(cohenKappa([])).toBeNull();
  });
});

describe('krippendorffAlpha', () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the worked example:
  // 4 observers, 12 units, missing values; α nominal = 0.743, interval = 0.849.
  const observers: Array<Array<number | null>> = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ];
  const units = Array.from({ length: 12 }, (_, unit) =>
    observers.map((row) => row[unit]).filter((value): value is number => value !== null && value !== undefined),
  );

  it('reproduces the published nominal and interval values', () => {
    expect(krippendorffAlpha(units, 'nominal')).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(units, 'interval')).toBeCloseTo(0.849, 3);
  });

  it('is 1 on perfect agreement and null when nothing varies or nothing pairs', () => {
    expect(krippendorffAlpha([[1, 1], [2, 2, 2]], 'nominal')).toBe(1);
    expect(krippendorffAlpha([['a', 'a'], ['a', 'a']], 'nominal')).toBeNull();
    expect(krippendorffAlpha([[1], [2]], 'interval')).toBeNull();
  });

  it('works out a small case by hand: [[1,1],[2,2],[1,2]] nominal = 1 − (1/3)/(3/5) = 4/9', () => {
    expect(krippendorffAlpha([[1, 1], [2, 2], [1, 2]], 'nominal')).toBeCloseTo(4 / 9, 12);
  });
});

describe('exactMatchRate', () => {
  it('is the share of pairable units whose values are all equal', () => {
    expect(exactMatchRate([['a', 'a'], ['a', 'b'], ['c'], ['x', 'x', 'x']])).toBeCloseTo(2 / 3, 12);
    expect(exactMatchRate([['a']])).toBeNull();
  });
});

describe('sessionAgreement', () => {
  const schemas: LabelSchema[] = [
    { name: 'ok', type: 'feedback', title: 'OK?', input: { kind: 'categorical', options: ['yes', 'no'] } },
    { name: 'score', type: 'feedback', title: 'Score', input: { kind: 'numeric', min_value: 1, max_value: 5 } },
    { name: 'facts', type: 'expectation', title: 'Facts', input: { kind: 'text_list' } },
  ];
  const hex = (n: number) => n.toString(16).padStart(32, '0');
  const item = (n: number, labels: Record<string, Record<string, LabelValue>>): LabelingItem => ({
    item_id: `li-${hex(n)}`,
    labeling_session_id: `ls-${hex(0)}`,
    source: { trace_id: `tr-${hex(n)}` },
    trace_id: `tr-${hex(n + 100)}`,
    state: 'completed',
    labels: Object.fromEntries(
      Object.entries(labels).map(([user, answers]) => [user, Object.fromEntries(Object.entries(answers).map(([k, value]) => [k, { value }]))]),
    ),
  });

  it('picks kappa for two reviewers, alpha for numbers, exact match for text, and lists disagreements', () => {
    const items = [
      item(1, { ann: { ok: 'yes', score: 4, facts: ['a', 'b'] }, bob: { ok: 'yes', score: 4, facts: ['b', ' a'] } }),
      item(2, { ann: { ok: 'no', score: 2, facts: ['c'] }, bob: { ok: 'yes', score: 3, facts: ['d'] } }),
      item(3, { ann: { ok: 'no', score: 1 } }),
    ];
    const { schemas: figures, disagreements } = sessionAgreement(items, schemas);
    // ok: pairs (yes,yes),(no,yes): p_o = 1/2; ann yes 1/2, bob yes 2/2: p_e = 1/2 → κ = 0.
    expect(figures.ok).toEqual({
      metric: 'cohen_kappa',
      value: 0,
      items: 2,
      // Item 3 has one answer: ann is listed over items 1–2 only, where she agrees once.
      by_user: { ann: { items: 2, agreement_with_others: 0.5 }, bob: { items: 2, agreement_with_others: 0.5 } },
    });
    // score units [4,4],[2,3]: n = 4, D_o = 2·(2−3)²/4 = 1/2; margins 4:2, 2:1, 3:1 give
    // D_e = 2·(2·1·4 + 2·1·1 + 1·1·1)/(4·3) = 22/12; α = 1 − (1/2)/(22/12) = 8/11.
    expect(figures.score?.metric).toBe('krippendorff_alpha');
    expect(figures.score?.value).toBeCloseTo(8 / 11, 12);
    expect(figures.facts).toMatchObject({ metric: 'exact_match', value: 0.5, items: 2 });
    expect(disagreements.map(({ schema }) => schema).sort()).toEqual(['facts', 'ok', 'score']);
    expect(disagreements.find(({ schema }) => schema === 'ok')).toEqual({ item_id: items[1]!.item_id, schema: 'ok', values: { ann: 'no', bob: 'yes' } });
  });

  it('uses alpha for three reviewers and drops adjudicated disagreements', () => {
    const three = item(1, { ann: { ok: 'yes' }, bob: { ok: 'no' }, cy: { ok: 'yes' } });
    expect(sessionAgreement([three], schemas).schemas.ok?.metric).toBe('krippendorff_alpha');
    const settled = { ...three, adjudicated: { by: 'dev', time: 1, labels: { ok: { value: 'yes' } } } };
    expect(sessionAgreement([settled], schemas).disagreements).toEqual([]);
    // Gold 'yes': ann and cy match it, bob does not; each agrees with half of the others.
    expect(sessionAgreement([settled], schemas).schemas.ok?.by_user).toEqual({
      ann: { items: 1, agreement_with_others: 0.5, gold_items: 1, agreement_with_gold: 1 },
      bob: { items: 1, agreement_with_others: 0, gold_items: 1, agreement_with_gold: 0 },
      cy: { items: 1, agreement_with_others: 0.5, gold_items: 1, agreement_with_gold: 1 },
    });
  });

  it('compares lists as sets and texts trimmed', () => {
    expect(answerKey(['b', ' a'])).toBe(answerKey(['a', 'b']));
    expect(answerKey(' x ')).toBe(answerKey('x'));
    expect(answerKey(1)).not.toBe(answerKey('1'));
  });
});
