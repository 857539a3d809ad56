import { describe, expect, it } from 'vitest';
import type { EvalRow } from '../schemas/evaluation';
import { compareEvaluations, rowChange } from './compare-evaluations';

function row(question: string, scores: EvalRow['scores'], extra: Record<string, string> = {}): EvalRow {
  return { row_id: question, inputs: { question, ...extra }, expectations: {}, scores };
}

describe('compareEvaluations', () => {
  const base = {
    scorers: ['ok', 'score'],
    rows: [
      row('a', { ok: { value: true }, score: { value: 0.5 } }, { lang: 'en' }),
      row('b', { ok: { value: false }, score: { value: 0.5 } }),
      row('c', { ok: { value: true }, score: { value: 0.9 } }),
      row('only-base', { ok: { value: true } }),
    ],
  };
  const candidate = {
    scorers: ['ok', 'score'],
    rows: [
      // Same inputs in another key order still match.
      row('c', { ok: { value: false }, score: { value: 1 } }),
      row('b', { ok: { value: true }, score: { value: 0.5 } }),
      { ...row('a', { ok: { value: true }, score: { value: 0.5 } }), inputs: { lang: 'en', question: 'a' } },
      row('only-candidate', { ok: { value: true } }),
    ],
  };

  it('matches rows by inputs and orders them regressed, improved, unchanged, unmatched last', () => {
    const { rows } = compareEvaluations(base, candidate);
    expect(rows.map((entry) => [entry.inputs.question, entry.change])).toEqual([
      ['c', 'regressed'],
      ['b', 'improved'],
      ['a', 'unchanged'],
      ['only-base', 'unchanged'],
      ['only-candidate', 'unchanged'],
    ]);
    expect(rows[3]?.candidate).toBeNull();
    expect(rows[4]?.base).toBeNull();
  });

  it('gives each scorer its headline figure on both sides and the delta', () => {
    const { scorers } = compareEvaluations(base, candidate);
    expect(scorers.ok).toEqual({ base: 0.75, candidate: 0.75, delta: 0 });
    expect(scorers.score?.base).toBeCloseTo(1.9 / 3);
    expect(scorers.score?.delta).toBeCloseTo(0.1 / 3);
  });

  it('matches duplicate inputs one to one, in order', () => {
    const twice = { scorers: ['ok'], rows: [row('a', { ok: { value: true } }), row('a', { ok: { value: false } })] };
    const flipped = { scorers: ['ok'], rows: [row('a', { ok: { value: false } }), row('a', { ok: { value: true } })] };
    expect(compareEvaluations(twice, flipped).rows.map((entry) => entry.change)).toEqual(['regressed', 'improved']);
  });
});

describe('rowChange', () => {
  it('counts a new error as a regression and a fixed error as an improvement', () => {
    const error = { error: { error_code: 'TIMEOUT' } };
    expect(rowChange({ ok: { value: true } }, { ok: error })).toBe('regressed');
    expect(rowChange({ ok: error }, { ok: { value: false } })).toBe('improved');
  });

  it('lets a regression win over an improvement elsewhere', () => {
    expect(rowChange({ a: { value: true }, b: { value: 0.2 } }, { a: { value: false }, b: { value: 0.9 } })).toBe('regressed');
  });
});
