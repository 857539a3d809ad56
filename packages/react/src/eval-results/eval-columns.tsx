import type { ColumnDef } from '@tanstack/react-table';
import type { EvalRow } from '@verdict/core';
import { previewOf, sortValueOf } from './eval-scores';
import type { EvalTableFeatures } from './eval-table-features';
import { ScoreView } from './score-view';

/** A column of the eval rows table (TanStack Table v9 column definition over `EvalRow`). */
export type EvalColumn = ColumnDef<EvalTableFeatures, EvalRow>;

/**
 * The id of the column of scorer `name`.
 * @example scorerColumnId('correctness') // 'score:correctness'
 */
export const scorerColumnId = (name: string) => `score:${name}`;

/**
 * One line of text, cut by CSS; the whole text stays in the DOM (screen readers, tooltip, copy).
 * @example <EvalText text={previewOf(row.inputs)} />
 */
export function EvalText({ text }: { text: string }) {
  return (
    <span className="vd-eval-text" title={text}>
      {text}
    </span>
  );
}

/**
 * The expand button of a row: opens the row's details (each scorer's rationale and error, the
 * full inputs, outputs and expectations).
 * @example const columns = [expandColumn, ...evalRowColumns]
 */
export const expandColumn: EvalColumn = {
  id: 'expand',
  header: () => <span className="vd-visually-hidden">Details</span>,
  enableSorting: false,
  cell: ({ row }) => (
    <button
      type="button"
      className="vd-button vd-button--ghost vd-eval-expand"
      aria-expanded={row.getIsExpanded()}
      onClick={row.getToggleExpandedHandler()}
    >
      <span aria-hidden="true">{row.getIsExpanded() ? '▾' : '▸'}</span>
      <span className="vd-visually-hidden">{`Details of row ${row.index + 1}`}</span>
    </button>
  ),
};

/**
 * The eval rows table's data columns: inputs, outputs and expectations. Override by passing
 * your own list (spread these, drop or replace some) as `EvalResults`' `columns`.
 * @example <EvalResults evaluationId={id} columns={evalRowColumns.filter((column) => column.id !== 'expectations')} />
 */
export const evalRowColumns: EvalColumn[] = [
  {
    id: 'inputs',
    header: 'Inputs',
    accessorFn: (row) => previewOf(row.inputs),
    sortFn: 'text',
    cell: ({ row }) => <EvalText text={previewOf(row.original.inputs)} />,
  },
  {
    id: 'outputs',
    header: 'Outputs',
    accessorFn: (row) => previewOf(row.outputs),
    sortFn: 'text',
    cell: ({ row }) => <EvalText text={previewOf(row.original.outputs)} />,
  },
  {
    id: 'expectations',
    header: 'Expectations',
    accessorFn: (row) => previewOf(row.expectations),
    sortFn: 'text',
    cell: ({ row }) => <EvalText text={previewOf(row.original.expectations)} />,
  },
];

/**
 * The column of scorer `name`: ✔/✘, a number, or an error badge; sorts fails before passes and
 * low numbers first, errors and missing scores last.
 * @example const columns = [...evalRowColumns, scorerColumn('correctness')]
 */
export function scorerColumn(name: string): EvalColumn {
  return {
    id: scorerColumnId(name),
    header: name,
    accessorFn: (row) => sortValueOf(row.scores[name]),
    sortFn: 'basic',
    // Ascending first: failures and low scores are what a reviewer looks for.
    sortDescFirst: false,
    sortUndefined: 'last',
    cell: ({ row }) => <ScoreView score={row.original.scores[name]} />,
  };
}

/** How a row links to its trace: a URL for a link, or a callback for a button. */
export interface TraceLinkOptions {
  /** The URL of a trace, e.g. `(id) => '#/traces/' + id`. */
  traceHref?: (traceId: string) => string;
  /** Called when the trace button is pressed (when there is no `traceHref`). */
  onOpenTrace?: (traceId: string) => void;
}

/**
 * The column linking each row to its trace, or null when neither option is given.
 * @example traceColumn({ traceHref: (id) => `/traces/${id}` })
 */
export function traceColumn({ traceHref, onOpenTrace }: TraceLinkOptions): EvalColumn | null {
  if (traceHref === undefined && onOpenTrace === undefined) return null;
  return {
    id: 'trace',
    header: 'Trace',
    enableSorting: false,
    cell: ({ row }) => {
      const traceId = row.original.trace_id;
      if (traceId === undefined) return null;
      const text = (
        <>
          View trace <span className="vd-visually-hidden">{`of row ${row.index + 1}`}</span>
        </>
      );
      return traceHref !== undefined ? (
        <a className="vd-eval-trace" href={traceHref(traceId)} title={traceId}>
          {text}
        </a>
      ) : (
        <button type="button" className="vd-button vd-eval-trace" title={traceId} onClick={() => onOpenTrace?.(traceId)}>
          {text}
        </button>
      );
    },
  };
}
