import type { ExpandedState, ReactTable, Row, RowData } from '@tanstack/react-table';
import { useEffect, useRef } from 'react';
import type { HTMLAttributes, ReactNode } from 'react';
import { SortableHead } from '../table/sortable-head';
import { useVirtualRows } from '../table/use-virtual-rows';
import type { EvalTableFeatures } from './eval-table-features';

/** Props of {@link EvalTableView}. */
export interface EvalTableViewProps<TData extends RowData> {
  table: ReactTable<EvalTableFeatures, TData>;
  /** The table's expanded rows (its `expanded` state): a change re-measures the window. */
  expanded: ExpandedState;
  /** The table's accessible name. */
  label: string;
  /** What an expanded row shows under it. */
  renderDetails(row: Row<EvalTableFeatures, TData>): ReactNode;
  /** Extra attributes of a row's `<tr>` (e.g. `data-change`). */
  rowProps?(row: Row<EvalTableFeatures, TData>): HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;
  /** Shown instead of rows when there are none. */
  empty: ReactNode;
  busy?: boolean;
}

/** Above this many rows only the visible ones (plus a margin) are in the DOM. */
export const VIRTUALIZE_AFTER = 150;

/**
 * Renders an eval table: sortable headers (buttons, `aria-sort`), one `<tbody>` per row holding
 * the row and, when expanded, its details; past {@link VIRTUALIZE_AFTER} rows only a window is
 * rendered, each window row measured (so an opened row pushes the next ones down).
 * @example <EvalTableView table={table} label="Rows" renderDetails={(row) => <Details row={row.original} />} empty="No rows" />
 */
export function EvalTableView<TData extends RowData>({ table, expanded, label, renderDetails, rowProps, empty, busy = false }: EvalTableViewProps<TData>) {
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUALIZE_AFTER;
  const { shown, padTop, padBottom, measureElement, virtualizer } = useVirtualRows({ rows, virtual, scrollRef, overscan: 10, getItemKey: (index) => rows[index]?.id ?? index });
  const expandedKey = JSON.stringify(expanded);
  useEffect(() => {
    if (virtual) virtualizer.measure();
  }, [expandedKey, virtual, virtualizer]);

  const columnCount = table.getAllLeafColumns().length;
  const spacer = (height: number) => (
    <tbody aria-hidden="true" className="vd-eval-table__spacer">
      <tr>
        <td colSpan={columnCount} style={{ height }} />
      </tr>
    </tbody>
  );

  return (
    <div className="vd-eval-table__scroll" ref={scrollRef} data-virtual={virtual ? '' : undefined}>
      <table className="vd-eval-table" aria-label={label} aria-rowcount={rows.length + 1} aria-busy={busy}>
        <SortableHead table={table} block="vd-eval-table" />
        {padTop > 0 && spacer(padTop)}
        {shown.map(({ row, index }) => (
          <tbody key={row.id} data-index={index} ref={measureElement} className="vd-eval-table__group">
            <tr className="vd-eval-table__row" aria-rowindex={index + 2} data-expanded={row.getIsExpanded() ? '' : undefined} {...rowProps?.(row)}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id} data-column={cell.column.id}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
            {row.getIsExpanded() && (
              <tr className="vd-eval-table__details">
                <td colSpan={columnCount}>{renderDetails(row)}</td>
              </tr>
            )}
          </tbody>
        ))}
        {padBottom > 0 && spacer(padBottom)}
      </table>
      {rows.length === 0 && <p className="vd-eval-table__empty">{empty}</p>}
    </div>
  );
}
