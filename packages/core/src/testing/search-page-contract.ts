import { expect, it } from 'vitest';
import { newTraceId } from '../ids';
import type { SearchTracesParams } from '../schemas/search';
import type { TraceInfo } from '../schemas/trace';
import type { Store } from '../store/store';
import { toBase64Url as base64Url } from '../store/page-token';
import { expectVerdictError } from './expect-verdict-error';
import { makeTrace } from './fixtures';

const T = 1_700_000_000_000;

/** Puts one trace per request time (offsets from T) and returns their ids in the same order. */
async function putAt(store: Store, offsets: number[]): Promise<string[]> {
  const traces = offsets.map((offset) => makeTrace({ request_time: T + offset }));
  for (const trace of traces) await store.traces.put(trace);
  return traces.map((trace) => trace.info.trace_id);
}

/** Every page of a search, following next_page_token (a store may end on an empty page). */
async function allPages(store: Store, params: SearchTracesParams): Promise<TraceInfo[][]> {
  const pages: TraceInfo[][] = [];
  let page_token: string | undefined;
  do {
    const page = await store.traces.search({ ...params, ...(page_token === undefined ? {} : { page_token }) });
    pages.push(page.traces);
    page_token = page.next_page_token;
  } while (page_token !== undefined && pages.length < 1000);
  return pages;
}

const byKey = (direction: 1 | -1) => (a: TraceInfo, b: TraceInfo) =>
  direction * (a.request_time - b.request_time || (a.trace_id < b.trace_id ? -1 : a.trace_id > b.trace_id ? 1 : 0));

/** The ordering and pagination part of `traces.search`. */
export function describeSearchPageContract(store: () => Store): void {
  it('orders by request_time both ways, breaking ties by trace_id', async () => {
    await putAt(store(), [3000, 1000, 2000, 2000, 2000, 5000]);
    const all = (await store().traces.search({ order_by: 'request_time ASC' })).traces;
    expect(all.map((info) => info.request_time)).toEqual([1000, 2000, 2000, 2000, 3000, 5000].map((offset) => T + offset));
    expect(all).toEqual([...all].sort(byKey(1)));
    const descending = (await store().traces.search({ order_by: 'request_time DESC' })).traces;
    expect(descending).toEqual([...all].sort(byKey(-1)));
  });

  it.each(['request_time DESC', 'request_time ASC'] as const)('pages through %s with no duplicates or gaps', async (order_by) => {
    // Ties across a page boundary are where offset-free pagination usually breaks.
    await putAt(store(), [1000, 2000, 2000, 2000, 3000, 4000, 4000]);
    const expected = (await store().traces.search({ order_by })).traces.map((info) => info.trace_id);
    const pages = await allPages(store(), { order_by, max_results: 2 });
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    expect(pages.slice(0, 3).map((page) => page.length)).toEqual([2, 2, 2]);
    expect(pages.flat().map((info) => info.trace_id)).toEqual(expected);
  });

  it('neither repeats nor skips rows when traces are inserted between pages', async () => {
    const original = await putAt(store(), [1000, 2000, 3000, 4000, 5000, 6000]);
    const first = await store().traces.search({ max_results: 2 });
    expect(first.traces.map((info) => info.request_time)).toEqual([T + 6000, T + 5000]);
    // One newer than everything, one inside the pages already read, two in the pages to come.
    const inserted = await putAt(store(), [9000, 5500, 3500, 500]);
    const rest = await allPages(store(), { max_results: 2, page_token: first.next_page_token! });
    const seen = [...first.traces, ...rest.flat()].map((info) => info.trace_id);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of original) expect(seen).toContain(id);
    expect(seen).toContain(inserted[2]);
    expect(seen).toContain(inserted[3]);
    expect(rest.flat().map((info) => info.request_time)).toEqual([4000, 3500, 3000, 2000, 1000, 500].map((offset) => T + offset));
  });

  it('keeps pages within max_results, 100 by default', async () => {
    const traces = Array.from({ length: 101 }, (_, index) => makeTrace({ request_time: T + index }));
    for (const trace of traces) await store().traces.put(trace);
    const first = await store().traces.search();
    expect(first.traces).toHaveLength(100);
    expect(first.next_page_token).toEqual(expect.any(String));
    const second = await store().traces.search({ page_token: first.next_page_token! });
    expect(second.traces.map((info) => info.request_time)).toEqual([T]);
    expect((await store().traces.search({ max_results: 7 })).traces).toHaveLength(7);
    expect((await store().traces.search({ max_results: 1000 })).traces).toHaveLength(101);
    await expectVerdictError(store().traces.search({ max_results: 1001 }), 'INVALID_ARGUMENT');
    await expectVerdictError(store().traces.search({ max_results: 0 }), 'INVALID_ARGUMENT');
  });

  it('gives no next_page_token when everything fits', async () => {
    await putAt(store(), [1000, 2000]);
    expect((await store().traces.search({ max_results: 5 })).next_page_token).toBeUndefined();
    expect((await store().traces.search({ start_time_ms: T + 10_000 })).traces).toEqual([]);
  });

  it('refuses a malformed page_token with INVALID_ARGUMENT', async () => {
    await putAt(store(), [1000, 2000, 3000]);
    const tokens = ['not a token', '%%%', base64Url('{"x":1}'), base64Url('[1,2,3]'), base64Url(`[1,"${newTraceId()}","UP"]`)];
    for (const page_token of tokens) {
      await expectVerdictError(store().traces.search({ page_token }), 'INVALID_ARGUMENT');
    }
    await expectVerdictError(store().traces.search({ page_token: '' }), 'INVALID_ARGUMENT');
  });
}
