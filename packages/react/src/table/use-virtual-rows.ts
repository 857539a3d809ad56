import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { Key, RefObject } from 'react';

/** Options of {@link useVirtualRows}. */
export interface VirtualRowsOptions<TRow> {
  rows: readonly TRow[];
  /** Render only the rows in view (plus `overscan`); otherwise every row. */
  virtual: boolean;
  /** The scrolling box around the table. */
  scrollRef: RefObject<HTMLDivElement | null>;
  overscan: number;
  /** A row's identity, so a measured height follows its row when the order changes. @default its position */
  getItemKey?: (index: number) => Key;
}

/** What {@link useVirtualRows} answers. */
export interface VirtualRows<TRow> {
  /** The rows to render, each with its position among all rows (its `data-index`). */
  shown: { row: TRow; index: number }[];
  /** Heights of the empty space above and below the rendered rows, so the scrollbar is true to all rows. */
  padTop: number;
  padBottom: number;
  /** The `ref` of each rendered row element (with `data-index`) when virtual: measures its height. */
  measureElement: ((element: Element | null) => void) | undefined;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
}

// Rows are one line (styles.css), so this estimate is their height; measuring each rendered row
// only corrects what a host's CSS (or an opened row) changes.
const ROW_HEIGHT = 37;
/** Assumed viewport when the scroll box measures 0 (hidden, or jsdom): the first rows still render. */
const FALLBACK_HEIGHT = 600;
const rowHeight = () => ROW_HEIGHT;
// jsdom (and hidden boxes) measure 0: keep the estimate rather than collapse every row.
const measureRow = (element: Element) => element.getBoundingClientRect().height || ROW_HEIGHT;
const observeRect: typeof observeElementRect = (instance, callback) =>
  observeElementRect(instance, (rect) => callback(rect.height === 0 ? { width: rect.width, height: FALLBACK_HEIGHT } : rect));

/**
 * The window of a long table's rows to render (internal): when `virtual`, only those in view of
 * `scrollRef` plus a margin, between two spacers whose heights keep the scrollbar right.
 * @example const { shown, padTop, padBottom, measureElement } = useVirtualRows({ rows, virtual: rows.length > 150, scrollRef, overscan: 12 });
 */
export function useVirtualRows<TRow>({ rows, virtual, scrollRef, overscan, getItemKey }: VirtualRowsOptions<TRow>): VirtualRows<TRow> {
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowHeight,
    measureElement: measureRow,
    overscan,
    observeElementRect: observeRect,
    initialRect: { width: 0, height: FALLBACK_HEIGHT },
    ...(getItemKey ? { getItemKey } : {}),
  });
  if (!virtual) return { shown: rows.map((row, index) => ({ row, index })), padTop: 0, padBottom: 0, measureElement: undefined, virtualizer };
  const items = virtualizer.getVirtualItems();
  return {
    shown: items.map((item) => ({ row: rows[item.index]!, index: item.index })),
    padTop: items.length > 0 ? items[0]!.start : 0,
    padBottom: items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0,
    measureElement: virtualizer.measureElement,
    virtualizer,
  };
}
