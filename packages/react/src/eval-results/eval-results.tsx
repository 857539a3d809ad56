import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { EvalColumn, TraceLinkOptions } from './eval-columns';
import { EvalComparison } from './eval-comparison';
import { EvalProgressBar } from './eval-progress-bar';
import { EvalRowsTable } from './eval-rows-table';
import { isFailingRow, scorerKind } from './eval-scores';
import { EvalSummaryCards } from './eval-summary-cards';
import { ScorerChart } from './scorer-chart';
import type { EvalConnectionProps } from './use-eval-results-client';
import { JudgeAgreement } from './judge-agreement';
import { useEvalRun } from './use-eval-run';
import type { EvalRunViewStatus } from './use-eval-run';
import { useJudgeAgreement } from './use-judge-agreement';

/** Props of {@link EvalResults}. */
export interface EvalResultsProps extends TraceLinkOptions, EvalConnectionProps {
  /** The run to show (live while it runs). */
  evaluationId?: string | null;
  /** Compare two runs instead of showing one: per-scorer deltas, rows with regressions first. */
  compare?: { base: string; candidate: string };
  /** The data columns of the rows table. @default evalRowColumns */
  columns?: EvalColumn[];
  /** Makes each scorer's column. @default scorerColumn */
  scorerColumn?: (name: string) => EvalColumn;
  /** Shows a chart per scorer. @default true */
  charts?: boolean;
  /** Shows how far a judge agrees with human labels on the run's traces, once the run has finished. */
  agreement?: { scorer: string; labelSchema: string };
  /** Told the run's status whenever it changes (e.g. to compare two runs once both finished). */
  onStatusChange?: (status: EvalRunViewStatus) => void;
  className?: string;
}

const STATUS_TEXT: Record<string, string> = {
  idle: 'No evaluation selected',
  loading: 'Loading evaluation…',
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
  error: 'Could not load',
};

function EvalRunResults(props: EvalResultsProps) {
  const { evaluationId, columns, scorerColumn, charts = true, className, traceHref, onOpenTrace, client, agreement } = props;
  const run = useEvalRun(evaluationId, client ? { client } : {});
  const judged = useJudgeAgreement(evaluationId, agreement?.scorer ?? '', agreement?.labelSchema ?? '', {
    ...(client ? { client } : {}),
    enabled: agreement !== undefined && run.status === 'completed',
  });
  const statusChanged = useRef(props.onStatusChange);
  statusChanged.current = props.onStatusChange;
  useEffect(() => statusChanged.current?.(run.status), [run.status]);
  const [failingOnly, setFailingOnly] = useState(false);
  const headingId = useId();
  const failing = useMemo(() => run.rows.filter(isFailingRow).length, [run.rows]);
  const kinds = useMemo(() => run.scorers.map((name) => [name, scorerKind(name, run.aggregates, run.rows)] as const), [run.scorers, run.aggregates, run.rows]);
  const loaded = run.run !== null;

  return (
    <section className={['vd-eval', className].filter(Boolean).join(' ')} data-status={run.status} aria-labelledby={headingId}>
      <header className="vd-eval__header">
        <h2 id={headingId} className="vd-eval__title">
          {run.run?.name ?? 'Evaluation'}
        </h2>
        <p className="vd-eval__status" role="status">
          <span className="vd-chip vd-eval-status" data-status={run.status}>
            {STATUS_TEXT[run.status]}
          </span>
          {run.run?.dataset !== undefined && <span className="vd-eval-muted">{` dataset ${run.run.dataset}`}</span>}
          {run.run?.app !== undefined && <span className="vd-eval-muted">{` · app ${run.run.app}`}</span>}
        </p>
      </header>
      {run.status === 'running' && <EvalProgressBar progress={run.progress} onCancel={() => void run.cancel()} cancelling={run.cancelling} />}
      {run.error !== null && (
        <div className="vd-eval__error" role="alert">
          <span>{run.error}</span>
          {run.status === 'error' && (
            <button type="button" className="vd-button" onClick={run.reload}>
              Retry
            </button>
          )}
        </div>
      )}
      {run.status === 'failed' && run.run?.error !== undefined && (
        <p className="vd-eval__error" role="alert">
          {run.run.error}
        </p>
      )}
      {loaded && (
        <>
          <EvalSummaryCards scorers={run.scorers} aggregates={run.aggregates} />
          {charts && run.rows.length > 0 && (
            <div className="vd-eval-charts">
              {kinds.map(([name, kind]) => (
                <ScorerChart key={name} name={name} kind={kind} rows={run.rows} />
              ))}
            </div>
          )}
          {judged.agreement !== null && <JudgeAgreement agreement={judged.agreement} />}
          {judged.status === 'error' && (
            <p className="vd-eval__error" role="alert">
              {`Judge agreement: ${judged.error}`}
            </p>
          )}
          <div className="vd-eval__toolbar">
            <label className="vd-eval__filter">
              <input type="checkbox" checked={failingOnly} onChange={(event) => setFailingOnly(event.target.checked)} /> Failing only
            </label>
            <span className="vd-eval-muted">{`${run.rows.length} rows · ${failing} failing`}</span>
          </div>
          <EvalRowsTable
            rows={run.rows}
            scorers={run.scorers}
            failingOnly={failingOnly}
            busy={run.status === 'running'}
            emptyText={run.status === 'running' ? 'No rows scored yet.' : 'This evaluation has no rows.'}
            label={`Rows of ${run.run?.name ?? 'the evaluation'}`}
            {...(columns ? { columns } : {})}
            {...(scorerColumn ? { scorerColumn } : {})}
            {...(traceHref ? { traceHref } : {})}
            {...(onOpenTrace ? { onOpenTrace } : {})}
          />
        </>
      )}
    </section>
  );
}

/**
 * The results of an evaluation: live progress with a cancel button while it runs, a card and a
 * chart per scorer, and a sortable, filterable (failing only), virtualised table of rows whose
 * rationale opens on expand. With `compare={{ base, candidate }}` it shows {@link EvalComparison}.
 * Needs a `VerdictProvider` (with `baseUrl`) or a `client`.
 * @example
 * <EvalResults evaluationId={id} traceHref={(traceId) => `#/traces/${traceId}`} />
 * <EvalResults compare={{ base: baselineId, candidate: newId }} />
 */
export function EvalResults(props: EvalResultsProps) {
  if (props.compare !== undefined) {
    const { compare, client, className } = props;
    return (
      <EvalComparison
        baseId={compare.base}
        candidateId={compare.candidate}
        {...(client ? { client } : {})}
        {...(className ? { className } : {})}
      />
    );
  }
  return <EvalRunResults {...props} />;
}
