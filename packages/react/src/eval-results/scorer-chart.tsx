import type { EvalRow } from '@verdict/core';
import { useId } from 'react';
import { formatNumber, formatPercent } from './eval-scores';
import type { ScorerKind } from './eval-scores';

/** Props of {@link ScorerChart}. */
export interface ScorerChartProps {
  name: string;
  kind: ScorerKind;
  rows: readonly EvalRow[];
  /** Bins of a numeric histogram. @default 10 */
  bins?: number;
}

/**
 * Counts of a boolean scorer's verdicts.
 * @example passCounts('correctness', run.rows) // { pass: 30, fail: 8, errors: 2 }
 */
export function passCounts(name: string, rows: readonly EvalRow[]): { pass: number; fail: number; errors: number } {
  const counts = { pass: 0, fail: 0, errors: 0 };
  for (const row of rows) {
    const score = row.scores[name];
    if (score?.error !== undefined) counts.errors += 1;
    else if (score?.value === true) counts.pass += 1;
    else if (score?.value === false) counts.fail += 1;
  }
  return counts;
}

/**
 * A histogram of a numeric scorer: `bins` equal bins over 0–1 when every value lies there (the
 * judges' scale), else over the values' own range.
 * @example histogram([0.1, 0.9], 2) // { low: 0, high: 1, counts: [1, 1] }
 */
export function histogram(values: readonly number[], bins: number): { low: number; high: number; counts: number[] } {
  const counts = new Array<number>(bins).fill(0);
  if (values.length === 0) return { low: 0, high: 1, counts };
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low >= 0 && high <= 1) [low, high] = [0, 1];
  const width = high - low || 1;
  for (const value of values) counts[Math.min(bins - 1, Math.floor(((value - low) / width) * bins))]! += 1;
  return { low, high, counts };
}

const numbersOf = (name: string, rows: readonly EvalRow[]) =>
  rows.flatMap((row) => {
    const value = row.scores[name]?.value;
    return typeof value === 'number' && row.scores[name]?.error === undefined ? [value] : [];
  });

function PassRateBar({ name, rows }: { name: string; rows: readonly EvalRow[] }) {
  const titleId = useId();
  const { pass, fail, errors } = passCounts(name, rows);
  const total = pass + fail + errors;
  const share = (count: number) => (total === 0 ? 0 : (count / total) * 100);
  const text =
    total === 0
      ? `${name}: no scores yet`
      : `${name}: ${formatPercent(pass / (pass + fail || 1))} pass — ${pass} pass, ${fail} fail, ${errors} ${errors === 1 ? 'error' : 'errors'}`;
  return (
    <svg className="vd-eval-chart__svg" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-labelledby={titleId}>
      <title id={titleId}>{text}</title>
      <rect className="vd-eval-chart__track" x="0" y="0" width="100" height="10" />
      <rect className="vd-eval-chart__pass" x="0" y="0" width={share(pass)} height="10" />
      <rect className="vd-eval-chart__fail" x={share(pass)} y="0" width={share(fail)} height="10" />
      <rect className="vd-eval-chart__error" x={share(pass) + share(fail)} y="0" width={share(errors)} height="10" />
    </svg>
  );
}

function Histogram({ name, rows, bins }: { name: string; rows: readonly EvalRow[]; bins: number }) {
  const titleId = useId();
  const values = numbersOf(name, rows);
  const { low, high, counts } = histogram(values, bins);
  const tallest = Math.max(1, ...counts);
  const step = (high - low) / bins;
  const ranges = counts.map((count, index) => `${formatNumber(low + index * step)}–${formatNumber(low + (index + 1) * step)}: ${count}`);
  const text = values.length === 0 ? `${name}: no scores yet` : `${name}: ${values.length} values from ${formatNumber(low)} to ${formatNumber(high)}; ${ranges.join(', ')}`;
  return (
    <svg className="vd-eval-chart__svg vd-eval-chart__svg--histogram" viewBox={`0 0 ${bins * 10} 40`} preserveAspectRatio="none" role="img" aria-labelledby={titleId}>
      <title id={titleId}>{text}</title>
      {counts.map((count, index) => {
        const height = (count / tallest) * 38;
        return <rect key={index} className="vd-eval-chart__bin" data-count={count} x={index * 10 + 1} y={40 - height} width="8" height={height} />;
      })}
    </svg>
  );
}

/**
 * A chart of one scorer in plain SVG: a pass/fail/error bar for a boolean scorer, a histogram
 * for a numeric one. The SVG's title is its text alternative (the figures it draws), read by
 * screen readers and shown as a tooltip.
 * @example <ScorerChart name="correctness" kind="boolean" rows={run.rows} />
 */
export function ScorerChart({ name, kind, rows, bins = 10 }: ScorerChartProps) {
  if (kind === 'other') return null;
  return (
    <figure className="vd-eval-chart" data-kind={kind}>
      <figcaption className="vd-eval-chart__caption">{`${name} — ${kind === 'boolean' ? 'pass rate' : 'distribution'}`}</figcaption>
      {kind === 'boolean' ? <PassRateBar name={name} rows={rows} /> : <Histogram name={name} rows={rows} bins={bins} />}
    </figure>
  );
}
