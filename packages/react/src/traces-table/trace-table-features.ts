import {
  columnVisibilityFeature,
  createSortedRowModel,
  rowSelectionFeature,
  rowSortingFeature,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
} from '@tanstack/react-table';

/**
 * The TanStack Table v9 features the traces table registers: sorting (client-side within the
 * loaded page; the time column also re-orders the server's pages), column visibility and row
 * selection. Only these are bundled. Use it to type your own columns: `ColumnDef<TraceTableFeatures, TraceInfo>`.
 * @example const columns: TraceColumn[] = [...traceColumns, myColumn]
 */
export const traceTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  rowSelectionFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, text: sortFn_text },
});

/** The type of {@link traceTableFeatures}. */
export type TraceTableFeatures = typeof traceTableFeatures;
