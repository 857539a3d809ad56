import type { Column_RowSorting, ReactTable, RowData, TableFeatures, rowSortingFeature } from '@tanstack/react-table';

/** Props of {@link SortableHead}: any table with the sorting feature. */
export interface SortableHeadProps<TFeatures extends TableFeatures & { rowSortingFeature: typeof rowSortingFeature }, TData extends RowData> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected state of the table will do
  table: ReactTable<TFeatures, TData, any>;
  /** The BEM block of the table's classes: the sort button is `${block}__sort`, its icon `${block}__sort-icon`. */
  block: string;
}

function ariaSort(sorted: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}

/**
 * A table's `<thead>` (internal): each sortable column's header is a button that toggles its
 * sort, with `aria-sort` on the `<th>` and ▲/▼/↕ beside the title; other headers render as they are.
 * @example <SortableHead table={table} block="vd-traces" />
 */
export function SortableHead<TFeatures extends TableFeatures & { rowSortingFeature: typeof rowSortingFeature }, TData extends RowData>({ table, block }: SortableHeadProps<TFeatures, TData>) {
  return (
    <thead>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id} aria-rowindex={1}>
          {group.headers.map((header) => {
            // TFeatures has the sorting feature (the constraint above); TypeScript cannot see its
            // column methods through a generic, so they are named here.
            const column = header.column as typeof header.column & Column_RowSorting<TFeatures, TData>;
            const sortable = column.getCanSort();
            const sorted = column.getIsSorted();
            return (
              <th key={header.id} scope="col" aria-sort={sortable ? ariaSort(sorted) : undefined} data-column={column.id}>
                {sortable ? (
                  <button type="button" className={`${block}__sort`} onClick={column.getToggleSortingHandler()}>
                    <table.FlexRender header={header} />
                    <span aria-hidden="true" className={`${block}__sort-icon`}>
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
  );
}
