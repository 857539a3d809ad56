import { createSortedRowModel, rowExpandingFeature, rowSortingFeature, sortFn_basic, sortFn_text, tableFeatures } from '@tanstack/react-table';

/**
 * The TanStack Table v9 features of the eval tables: sorting and row expansion (a row opens to
 * show each scorer's rationale). Only these are bundled. Type your own columns with it:
 * `ColumnDef<EvalTableFeatures, EvalRow>`.
 * @example const columns: EvalColumn[] = [...evalColumns(scorers), myColumn]
 */
export const evalTableFeatures = tableFeatures({
  rowSortingFeature,
  rowExpandingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, text: sortFn_text },
});

/** The type of {@link evalTableFeatures}. */
export type EvalTableFeatures = typeof evalTableFeatures;
