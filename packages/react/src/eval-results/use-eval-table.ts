import { useTable } from '@tanstack/react-table';
import type { ColumnDef, ExpandedState, SortingState } from '@tanstack/react-table';
import { useState } from 'react';
import { evalTableFeatures } from './eval-table-features';
import type { EvalTableFeatures } from './eval-table-features';

const rowIdOf = (row: { row_id: string }) => row.row_id;
const canExpand = () => true;

/**
 * The table model of an eval table (internal): rows keyed by `row_id`, sortable (from
 * `defaultSorting`), each expandable; answers it with its `expanded` state for {@link EvalTableView}.
 * @example const { table, expanded } = useEvalTable(columns, data, [{ id: 'change', desc: false }]);
 */
export function useEvalTable<TData extends { row_id: string }>(columns: ColumnDef<EvalTableFeatures, TData>[], data: TData[], defaultSorting: SortingState = []) {
  const [sorting, setSorting] = useState<SortingState>(defaultSorting);
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const table = useTable({
    features: evalTableFeatures,
    columns,
    data,
    getRowId: rowIdOf,
    getRowCanExpand: canExpand,
    // Rows keep arriving while a run is live: an opened row must stay open.
    autoResetExpanded: false,
    state: { sorting, expanded },
    onSortingChange: setSorting,
    onExpandedChange: setExpanded,
  });
  return { table, expanded };
}
