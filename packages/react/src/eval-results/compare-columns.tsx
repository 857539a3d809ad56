import type { ColumnDef } from '@tanstack/react-table';
import type { CompareEvaluationsResponse, EvalChange } from '@verdict/core';
import { EvalText } from './eval-columns';
import { previewOf, sortValueOf } from './eval-scores';
import type { EvalTableFeatures } from './eval-table-features';
import { ScoreView } from './score-view';

/** One row of a comparison, with a stable id (its position in the server's answer). */
export type CompareRow = CompareEvaluationsResponse['rows'][number] & { row_id: string };

/** A column of the comparison table (TanStack Table v9 column definition over {@link CompareRow}). */
export type CompareColumn = ColumnDef<EvalTableFeatures, CompareRow>;

/**
 * Regressions first, then improvements, then the rest: the order a reviewer needs.
 * @example rows.sort((a, b) => CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change])
 */
export const CHANGE_ORDER: Record<EvalChange, number> = { regressed: 0, improved: 1, unchanged: 2 };

const CHANGE_ICON: Record<EvalChange, string> = { regressed: '▼', improved: '▲', unchanged: '=' };

/**
 * A row's change as a badge whose text says it (the icon is decoration).
 * @example <ChangeBadge change="regressed" />
 */
export function ChangeBadge({ change }: { change: EvalChange }) {
  return (
    <span className="vd-eval-badge vd-eval-change" data-change={change}>
      <span aria-hidden="true">{CHANGE_ICON[change]}</span> {change}
    </span>
  );
}

/**
 * The comparison table's fixed columns: expand, change (regressions sort first) and inputs.
 * Override by passing your own list as `EvalComparison`'s `columns`.
 * @example <EvalComparison baseId={a} candidateId={b} columns={compareColumns.filter((column) => column.id !== 'inputs')} />
 */
export const compareColumns: CompareColumn[] = [
  {
    id: 'expand',
    header: () => <span className="vd-visually-hidden">Details</span>,
    enableSorting: false,
    cell: ({ row }) => (
      <button type="button" className="vd-button vd-button--ghost vd-eval-expand" aria-expanded={row.getIsExpanded()} onClick={row.getToggleExpandedHandler()}>
        <span aria-hidden="true">{row.getIsExpanded() ? '▾' : '▸'}</span>
        <span className="vd-visually-hidden">{`Details of row ${row.index + 1}`}</span>
      </button>
    ),
  },
  {
    id: 'change',
    header: 'Change',
    accessorFn: (row) => CHANGE_ORDER[row.change],
    sortFn: 'basic',
    sortDescFirst: false,
    cell: ({ row }) => <ChangeBadge change={row.original.change} />,
  },
  {
    id: 'inputs',
    header: 'Inputs',
    accessorFn: (row) => previewOf(row.inputs),
    sortFn: 'text',
    cell: ({ row }) => <EvalText text={previewOf(row.original.inputs)} />,
  },
];

/**
 * The column of scorer `name` in a comparison: the base run's verdict, an arrow, the
 * candidate's; sorts by the candidate's.
 * @example const columns = [...compareColumns, compareScorerColumn('correctness')]
 */
export function compareScorerColumn(name: string): CompareColumn {
  return {
    id: `score:${name}`,
    header: name,
    accessorFn: (row) => sortValueOf(row.candidate?.[name]),
    sortFn: 'basic',
    // Ascending first: failures and low scores are what a reviewer looks for.
    sortDescFirst: false,
    sortUndefined: 'last',
    cell: ({ row }) => (
      <span className="vd-eval-pair">
        <span className="vd-visually-hidden">base </span>
        <ScoreView score={row.original.base?.[name]} />
        <span aria-hidden="true" className="vd-eval-pair__arrow">
          →
        </span>
        <span className="vd-visually-hidden">, candidate </span>
        <ScoreView score={row.original.candidate?.[name]} />
      </span>
    ),
  };
}
