import type { ReactTable, Row } from '@tanstack/react-table';
import type { TraceInfo } from '@verdict/core';
import type { KeyboardEvent, RefObject } from 'react';
import { useVirtualRows } from '../table/use-virtual-rows';
import type { TraceTableFeatures } from './trace-table-features';

/** Props of {@link TraceRowsBody}. */
export interface TraceRowsBodyProps {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected state of the table will do
  table: ReactTable<TraceTableFeatures, TraceInfo, any>;
  rows: Row<TraceTableFeatures, TraceInfo>[];
  /** Render only the rows in view (plus a margin). */
  virtual: boolean;
  /** The scrolling box around the table. */
  scrollRef: RefObject<HTMLDivElement | null>;
  columnCount: number;
  selectable: boolean;
  onOpen(info: TraceInfo): void;
}

/** Enter opens the focused row; arrows move focus between rows. Keys inside cells are theirs. */
function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, info: TraceInfo, onOpen: (info: TraceInfo) => void): void {
  if (event.target !== event.currentTarget) return;
  if (event.key === 'Enter') {
    event.preventDefault();
    onOpen(info);
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const sibling = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
    if (sibling instanceof HTMLElement && sibling.tabIndex === 0) sibling.focus();
  }
}

/**
 * The traces table's `<tbody>`. Virtualised, it renders the rows in view between two spacer rows
 * that keep the scrollbar true to the whole page. It is its own component so that scrolling
 * re-renders only it, not the filters, the header and the table model above it.
 * @example <TraceRowsBody table={table} rows={rows} virtual scrollRef={scrollRef} columnCount={8} selectable={false} onOpen={open} />
 */
export function TraceRowsBody({ table, rows, virtual, scrollRef, columnCount, selectable, onOpen }: TraceRowsBodyProps) {
  const { shown, padTop, padBottom, measureElement } = useVirtualRows({ rows, virtual, scrollRef, overscan: 12 });
  return (
    <tbody>
      {padTop > 0 && (
        <tr aria-hidden="true" className="vd-traces__spacer">
          <td colSpan={columnCount} style={{ height: padTop }} />
        </tr>
      )}
      {shown.map(({ row, index }) => (
        <tr
          key={row.id}
          ref={measureElement}
          data-index={index}
          className="vd-traces__row"
          tabIndex={0}
          aria-rowindex={index + 2}
          aria-selected={selectable ? row.getIsSelected() : undefined}
          data-trace-id={row.original.trace_id}
          onClick={() => onOpen(row.original)}
          onKeyDown={(event) => onRowKey(event, row.original, onOpen)}
        >
          {row.getVisibleCells().map((cell) => (
            <td key={cell.id} data-column={cell.column.id}>
              <table.FlexRender cell={cell} />
            </td>
          ))}
        </tr>
      ))}
      {padBottom > 0 && (
        <tr aria-hidden="true" className="vd-traces__spacer">
          <td colSpan={columnCount} style={{ height: padBottom }} />
        </tr>
      )}
    </tbody>
  );
}
