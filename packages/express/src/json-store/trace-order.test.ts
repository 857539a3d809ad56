import { SearchTracesParamsSchema, newTraceId, searchTraceInfos } from '@verdict/core';
import type { SearchTracesParams, TraceInfo } from '@verdict/core';
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import { describe, expect, it } from 'vitest';
import { TraceOrder } from './trace-order';

const T = 1_700_000_000_000;

/** 6,000 traces over many chunks, with repeated request times, shuffled before inserting. */
function infos(): TraceInfo[] {
  const rows = Array.from({ length: 6000 }, (_, index) => {
    const info = makeTrace({
      trace_id: newTraceId(),
      request_time: T + Math.floor(index / 3) * 1000,
      state: index % 7 === 0 ? 'ERROR' : 'OK',
      tags: { env: index % 2 === 0 ? 'prod' : 'dev', user: `u${index % 250}` },
    }).info;
    if (index % 11 === 0) info.assessments = [makeAssessment(info.trace_id, { feedback: { value: index % 22 === 0 } })];
    return info;
  });
  // A deterministic shuffle: inserts out of order exercise the binary search, not only push.
  return rows.map((row, index) => ({ row, key: (index * 7919) % rows.length })).sort((a, b) => a.key - b.key).map(({ row }) => row);
}

function pages(search: (params: SearchTracesParams) => { traces: TraceInfo[]; next_page_token?: string }, params: SearchTracesParams) {
  const seen: Array<{ ids: string[]; token: string | undefined }> = [];
  let page_token: string | undefined;
  do {
    const page = search({ ...params, ...(page_token === undefined ? {} : { page_token }) });
    seen.push({ ids: page.traces.map((info) => info.trace_id), token: page.next_page_token });
    page_token = page.next_page_token;
  } while (page_token !== undefined && seen.length < 200);
  return seen;
}

describe('TraceOrder.search', () => {
  const rows = infos();
  const order = new TraceOrder<{ info: TraceInfo }>();
  for (const info of rows) order.insert({ info });
  // A re-put moves a row: removed under its old key, inserted under the new one.
  const moved = rows[17]!;
  order.remove(moved);
  moved.request_time = T + 123;
  order.insert({ info: moved });

  it.each<[string, SearchTracesParams]>([
    ['everything, newest first', { max_results: 500 }],
    ['everything, oldest first', { max_results: 700, order_by: 'request_time ASC' }],
    ['a broad filter', { tags: { env: 'prod' }, state: 'OK', max_results: 50 }],
    ['a narrow filter', { tags: { user: 'u7' }, max_results: 5 }],
    ['an assessment filter', { assessment_name: 'user_feedback', assessment_value: 'true', max_results: 20 }],
    ['a time window', { start_time_ms: T + 500_000, end_time_ms: T + 900_000, max_results: 100, order_by: 'request_time ASC' }],
    ['a filter nothing matches', { tags: { env: 'staging' } }],
  ])('pages like core over every row: %s', (_label, params) => {
    const parse = (input: SearchTracesParams) => SearchTracesParamsSchema.parse(input);
    const expected = pages((input) => searchTraceInfos(rows, parse(input)), params);
    expect(pages((input) => order.search(parse(input)), params)).toEqual(expected);
  });
});

describe('TraceOrder.between', () => {
  it('yields exactly the [start, end) window, oldest first, with repeated request times at both edges', () => {
    const all = infos();
    const order = new TraceOrder<{ info: TraceInfo }>();
    for (const info of all) order.insert({ info });
    const window = (start?: number, end?: number) => [...order.between(start, end)].map((info) => info.trace_id);
    const expected = (start?: number, end?: number) =>
      all
        .filter((info) => (start === undefined || info.request_time >= start) && (end === undefined || info.request_time < end))
        .sort((a, b) => a.request_time - b.request_time || (a.trace_id < b.trace_id ? -1 : 1))
        .map((info) => info.trace_id);
    // Three traces share each request time, so the edges fall inside runs of equal keys.
    for (const [start, end] of [[T + 5000, T + 9000], [undefined, T + 3000], [T + 1_998_000, undefined], [T + 500, T + 1500], [T + 4000, T + 4000]] as const) {
      expect(window(start, end)).toEqual(expected(start, end));
    }
    expect(window(T + 1000, T + 2000)).toHaveLength(3);
    expect(window()).toHaveLength(6000);
  });
});
