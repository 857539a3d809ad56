import { describe, expect, it } from 'vitest';
import { agentTrace, fixtureSpanId, largeTrace, ragTrace } from '../test-support/trace-fixtures';
import { buildSpanTree, formatDuration, spanOffsets, visibleRows } from './span-tree-model';

const names = (rows: ReturnType<typeof visibleRows>) => rows.map((row) => row.node.span.name);

describe('buildSpanTree', () => {
  it('nests spans by parent_span_id, children in start order, with depths', () => {
    const spans = agentTrace().data.spans;
    const tree = buildSpanTree([...spans].reverse());
    expect(tree.roots.map((node) => node.span.name)).toEqual(['travel_agent']);
    expect(tree.roots[0]?.children.map((node) => node.span.name)).toEqual(['plan', 'get_weather', 'search_flights']);
    expect(tree.byId.get(fixtureSpanId(5))?.depth).toBe(2);
    expect(tree.end - tree.start).toBe(4200);
  });

  it('shows spans with a missing parent, or in a parent cycle, as roots instead of losing them', () => {
    const [root, child] = ragTrace().data.spans;
    const orphan = { ...child!, span_id: 'aaaaaaaaaaaaaaaa', parent_span_id: 'ffffffffffffffff' };
    const loopA = { ...child!, span_id: 'bbbbbbbbbbbbbbbb', parent_span_id: 'cccccccccccccccc' };
    const loopB = { ...child!, span_id: 'cccccccccccccccc', parent_span_id: 'bbbbbbbbbbbbbbbb' };
    const tree = buildSpanTree([root!, orphan, loopA, loopB]);
    expect(visibleRows(tree, new Set())).toHaveLength(4);
    expect(tree.roots.map((node) => node.span.span_id)).toContain('aaaaaaaaaaaaaaaa');
  });
});

describe('visibleRows', () => {
  it('flattens depth first and skips the children of collapsed spans', () => {
    const tree = buildSpanTree(agentTrace().data.spans);
    expect(names(visibleRows(tree, new Set()))).toEqual(['travel_agent', 'plan', 'get_weather', 'search_flights', 'http_get']);
    expect(names(visibleRows(tree, new Set([fixtureSpanId(4)])))).toEqual(['travel_agent', 'plan', 'get_weather', 'search_flights']);
    expect(names(visibleRows(tree, new Set([fixtureSpanId(1)])))).toEqual(['travel_agent']);
    const rows = visibleRows(tree, new Set());
    expect(rows.map((row) => [row.position, row.siblings])).toEqual([[1, 1], [1, 3], [2, 3], [3, 3], [1, 1]]);
  });

  it('handles 5,000 spans (and deep chains) without recursion', () => {
    const deep = largeTrace(5000).data.spans.map((span, index, all) => ({ ...span, parent_span_id: index === 0 ? null : all[index - 1]!.span_id }));
    const rows = visibleRows(buildSpanTree(deep), new Set());
    expect(rows).toHaveLength(5000);
    expect(rows.at(-1)?.node.depth).toBe(4999);
  });
});

describe('spanOffsets', () => {
  it('places bars by start and end within the trace, unfinished spans running to its end', () => {
    const tree = buildSpanTree(ragTrace().data.spans);
    const chat = tree.byId.get(fixtureSpanId(5))!.span;
    const offsets = spanOffsets(tree, chat);
    expect(offsets.left).toBeCloseTo((241 / 1240.5) * 100, 6);
    expect(offsets.width).toBeCloseTo((997 / 1240.5) * 100, 6);
    expect(spanOffsets(tree, { ...chat, end_time_ms: null })).toEqual({ left: offsets.left, width: 100 - offsets.left });
    expect(spanOffsets({ start: 5, end: 5 }, chat)).toEqual({ left: 0, width: 100 });
  });
});

describe('formatDuration', () => {
  it('reads well at every scale', () => {
    expect([formatDuration(0.25), formatDuration(850.4), formatDuration(1240.5), formatDuration(125_000), formatDuration(null)]).toEqual(['0.25 ms', '850 ms', '1.24 s', '2 min 5 s', 'running']);
  });
});
