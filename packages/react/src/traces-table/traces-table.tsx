import { useTable } from '@tanstack/react-table';
import type { RowSelectionState, SortingState, ColumnVisibilityState } from '@tanstack/react-table';
import type { TraceInfo } from '@verdict/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { SortableHead } from '../table/sortable-head';
import { ColumnMenu } from './column-menu';
import { TraceRowsBody } from './trace-rows-body';
import { assessmentColumn, assessmentNamesOf, traceColumns } from './trace-columns';
import type { TraceColumn } from './trace-columns';
import { searchParamsOf } from './trace-filters';
import type { TraceFilters } from './trace-filters';
import { traceTableFeatures } from './trace-table-features';
import { TracesFilterBar } from './traces-filter-bar';
import { useTraces } from './use-traces';
import type { ClientConnectionProps } from './use-verdict-client-prop';

/** Props of {@link TracesTable}. */
export interface TracesTableProps extends ClientConnectionProps {
  /** Called with a trace's id when its row is clicked or Enter is pressed on it. */
  onOpenTrace?(traceId: string): void;
  /** Shows a checkbox per row (and one for the page). */
  selectable?: boolean;
  /** Called with the selected trace ids whenever the selection changes. */
  onSelectionChange?(traceIds: string[]): void;
  /** The fixed columns. @default traceColumns */
  columns?: TraceColumn[];
  /** Adds one column per assessment name found on the page. @default true */
  assessmentColumns?: boolean;
  /** Filters applied on the first load. */
  defaultFilters?: TraceFilters;
  /** Traces per page (the server allows at most 1,000). @default 50 */
  defaultPageSize?: number;
  /** The page sizes offered. @default [25, 50, 100, 500, 1000] */
  pageSizes?: number[];
  /** The table's accessible name. @default 'Traces' */
  label?: string;
  className?: string;
}

/** Above this many rows only the visible ones (plus a margin) are in the DOM. */
const VIRTUALIZE_AFTER = 150;

// Module-level, so the table's options keep one identity between renders.
const rowIdOf = (info: TraceInfo) => info.trace_id;

const selectColumn: TraceColumn = {
  id: 'select',
  header: ({ table }) => (
    <input
      type="checkbox"
      aria-label="Select all traces on this page"
      checked={table.getIsAllPageRowsSelected()}
      ref={(input) => {
        if (input) input.indeterminate = table.getIsSomePageRowsSelected();
      }}
      onChange={table.getToggleAllPageRowsSelectedHandler()}
    />
  ),
  cell: ({ row }) => (
    <input
      type="checkbox"
      aria-label={`Select trace ${row.original.trace_id}`}
      checked={row.getIsSelected()}
      onChange={row.getToggleSelectedHandler()}
      // A click on the box selects; it must not also open the trace.
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => event.stopPropagation()}
    />
  ),
  enableSorting: false,
  enableHiding: false,
};

/**
 * Traces, one row each, read page by page from `GET /traces`: time, request and response
 * previews, duration, state, tags, and one column per assessment name on the page. Sortable
 * (the time column re-orders the server's pages; other columns sort the loaded page), filterable
 * (time window, state, assessment name/value, tag and free text, all by the server, so a filter
 * covers every trace and not just the loaded page), with a column menu, page size and next/previous. A big page
 * (thousands of rows) is virtualised. Needs a `VerdictProvider`, a `client` or a `baseUrl`.
 * @example
 * <TracesTable baseUrl="/api" onOpenTrace={(id) => navigate(`/traces/${id}`)} selectable onSelectionChange={setSelected} />
 */
