import type { EvalRow } from '@verdict/core';
import { useMemo } from 'react';
import { evalRowColumns, expandColumn, scorerColumn, traceColumn } from './eval-columns';
import type { EvalColumn, TraceLinkOptions } from './eval-columns';
import { EvalRowDetails } from './eval-row-details';
import { isFailingRow } from './eval-scores';
import { EvalTableView } from './eval-table-view';
import { useEvalTable } from './use-eval-table';

/** Props of {@link EvalRowsTable}. */
export interface EvalRowsTableProps extends TraceLinkOptions {
  rows: readonly EvalRow[];
  scorers: readonly string[];
  /** The data columns. @default evalRowColumns */
  columns?: EvalColumn[];
  /** Makes each scorer's column. @default scorerColumn */
  scorerColumn?: (name: string) => EvalColumn;
  /** Shows only rows some scorer failed (said false or errored). */
  failingOnly?: boolean;
  /** The table's accessible name. @default 'Evaluation rows' */
  label?: string;
  busy?: boolean;
  /** Shown when the run has no rows. @default 'No rows yet.' */
  emptyText?: string;
}

/**
 * The rows of an eval run: inputs, outputs, expectations, one column per scorer and a link to
 * the trace; sortable by any column, each row expandable to its scorers' rationales, and
 * virtualised past a few hundred rows (10,000 rows render only a window).
 * @example <EvalRowsTable rows={run.rows} scorers={run.scorers} traceHref={(id) => `#/traces/${id}`} />
 */
export function EvalRowsTable(props: EvalRowsTableProps) {
  const { rows, scorers, columns: dataColumns = evalRowColumns, scorerColumn: makeScorerColumn = scorerColumn, failingOnly = false, label = 'Evaluation rows', busy, emptyText = 'No rows yet.', traceHref, onOpenTrace } = props;
  const data = useMemo(() => (failingOnly ? rows.filter(isFailingRow) : (rows as EvalRow[])), [rows, failingOnly]);
  const columns = useMemo(() => {
    const trace = traceColumn({ ...(traceHref ? { traceHref } : {}), ...(onOpenTrace ? { onOpenTrace } : {}) });
    return [expandColumn, ...dataColumns, ...scorers.map(makeScorerColumn), ...(trace ? [trace] : [])];
  }, [dataColumns, scorers, makeScorerColumn, traceHref, onOpenTrace]);

  const { table, expanded } = useEvalTable(columns, data);

  return (
    <EvalTableView
      table={table}
      expanded={expanded}
      label={label}
      busy={busy ?? false}
      renderDetails={(row) => <EvalRowDetails row={row.original} scorers={scorers} />}
      rowProps={(row) => ({ 'data-failing': isFailingRow(row.original) ? '' : undefined })}
      empty={failingOnly && rows.length > 0 ? 'No failing rows.' : emptyText}
    />
  );
}
