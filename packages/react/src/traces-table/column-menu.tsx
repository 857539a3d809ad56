import type { TraceInfo } from '@verdict/core';
import type { ReactTable } from '@tanstack/react-table';
import type { TraceTableFeatures } from './trace-table-features';

/** Props of {@link ColumnMenu}. */
export interface ColumnMenuProps {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected state of the table will do
  table: ReactTable<TraceTableFeatures, TraceInfo, any>;
}

/**
 * A disclosure listing every column with a checkbox to show or hide it.
 * @example <ColumnMenu table={table} />
 */
export function ColumnMenu({ table }: ColumnMenuProps) {
  const columns = table.getAllLeafColumns().filter((column) => column.id !== 'select');
  return (
    <details className="vd-columns-menu">
      <summary className="vd-button">Columns</summary>
      <fieldset className="vd-columns-menu__list">
        <legend className="vd-visually-hidden">Visible columns</legend>
        {columns.map((column) => {
          const header = column.columnDef.header;
          return (
            <label key={column.id} className="vd-columns-menu__item">
              <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
              {typeof header === 'string' ? header : column.id}
            </label>
          );
        })}
      </fieldset>
    </details>
  );
}
