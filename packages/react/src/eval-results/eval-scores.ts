import type { EvalAggregate, EvalRow, EvalScore, JsonValue } from '@verdict/core';

/** How a scorer's values are summarised: pass rate (booleans), mean (numbers), or neither. */
export type ScorerKind = 'boolean' | 'numeric' | 'other';

/**
 * The kind of a scorer, from its aggregate (the server's word) or else from its values.
 * @example scorerKind('correctness', run.aggregates, run.rows) // 'boolean'
 */
export function scorerKind(name: string, aggregates: Record<string, EvalAggregate>, rows: readonly EvalRow[]): ScorerKind {
  const aggregate = aggregates[name];
  if (aggregate?.pass_rate !== undefined) return 'boolean';
  if (aggregate?.mean !== undefined) return 'numeric';
  for (const row of rows) {
    const value = row.scores[name]?.value;
    if (typeof value === 'boolean') return 'boolean';
    if (typeof value === 'number') return 'numeric';
  }
  return 'other';
}

/**
 * The scorers of a run, in the run's order, plus any seen only on rows (a live run's rows may
 * arrive before its metadata).
 * @example scorerNames(run.scorers, rows) // ['correctness', 'latency_under']
 */
export function scorerNames(declared: readonly string[], rows: readonly EvalRow[]): string[] {
  const names = new Set(declared);
  for (const row of rows) for (const name of Object.keys(row.scores)) names.add(name);
  return [...names];
}

/**
 * True when the score is a failure: an explicit `false`, or an error instead of a value.
 * @example isFailingScore({ error: { error_code: 'TIMEOUT' } }) // true
 */
export function isFailingScore(score: EvalScore | undefined): boolean {
  return score !== undefined && (score.error !== undefined || score.value === false);
}

/**
 * True when any scorer failed the row (said `false` or errored): what "failing only" keeps.
 * @example rows.filter(isFailingRow)
 */
export function isFailingRow(row: EvalRow): boolean {
  return Object.values(row.scores).some(isFailingScore);
}

/**
 * A number for sorting a score: pass 1, fail 0, numbers as they are; errors and missing scores
 * sort last (undefined).
 * @example sortValueOf({ value: true }) // 1
 */
export function sortValueOf(score: EvalScore | undefined): number | string | undefined {
  if (score === undefined || score.error !== undefined) return undefined;
  const { value } = score;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A number with two decimals, the one format of numeric scores everywhere in EvalResults.
 * @example formatNumber(0.5) // '0.50'
 */
export const formatNumber = (value: number): string => value.toFixed(2);

/**
 * A 0–1 rate as a whole percentage.
 * @example formatPercent(0.755) // '76%'
 */
export const formatPercent = (rate: number): string => `${Math.round(rate * 100)}%`;

/**
 * One-line text of any JSON value for a table cell: a string as is, a list of strings joined by
 * "; ", an object of one field as that field's text (`{ question: 'Hi' }` → `Hi`), the rest as
 * compact JSON.
 * @example previewOf({ expected_facts: ['30 days', 'free'] }) // '30 days; free'
 */
export function previewOf(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join('; ');
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.values(value);
    if (entries.length === 1 && (typeof entries[0] === 'string' || Array.isArray(entries[0]))) {
      const only = previewOf(entries[0]);
      if (!only.startsWith('[')) return only;
    }
  }
  return JSON.stringify(value);
}

/**
 * The summary of one scorer as a short phrase: `'76% pass'`, `'mean 0.82'` or `'—'`.
 * @example summaryOf({ pass_rate: 0.5, errors: 0 }) // '50% pass'
 */
export function summaryOf(aggregate: EvalAggregate | undefined): string {
  if (aggregate?.pass_rate !== undefined) return `${formatPercent(aggregate.pass_rate)} pass`;
  if (aggregate?.mean !== undefined) return `mean ${formatNumber(aggregate.mean)}`;
  return '—';
}

/**
 * An error count in words.
 * @example errorsText(1) // '1 error'
 */
export const errorsText = (count: number): string => `${count} ${count === 1 ? 'error' : 'errors'}`;
