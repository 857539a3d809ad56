import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent } from 'react';
import { formatDuration, spanDuration, spanOffsets, visibleRows } from './span-tree-model';
import type { SpanRow, SpanTree as SpanTreeModel } from './span-tree-model';
import { spanTypeLook } from './span-type';

/** Props of {@link SpanTree}. */
export interface SpanTreeProps {
  tree: SpanTreeModel;
  /** The selected span (highlighted, and where the keyboard starts). */
  selectedSpanId: string | null;
  onSelect: (spanId: string) => void;
  /** Accessible name of the tree. @default 'Spans' */
  label?: string;
  className?: string;
}

/**
 * Height of one row in px; fixed, so the virtualiser never measures. Keep in step with styles.css.
 * @example rows * SPAN_ROW_HEIGHT // the tree's full height
 */
export const SPAN_ROW_HEIGHT = 28;
// Before layout (or without one, as in jsdom) the list has no height: assume a viewport's worth.
const FALLBACK_HEIGHT = 480;

function observeWithFallback(instance: Virtualizer<HTMLDivElement, Element>, callback: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => callback(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_HEIGHT }));
}

function Row({ row, rowId, tree, selected, onSelect, onToggle, style }: {
  row: SpanRow;
  rowId: string;
  tree: SpanTreeModel;
  selected: boolean;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string) => void;
  style: CSSProperties;
}) {
  const { span, depth, children } = row.node;
  const look = spanTypeLook(span.span_type);
  const { left, width } = spanOffsets(tree, span);
  const failed = span.status.code === 'ERROR';
  return (
    <div
      id={rowId}
      role="treeitem"
      aria-level={depth + 1}
      aria-setsize={row.siblings}
      aria-posinset={row.position}
      aria-expanded={children.length > 0 ? row.expanded : undefined}
      aria-selected={selected}
      data-span-id={span.span_id}
      data-status={span.status.code}
      className="vd-span-row"
      style={style}
      onClick={() => onSelect(span.span_id)}
    >
      <span className="vd-span-row__label" style={{ paddingInlineStart: `${depth * 0.9}rem` }}>
        <span
          className="vd-span-row__toggle"
          aria-hidden="true"
          onClick={(event) => {
            // The chevron toggles without moving the selection; the keyboard uses ←/→.
            event.stopPropagation();
            if (children.length > 0) onToggle(span.span_id);
          }}
        >
          {children.length === 0 ? '' : row.expanded ? '▾' : '▸'}
        </span>
        <span className="vd-span-row__icon" aria-hidden="true" title={look.label}>
          {look.icon}
        </span>
        <span className="vd-span-row__name">{span.name}</span>
        <span className="vd-visually-hidden">
          , {look.label}
          {failed ? ', failed' : ''}
        </span>
      </span>
      <span className="vd-span-row__track" aria-hidden="true">
        <span className="vd-span-row__bar" style={{ left: `${left}%`, width: `${width}%` }} />
      </span>
      <span className="vd-span-row__duration">{formatDuration(spanDuration(span))}</span>
    </div>
  );
}

/**
 * The spans as a tree with a timing waterfall: each bar starts and ends where its span does
 * within the trace. Virtualised (only the rows in view exist), so 5,000 spans open at once.
 * Keyboard: ↑/↓ move, → opens or goes to the first child, ← closes or goes to the parent,
 * Home/End jump; the selection follows. Classes `vd-span-tree*`, `vd-span-row*`.
 * @example <SpanTree tree={buildSpanTree(trace.data.spans)} selectedSpanId={id} onSelect={setId} />
 */
export function SpanTree({ tree, selectedSpanId, onSelect, label = 'Spans', className }: SpanTreeProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const rowId = (spanId: string) => `${baseId}-span-${spanId}`;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => SPAN_ROW_HEIGHT,
    overscan: 8,
    observeElementRect: observeWithFallback,
  });

  const toggle = useCallback((spanId: string, open?: boolean) => {
    setCollapsed((current) => {
      const isOpen = !current.has(spanId);
      if (open === isOpen) return current;
      const next = new Set(current);
      if (isOpen) next.add(spanId);
      else next.delete(spanId);
      return next;
    });
  }, []);

  const selectedIndex = rows.findIndex((row) => row.node.span.span_id === selectedSpanId);
  const moveTo = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (row === undefined) return;
    onSelect(row.node.span.span_id);
    virtualizer.scrollToIndex(rows.indexOf(row), { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = rows[selectedIndex];
    const hasChildren = (current?.node.children.length ?? 0) > 0;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(selectedIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(selectedIndex < 0 ? 0 : selectedIndex - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (current === undefined) moveTo(0);
        else if (hasChildren && !current.expanded) toggle(current.node.span.span_id, true);
        else if (hasChildren) moveTo(selectedIndex + 1);
        break;
      case 'ArrowLeft':
        if (current === undefined) moveTo(0);
        else if (hasChildren && current.expanded) toggle(current.node.span.span_id, false);
        else if (current.node.parent !== null) moveTo(rows.findIndex((row) => row.node === current.node.parent));
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const active = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
  const items = virtualizer.getVirtualItems();
  // Point only at a row that exists: one scrolled out of the window has no element.
  const activeShown = active !== undefined && items.some((item) => item.index === selectedIndex);
  return (
    <div className={['vd-span-tree', className].filter(Boolean).join(' ')}>
      <div className="vd-span-tree__axis" aria-hidden="true">
        <span>0 ms</span>
        <span>{formatDuration(tree.end - tree.start)}</span>
      </div>
      <div
        ref={scrollRef}
        role="tree"
        aria-label={label}
        tabIndex={0}
        aria-activedescendant={activeShown ? rowId(active.node.span.span_id) : undefined}
        className="vd-span-tree__scroll"
        // As tall as its rows, up to the stylesheet's max-height: a small trace leaves no empty box.
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (active === undefined && rows.length > 0) moveTo(0);
        }}
      >
        <div className="vd-span-tree__sizer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            const spanId = row.node.span.span_id;
            return (
              <Row
                key={spanId}
                row={row}
                rowId={rowId(spanId)}
                tree={tree}
                selected={spanId === selectedSpanId}
                onSelect={onSelect}
                onToggle={toggle}
                style={{ transform: `translateY(${item.start}px)`, height: SPAN_ROW_HEIGHT }}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
