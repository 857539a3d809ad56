import type { ExpandedState, ReactTable, Row, RowData } from '@tanstack/react-table';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { HTMLAttributes, ReactNode } from 'react';
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
const ROW_HEIGHT = 37;
/** Assumed viewport when the scroll box measures 0 (hidden, or jsdom): the first rows still render. */
const FALLBACK_HEIGHT = 600;

const observeRect: typeof observeElementRect = (instance, callback) =>
  observeElementRect(instance, (rect) => callback(rect.height === 0 ? { width: rect.width, height: FALLBACK_HEIGHT } : rect));

function ariaSort(sorted: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}

/** Heights of the empty space above and below the rendered window, so the scrollbar is right. */
function paddings(virtualizer: Virtualizer<HTMLDivElement, Element>): [number, number] {
  const items = virtualizer.getVirtualItems();
  if (items.length === 0) return [0, 0];
  return [items[0]!.start, virtualizer.getTotalSize() - items[items.length - 1]!.end];
}

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
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    observeElementRect: observeRect,
    initialRect: { width: 0, height: FALLBACK_HEIGHT },
    getItemKey: (index) => rows[index]?.id ?? index,
    // jsdom (and hidden boxes) measure 0: keep the estimate rather than collapse every row.
    measureElement: (element) => element.getBoundingClientRect().height || ROW_HEIGHT,
  });
  const expandedKey = JSON.stringify(expanded);
  useEffect(() => {
    if (virtual) virtualizer.measure();
  }, [expandedKey, virtual, virtualizer]);

  const columnCount = table.getAllLeafColumns().length;
  const shown = virtual ? virtualizer.getVirtualItems().map((item) => ({ row: rows[item.index]!, index: item.index })) : rows.map((row, index) => ({ row, index }));
  const [padTop, padBottom] = virtual ? paddings(virtualizer) : [0, 0];
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
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const sortable = header.column.getCanSort();
                const sorted = header.column.getIsSorted();
                return (
                  <th key={header.id} scope="col" aria-sort={sortable ? ariaSort(sorted) : undefined} data-column={header.column.id}>
                    {sortable ? (
                      <button type="button" className="vd-eval-table__sort" onClick={header.column.getToggleSortingHandler()}>
                        <table.FlexRender header={header} />
                        <span aria-hidden="true" className="vd-eval-table__sort-icon">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        {padTop > 0 && spacer(padTop)}
        {shown.map(({ row, index }) => (
          <tbody key={row.id} data-index={index} ref={virtual ? virtualizer.measureElement : undefined} className="vd-eval-table__group">
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
