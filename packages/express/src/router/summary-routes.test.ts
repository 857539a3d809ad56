import { createClient } from '@verdict/core';
import { makeTrace } from '@verdict/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonStore } from '../json-store/json-store';
import type { JsonStore } from '../json-store/json-store';
import { useTempDirs } from '../json-store/test-support/temp-dirs';
import { postJson, serve } from '../test-support/serve';
import type { TestServer } from '../test-support/serve';

const tempDir = useTempDirs('verdict-summary-routes-');
const T = 1_700_000_000_000; // 2023-11-14T22:13:20Z
const HOUR = 3_600_000;

let server: TestServer | undefined;
let store: JsonStore | undefined;
afterEach(async () => {
  await server?.close();
  await store?.close();
  server = store = undefined;
});

/** A jsonStore in a fresh directory behind a real server, with four traces an hour apart. */
async function start(dir = tempDir()): Promise<{ api: string; ids: string[]; dir: string }> {
  store = await jsonStore({ dir });
  server = await serve({ store });
  const traces = [0, 1, 2, 3].map((hours) => makeTrace({ request_time: T + hours * HOUR }));
  for (const trace of traces) await store.traces.put(trace);
  return { api: server.api, ids: traces.map((trace) => trace.info.trace_id), dir };
}

async function get(url: string): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(url);
  return { status: response.status, json: await response.json() };
}

/** Votes and ratings through the public feedback routes, as the browser sends them. */
async function rate(api: string, ids: string[]): Promise<void> {
  const vote = (id: string, user: string, is_correct: boolean) => postJson(`${api}/feedback?trace_id=${id}&user_id=${user}`, { is_correct });
  expect((await vote(ids[0]!, 'ann', true)).status).toBe(200);
  expect((await vote(ids[0]!, 'bob', false)).status).toBe(200);
  expect((await vote(ids[1]!, 'ann', false)).status).toBe(200);
  // ann changes her mind: an override, so her first vote no longer counts.
  expect((await vote(ids[1]!, 'ann', true)).status).toBe(200);
  expect((await postJson(`${api}/detailed-feedback?trace_id=${ids[0]}&accuracy=5&helpfulness=3`)).status).toBe(200);
  expect((await postJson(`${api}/detailed-feedback?trace_id=${ids[1]}&accuracy=3`)).status).toBe(200);
}

describe('GET /feedback/summary (jsonStore)', () => {
  it('answers the figures of votes and ratings sent through the feedback routes', async () => {
    const { api, ids } = await start();
    await rate(api, ids);
    const { status, json } = await get(`${api}/feedback/summary`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ total_traces: 4, traces_with_feedback: 2, feedback_rate: 50, positive_count: 2, negative_count: 1 });
    expect(json.positive_rate).toBeCloseTo(200 / 3, 10);
    // /detailed-feedback stores 1–5 as 0–1: accuracy 5 → 1 and 3 → 0.5, helpfulness 3 → 0.5.
    expect(json.dimensions).toEqual({ accuracy: 0.75, helpfulness: 0.5 });
    expect(json.buckets).toHaveLength(2);
  });

  it('buckets by hour within a [start, end) window', async () => {
    const { api, ids } = await start();
    await rate(api, ids);
    const { json } = await get(`${api}/feedback/summary?bucket=hour&start_time_ms=${T + HOUR}&end_time_ms=${T + 3 * HOUR}`);
    expect(json.total_traces).toBe(2);
    expect(json.buckets.map((bucket: { start_time_ms: number; positive_count: number; total_traces: number }) => [bucket.start_time_ms - (T - (T % HOUR)), bucket.total_traces, bucket.positive_count])).toEqual([
      [HOUR, 1, 1],
      [2 * HOUR, 1, 0],
    ]);
  });

  it('answers zeros for a window with no traces', async () => {
    const { api } = await start();
    const { status, json } = await get(`${api}/feedback/summary?start_time_ms=0&end_time_ms=1000`);
    expect(status).toBe(200);
    expect(json).toEqual({ total_traces: 0, traces_with_feedback: 0, feedback_rate: 0, positive_rate: 0, positive_count: 0, negative_count: 0, dimensions: {}, buckets: [] });
  });

  it('gives the same answer after the store is reopened from its files', async () => {
    const { api, ids, dir } = await start();
    await rate(api, ids);
    const before = (await get(`${api}/feedback/summary?bucket=hour`)).json;
    await server!.close();
    await store!.close();
    store = await jsonStore({ dir });
    server = await serve({ store });
    expect((await get(`${server.api}/feedback/summary?bucket=hour`)).json).toEqual(before);
  });

  it('is what the typed client reads', async () => {
    const { api, ids } = await start();
    await rate(api, ids);
    const client = createClient({ baseUrl: api });
    const summary = await client.getFeedbackSummary({ bucket: 'hour', start_time_ms: T });
    expect(summary).toEqual((await get(`${api}/feedback/summary?bucket=hour&start_time_ms=${T}`)).json);
  });

  it('refuses unknown keys and bad values with a 400 naming them', async () => {
    const { api } = await start();
    const unknown = await get(`${api}/feedback/summary?bucket=hour&tag.env=prod`);
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(unknown.json.error.issues[0]).toMatchObject({ code: 'unrecognized_keys' });
    expect((await get(`${api}/feedback/summary?bucket=week`)).json.error.issues[0].path).toEqual(['bucket']);
    expect((await get(`${api}/feedback/summary?start_time_ms=soon`)).status).toBe(400);
    const backwards = await get(`${api}/feedback/summary?start_time_ms=2000&end_time_ms=1000`);
    expect(backwards.json.error.message).toMatch(/start_time_ms must not be after end_time_ms/);
    expect((await get(`${api}/feedback/summary?__proto__=1`)).status).toBe(400);
  });
});
