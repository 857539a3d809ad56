import type { Span } from '@verdict/core';

/** One span in the tree, with its place in it. */
export interface SpanNode {
  span: Span;
  parent: SpanNode | null;
  children: SpanNode[];
  depth: number;
}

/** A trace's spans as a tree, with the time window the waterfall draws. */
export interface SpanTree {
  roots: SpanNode[];
  byId: ReadonlyMap<string, SpanNode>;
  /** Earliest start, in ms since epoch. */
  start: number;
  /** Latest end (or start, for unfinished spans), in ms since epoch. */
  end: number;
}

/** One line of the (flattened) visible tree. */
export interface SpanRow {
  node: SpanNode;
  /** 1-based position among its siblings, and how many siblings there are (for ARIA). */
  position: number;
  siblings: number;
  expanded: boolean;
}

const byStart = (a: SpanNode, b: SpanNode) => a.span.start_time_ms - b.span.start_time_ms;

/**
 * Builds the tree from `parent_span_id`. Spans whose parent is missing (or that sit in a cycle)
 * become roots, so every span is shown exactly once whatever the store returned.
 * @example const tree = buildSpanTree(trace.data.spans); tree.roots[0]?.span.name
 */
export function buildSpanTree(spans: readonly Span[]): SpanTree {
  const byId = new Map<string, SpanNode>();
  for (const span of spans) if (!byId.has(span.span_id)) byId.set(span.span_id, { span, parent: null, children: [], depth: 0 });
  const roots: SpanNode[] = [];
  for (const node of byId.values()) {
    const parent = node.span.parent_span_id === null ? undefined : byId.get(node.span.parent_span_id);
    if (parent === undefined || parent === node) roots.push(node);
    else {
      node.parent = parent;
      parent.children.push(node);
    }
  }
  // Nodes in a parent cycle are reachable from no root: cut them loose as roots.
  const reached = new Set<SpanNode>();
  const walk = (from: SpanNode[]) => {
    const stack = [...from];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      reached.add(node);
      for (const child of node.children) {
        child.depth = node.depth + 1;
        stack.push(child);
      }
    }
  };
  walk(roots);
  for (const node of byId.values()) {
    if (reached.has(node)) continue;
    node.parent?.children.splice(node.parent.children.indexOf(node), 1);
    node.parent = null;
    node.depth = 0;
    roots.push(node);
    walk([node]);
  }
  roots.sort(byStart);
  let start = Infinity;
  let end = -Infinity;
  for (const node of byId.values()) {
    node.children.sort(byStart);
    start = Math.min(start, node.span.start_time_ms);
    end = Math.max(end, node.span.end_time_ms ?? node.span.start_time_ms);
  }
  if (!Number.isFinite(start)) start = end = 0;
  return { roots, byId, start, end };
}

/**
 * The rows to show, depth first, skipping the children of collapsed spans. Iterative, so a
 * 5,000-deep chain cannot overflow the stack.
 * @example visibleRows(tree, new Set()).length // every span when nothing is collapsed
 */
export function visibleRows(tree: SpanTree, collapsed: ReadonlySet<string>): SpanRow[] {
  const rows: SpanRow[] = [];
  const stack: SpanRow[] = [];
  const push = (nodes: SpanNode[]) => {
    for (let index = nodes.length - 1; index >= 0; index -= 1) {
      const node = nodes[index]!;
      stack.push({ node, position: index + 1, siblings: nodes.length, expanded: !collapsed.has(node.span.span_id) });
    }
  };
  push(tree.roots);
  for (let row = stack.pop(); row !== undefined; row = stack.pop()) {
    rows.push(row);
    if (row.expanded) push(row.node.children);
  }
  return rows;
}

/**
 * Where a span's bar sits in the waterfall, as percentages of the trace's time window.
 * Unfinished spans run to the end of the window.
 * @example spanOffsets(tree, span) // { left: 12.5, width: 40 }
 */
export function spanOffsets(tree: Pick<SpanTree, 'start' | 'end'>, span: Span): { left: number; width: number } {
  const total = tree.end - tree.start;
  if (total <= 0) return { left: 0, width: 100 };
  const end = span.end_time_ms ?? tree.end;
  const left = ((span.start_time_ms - tree.start) / total) * 100;
  const width = (Math.max(0, end - span.start_time_ms) / total) * 100;
  return { left: clamp(left), width: Math.min(clamp(width), 100 - clamp(left)) };
}

function clamp(percent: number): number {
  return Math.min(100, Math.max(0, percent));
}

/**
 * A duration for people: `850 ms`, `1.24 s`, `2 min 5 s`; null (unfinished) as `running`.
 * @example formatDuration(1240.5) // '1.24 s'
 */
export function formatDuration(ms: number | null): string {
  if (ms === null) return 'running';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * A span's duration in ms, or null while it runs.
 * @example formatDuration(spanDuration(span)) // '119 ms'
 */
export function spanDuration(span: Span): number | null {
  return span.end_time_ms === null ? null : span.end_time_ms - span.start_time_ms;
}
