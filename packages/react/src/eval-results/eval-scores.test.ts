import { describe, expect, it } from 'vitest';
import { isFailingRow, previewOf, scorerKind, sortValueOf, summaryOf } from './eval-scores';
import { fixtureRow } from '../test-support/eval-fixtures';

describe('eval score helpers', () => {
  it('previews values as one line of text', () => {
    expect(previewOf({ question: 'What is a span?' })).toBe('What is a span?');
    expect(previewOf({ expected_facts: ['30 days', 'free returns'] })).toBe('30 days; free returns');
    expect(previewOf({ a: 'x', b: 'y' })).toBe('{"a":"x","b":"y"}');
    expect(previewOf({ scores: [1, 2] })).toBe('{"scores":[1,2]}');
    expect(previewOf(undefined)).toBe('');
    expect(previewOf(42)).toBe('42');
  });

  it('tells boolean and numeric scorers apart by aggregate, else by values', () => {
    const rows = [fixtureRow(0)];
    expect(scorerKind('correctness', { correctness: { pass_rate: 1, errors: 0 } }, [])).toBe('boolean');
    expect(scorerKind('relevance', {}, rows)).toBe('numeric');
    expect(scorerKind('tone', {}, rows)).toBe('other');
  });

  it('counts an error or a false as failing, and sorts errors last', () => {
    expect(isFailingRow(fixtureRow(3))).toBe(true);
    expect(isFailingRow(fixtureRow(0))).toBe(false);
    expect(isFailingRow({ ...fixtureRow(0), scores: { relevance: { error: { error_code: 'TIMEOUT' } } } })).toBe(true);
    expect([sortValueOf({ value: false }), sortValueOf({ value: 0.5 }), sortValueOf({ error: { error_code: 'X' } })]).toEqual([0, 0.5, undefined]);
    expect([summaryOf({ pass_rate: 0.755, errors: 0 }), summaryOf({ mean: 0.5, errors: 1 }), summaryOf(undefined)]).toEqual(['76% pass', 'mean 0.50', '—']);
  });
});
