import { useTable } from '@tanstack/react-table';
import type { ExpandedState, SortingState } from '@tanstack/react-table';
import type { EvalRow } from '@verdict/core';
import { useMemo, useState } from 'react';
import { evalRowColumns, expandColumn, scorerColumn, traceColumn } from './eval-columns';
import type { EvalColumn, TraceLinkOptions } from './eval-columns';
import { EvalRowDetails } from './eval-row-details';
import { isFailingRow } from './eval-scores';
import { evalTableFeatures } from './eval-table-features';
import { EvalTableView } from './eval-table-view';

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
  const [sorting, setSorting] = useState<SortingState>([]);
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const data = useMemo(() => (failingOnly ? rows.filter(isFailingRow) : (rows as EvalRow[])), [rows, failingOnly]);
  const columns = useMemo(() => {
    const trace = traceColumn({ ...(traceHref ? { traceHref } : {}), ...(onOpenTrace ? { onOpenTrace } : {}) });
    return [expandColumn, ...dataColumns, ...scorers.map(makeScorerColumn), ...(trace ? [trace] : [])];
  }, [dataColumns, scorers, makeScorerColumn, traceHref, onOpenTrace]);

  const table = useTable({
    features: evalTableFeatures,
    columns,
    data,
    getRowId: (row) => row.row_id,
    getRowCanExpand: () => true,
    // Rows keep arriving while a run is live: an opened row must stay open.
    autoResetExpanded: false,
    state: { sorting, expanded },
    onSortingChange: setSorting,
    onExpandedChange: setExpanded,
  });

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
