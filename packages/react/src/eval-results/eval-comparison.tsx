import type { CompareEvaluationsResponse, EvalScore } from '@verdict/core';
import { useId, useMemo, useState } from 'react';
import { compareColumns, compareScorerColumn } from './compare-columns';
import type { CompareColumn, CompareRow } from './compare-columns';
import { formatNumber } from './eval-scores';
import { EvalTableView } from './eval-table-view';
import { ScoreView } from './score-view';
import type { EvalConnectionProps } from './use-eval-results-client';
import { useEvalComparison } from './use-eval-comparison';
import { useEvalTable } from './use-eval-table';

/** Props of {@link EvalComparison}. */
export interface EvalComparisonProps extends EvalConnectionProps {
  baseId: string;
  candidateId: string;
  /** The fixed columns. @default compareColumns */
  columns?: CompareColumn[];
  /** Makes each scorer's column. @default compareScorerColumn */
  scorerColumn?: (name: string) => CompareColumn;
  /** Shows only regressed rows. @default false */
  defaultRegressionsOnly?: boolean;
  className?: string;
}

type ScorerDelta = CompareEvaluationsResponse['scorers'][string];

function DeltaCard({ name, delta }: { name: string; delta: ScorerDelta }) {
  const direction = delta.delta === null || delta.delta === 0 ? 'unchanged' : delta.delta > 0 ? 'improved' : 'regressed';
  const show = (value: number | null) => (value === null ? '—' : formatNumber(value));
  const signed = delta.delta === null ? '—' : `${delta.delta > 0 ? '+' : ''}${formatNumber(delta.delta)}`;
  return (
    <li className="vd-eval-card" data-scorer={name} data-change={direction}>
      <span className="vd-eval-card__name">{name}</span>
      <span className="vd-eval-card__value">
        <span aria-hidden="true">{direction === 'improved' ? '▲ ' : direction === 'regressed' ? '▼ ' : ''}</span>
        {signed}
        <span className="vd-visually-hidden">{` (${direction})`}</span>
      </span>
      <span className="vd-eval-card__unit">{`${show(delta.base)} → ${show(delta.candidate)}`}</span>
    </li>
  );
}

function Side({ title, scores, scorers }: { title: string; scores: Record<string, EvalScore> | null; scorers: readonly string[] }) {
  return (
    <div className="vd-eval-details__side">
      <p className="vd-eval-details__heading">{title}</p>
      {scores === null ? (
        <p className="vd-eval-muted">Not in this run.</p>
      ) : (
        <dl className="vd-eval-details__scores">
          {scorers.map((name) => (
            <div key={name} className="vd-eval-details__score">
              <dt>
                {name} <ScoreView score={scores[name]} />
              </dt>
              <dd>{scores[name]?.error?.error_message ?? scores[name]?.rationale ?? <span className="vd-eval-muted">No rationale given.</span>}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/**
 * Two eval runs side by side: a delta card per scorer (base → candidate) and every row with its
 * change — regressions sorted first and highlighted, then improvements, then unchanged rows —
 * each row opening to both runs' rationales. Needs a `VerdictProvider` or a `client`.
 * @example <EvalComparison baseId={baselineRun} candidateId={newPromptRun} />
 */
export function EvalComparison(props: EvalComparisonProps) {
  const { baseId, candidateId, columns: fixedColumns = compareColumns, scorerColumn = compareScorerColumn, defaultRegressionsOnly = false, className, client } = props;
  const { status, comparison, error, reload } = useEvalComparison(baseId, candidateId, client ? { client } : {});
  const [regressionsOnly, setRegressionsOnly] = useState(defaultRegressionsOnly);
  const headingId = useId();

  const scorers = useMemo(() => Object.keys(comparison?.scorers ?? {}), [comparison]);
  const allRows = useMemo<CompareRow[]>(() => (comparison?.rows ?? []).map((row, index) => ({ ...row, row_id: String(index) })), [comparison]);
  const data = useMemo(() => (regressionsOnly ? allRows.filter((row) => row.change === 'regressed') : allRows), [allRows, regressionsOnly]);
  const columns = useMemo(() => [...fixedColumns, ...scorers.map(scorerColumn)], [fixedColumns, scorers, scorerColumn]);
  const counts = useMemo(() => {
    const tally = { regressed: 0, improved: 0, unchanged: 0 };
    for (const row of allRows) tally[row.change] += 1;
    return tally;
  }, [allRows]);

  const { table, expanded } = useEvalTable(columns, data, [{ id: 'change', desc: false }]);

  return (
    <section className={['vd-eval', 'vd-eval--compare', className].filter(Boolean).join(' ')} data-status={status} aria-labelledby={headingId}>
      <header className="vd-eval__header">
        <h2 id={headingId} className="vd-eval__title">
          Comparison
        </h2>
        <p className="vd-eval__status" role="status">
          {status === 'loading' ? 'Comparing…' : status === 'success' ? `${counts.regressed} regressed · ${counts.improved} improved · ${counts.unchanged} unchanged` : ''}
        </p>
      </header>
      {status === 'error' && (
        <div className="vd-eval__error" role="alert">
          <span>{error}</span>
          <button type="button" className="vd-button" onClick={reload}>
            Retry
          </button>
        </div>
      )}
      {comparison !== null && (
        <>
          <ul className="vd-eval-cards" aria-label="Scorer changes">
            {scorers.map((name) => (
              <DeltaCard key={name} name={name} delta={comparison.scorers[name]!} />
            ))}
          </ul>
          <div className="vd-eval__toolbar">
            <label className="vd-eval__filter">
              <input type="checkbox" checked={regressionsOnly} onChange={(event) => setRegressionsOnly(event.target.checked)} /> Regressions only
            </label>
          </div>
          <EvalTableView
            table={table}
            expanded={expanded}
            label="Compared rows"
            rowProps={(row) => ({ 'data-change': row.original.change })}
            renderDetails={(row) => (
              <div className="vd-eval-details vd-eval-details--compare">
                <Side title="Base" scores={row.original.base} scorers={scorers} />
                <Side title="Candidate" scores={row.original.candidate} scorers={scorers} />
              </div>
            )}
            empty={regressionsOnly && allRows.length > 0 ? 'No regressions.' : 'No rows to compare.'}
          />
        </>
      )}
    </section>
  );
}
