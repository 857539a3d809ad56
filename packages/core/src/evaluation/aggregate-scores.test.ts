import { describe, expect, it } from 'vitest';
import type { EvalScore } from '../schemas/evaluation';
import { aggregateScores, createScoreAccumulator, quantile } from './aggregate-scores';

const rows = (scores: Record<string, EvalScore>[]) => scores.map((entry) => ({ scores: entry }));
const failed: EvalScore = { error: { error_code: 'TIMEOUT', error_message: 'slow' } };

describe('aggregateScores', () => {
  it('gives pass/fail scorers a pass rate over their values, errors counted apart, never as fails', () => {
    const result = aggregateScores(rows([{ ok: { value: true } }, { ok: { value: false } }, { ok: { value: 'yes' } }, { ok: failed }]), ['ok']);
    expect(result.ok).toEqual({ pass_rate: 2 / 3, errors: 1 });
  });

  it('gives numeric scorers mean, p50 and p90', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const result = aggregateScores(rows(values.map((value) => ({ score: { value } }))), ['score']);
    expect(result.score).toEqual({ mean: 5.5, p50: 5.5, p90: 9.1, errors: 0 });
  });

  it('lists a scorer that scored nothing with zero errors and no figures', () => {
    expect(aggregateScores([], ['exact_match'])).toEqual({ exact_match: { errors: 0 } });
  });

  it('ignores text values for figures', () => {
    expect(aggregateScores(rows([{ tone: { value: 'friendly' } }]), ['tone']).tone).toEqual({ errors: 0 });
  });

  it('accumulates the same figures incrementally', () => {
    const accumulator = createScoreAccumulator(['ok']);
    accumulator.add({ scores: { ok: { value: true } } });
    expect(accumulator.snapshot().ok?.pass_rate).toBe(1);
    accumulator.add({ scores: { ok: { value: false } } });
    expect(accumulator.snapshot().ok?.pass_rate).toBe(0.5);
  });
});

describe('quantile', () => {
  it('interpolates between neighbours and handles one value and none', () => {
    expect(quantile([10, 20], 0.5)).toBe(15);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeUndefined();
  });
});