export function TracesTable(props: TracesTableProps) {
  const {
    onOpenTrace,
    selectable = false,
    onSelectionChange,
    columns: fixedColumns = traceColumns,
    assessmentColumns = true,
    defaultFilters = {},
    defaultPageSize = 50,
    pageSizes = [25, 50, 100, 500, 1000],
    label = 'Traces',
    className,
    client,
    baseUrl,
  } = props;
  const [filters, setFilters] = useState<TraceFilters>(defaultFilters);
  const [pageSize, setPageSize] = useState(defaultPageSize);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'request_time', desc: true }]);
  const [orderBy, setOrderBy] = useState<'request_time DESC' | 'request_time ASC'>('request_time DESC');
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>({});
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});

  const page = useTraces({ ...searchParamsOf(filters), max_results: pageSize, order_by: orderBy, ...(client ? { client } : {}), ...(baseUrl ? { baseUrl } : {}) });
  const data = page.traces;
  const names = useMemo(() => (assessmentColumns ? assessmentNamesOf(page.traces) : []), [page.traces, assessmentColumns]);
  const columns = useMemo(
    () => [...(selectable ? [selectColumn] : []), ...fixedColumns, ...names.map(assessmentColumn)],
    [selectable, fixedColumns, names],
  );

  const tableState = useMemo(() => ({ sorting, columnVisibility, rowSelection }), [sorting, columnVisibility, rowSelection]);
  const table = useTable({
    features: traceTableFeatures,
    columns,
    data,
    getRowId: rowIdOf,
    enableRowSelection: selectable,
    state: tableState,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      setSorting(next);
      // Sorting by time also asks the server for that order, so paging follows it.
      const first = next[0];
      if (first?.id === 'request_time') setOrderBy(first.desc ? 'request_time DESC' : 'request_time ASC');
    },
    onColumnVisibilityChange: setColumnVisibility,
    onRowSelectionChange: setRowSelection,
  });

  const selectionChanged = useRef(onSelectionChange);
  selectionChanged.current = onSelectionChange;
  const selectedKey = Object.keys(rowSelection).filter((id) => rowSelection[id]).sort().join(',');
  const firstSelection = useRef(true);
  useEffect(() => {
    // Not on mount: only a change the user made is reported.
    if (firstSelection.current) {
      firstSelection.current = false;
      return;
    }
    selectionChanged.current?.(selectedKey === '' ? [] : selectedKey.split(','));
  }, [selectedKey]);

  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUALIZE_AFTER;
  const open = (info: TraceInfo) => onOpenTrace?.(info.trace_id);

  const visibleColumns = table.getAllLeafColumns().filter((column) => column.getIsVisible()).length;
  const status = page.status === 'loading' ? 'Loading traces…' : page.status === 'success' ? `${data.length} traces on page ${page.pageIndex + 1}` : '';

  return (
    <div className={['vd-traces', className].filter(Boolean).join(' ')} data-status={page.status}>
      <TracesFilterBar value={filters} onChange={setFilters} assessmentNames={names} />
      <div className="vd-traces__toolbar">
        <ColumnMenu table={table} />
        <p className="vd-traces__status" role="status">
          {status}
        </p>
      </div>
      {page.status === 'error' && (
        <div className="vd-traces__error" role="alert">
          <span>{page.error}</span>
          <button type="button" className="vd-button" onClick={page.reload}>
            Retry
          </button>
        </div>
      )}
      <div className="vd-traces__scroll" ref={scrollRef} data-virtual={virtual ? '' : undefined}>
        <table className="vd-traces__table" aria-label={label} aria-rowcount={rows.length + 1} aria-busy={page.status === 'loading'}>
          <SortableHead table={table} block="vd-traces" />
          <TraceRowsBody table={table} rows={rows} virtual={virtual} scrollRef={scrollRef} columnCount={visibleColumns} selectable={selectable} onOpen={open} />
        </table>
        {page.status === 'success' && rows.length === 0 && <p className="vd-traces__empty">No traces match these filters.</p>}
      </div>
      <nav className="vd-traces__pager" aria-label="Pages of traces">
        <button type="button" className="vd-button" onClick={page.previousPage} disabled={!page.hasPreviousPage}>
          Previous
        </button>
        <span className="vd-traces__page">Page {page.pageIndex + 1}</span>
        <button type="button" className="vd-button" onClick={page.nextPage} disabled={!page.hasNextPage}>
          Next
        </button>
        <label className="vd-traces__field vd-traces__field--inline">
          <span>Per page</span>
          <select value={pageSize} onChange={(event) => setPageSize(Number(event.target.value))}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </nav>
    </div>
  );
}
