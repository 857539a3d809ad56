import { describeStoreConformance } from '@verdict/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import { mlflowStore } from './mlflow-store';
import type { MlflowStore } from './mlflow-store';
import { startMlflowEmulator } from './test-support/mlflow-emulator';
import type { MlflowEmulator } from './test-support/mlflow-emulator';

let emulator: MlflowEmulator;
let experiments = 0;
beforeAll(async () => {
  emulator = await startMlflowEmulator();
});
afterAll(() => emulator.close());

// A fresh experiment per store: every conformance test starts from an empty store.
const open = (extra: Partial<Parameters<typeof mlflowStore>[0]> = {}): Promise<MlflowStore> =>
  mlflowStore({ trackingUri: emulator.url, experimentName: `conformance-${(experiments += 1)}`, onLog: () => undefined, ...extra });

describeStoreConformance('mlflowStore over the MLflow emulator', () => open());

describe('mlflowStore on the MLflow emulator', () => {
  it('never leaves a finished trace IN_PROGRESS in MLflow, and writes what MLflow readers need', async () => {
    const store = await open();
    const trace = makeTrace({ state: 'IN_PROGRESS' });
    await store.traces.put(trace);
    await store.traces.put({ ...trace, info: { ...trace.info, state: 'OK' } });
    expect(emulator.inProgressLeftBehind()).toEqual([]);
    const stored = emulator.state.traces.get(trace.info.trace_id);
    expect(stored?.info).toMatchObject({ state: 'OK', tags: { 'mlflow.traceName': 'chat' }, trace_metadata: { 'mlflow.trace_schema.version': '3' } });
    for (const span of stored?.spans.values() ?? []) expect(span.attributes['mlflow.traceRequestId']).toBe(JSON.stringify(trace.info.trace_id));
    // Added for MLflow's sake, removed again on read.
    expect((await store.traces.get(trace.info.trace_id))?.info.tags).toEqual(trace.info.tags);
    await store.close();
  });

  it('pages a text search (checked here) and leaves copies out (while paging) without repeating or skipping a row', async () => {
    const store = await open();
    const T = 1_700_000_000_000;
    const wanted: string[] = [];
    for (let n = 0; n < 12; n += 1) {
      // Every third trace matches the text; every other one is a labeling copy.
      const copy = n % 2 === 1;
      const trace = makeTrace({ request_time: T + n, request_preview: n % 3 === 0 ? `Refund order ${n}` : `Question ${n}`, tags: copy ? { 'verdict.labeling_copy': 'true' } : {} });
      await store.traces.put(trace);
      if (!copy && n % 3 === 0) wanted.push(trace.info.trace_id);
    }
    emulator.requests.length = 0;
    const seen: string[] = [];
    let page_token: string | undefined;
    do {
      const page = await store.traces.search({ text: 'REFUND', order_by: 'request_time ASC', max_results: 1, ...(page_token === undefined ? {} : { page_token }) });
      seen.push(...page.traces.map((info) => info.trace_id));
      page_token = page.next_page_token;
    } while (page_token !== undefined);
    expect(seen).toEqual(wanted);
    const filters = emulator.requests.filter((request) => request.path.endsWith('/traces/search')).map((request) => (JSON.parse(request.body.toString('utf8')) as { filter: string }).filter);
    expect(filters.length).toBeGreaterThan(0);
    // No server-side clause for copies (see search-filter.ts): they are dropped while paging.
    for (const filter of filters) expect(filter ?? '').not.toContain('labeling_copy');
    await store.close();
  });

  it('keeps metadata over 250 characters, tags over 4000 and long client request ids exactly', async () => {
    const store = await open();
    const trace = makeTrace({
      client_request_id: 'c'.repeat(80),
      request_preview: 'p'.repeat(1500),
      trace_metadata: { long: 'm'.repeat(600), short: 'ok' },
      tags: { big: 't'.repeat(9000) },
    });
    await store.traces.put(trace);
    // MLflow itself truncates the metadata value it answers with.
    const wire = emulator.state.traces.get(trace.info.trace_id);
    expect((wire?.info.trace_metadata as Record<string, string>).long).toHaveLength(250);
    expect(await store.traces.get(trace.info.trace_id)).toEqual(trace);
    expect((await store.traces.search({ metadata: { long: 'm'.repeat(600) } })).traces.map((info) => info.trace_id)).toEqual([trace.info.trace_id]);
    await store.close();
  });

  it('stores list and object expectations as MLflow serialized values and restores them', async () => {
    const store = await open();
    const trace = makeTrace();
    await store.traces.put(trace);
    const created = await store.assessments.create(makeAssessment(trace.info.trace_id, { assessment_name: 'facts', expectation: { value: ['a', 'b'] }, rationale: 'kept' }));
    const raw = emulator.state.traces.get(trace.info.trace_id)?.assessments[0];
    expect(raw?.expectation).toEqual({ serialized_value: { serialization_format: 'JSON_FORMAT', value: '["a","b"]' } });
    expect(await store.assessments.get(trace.info.trace_id, created.assessment_id)).toEqual(created);
    expect(created.rationale).toBe('kept');
    await store.close();
  });

  it('refuses overrides on expectations, which MLflow would silently ignore', async () => {
    const store = await open();
    const trace = makeTrace();
    await store.traces.put(trace);
    const first = await store.assessments.create(makeAssessment(trace.info.trace_id, { expectation: { value: 'x' } }));
    await expect(store.assessments.create(makeAssessment(trace.info.trace_id, { expectation: { value: 'y' }, overrides: first.assessment_id }))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await store.close();
  });

  it('mirrors an eval run into its MLflow run: per-scorer metrics, status, linked traces', async () => {
    const store = await open();
    const trace = makeTrace();
    await store.traces.put(trace);
    const evaluation_id = `ev-${'a'.repeat(32)}`;
    const base = {
      evaluation_id, name: 'nightly', status: 'running' as const, progress: { done: 0, total: 2 }, aggregates: {}, rows: [],
      usage: { judge_prompt_tokens: 0, judge_completion_tokens: 0 }, scorers: ['exact_match', 'relevance'], create_time: 1_700_000_000_000,
    };
    await store.evalRuns.create(evaluation_id, base);
    await store.evalRuns.update(evaluation_id, (run) => ({
      ...run,
      status: 'completed',
      end_time: 1_700_000_060_000,
      progress: { done: 2, total: 2 },
      aggregates: { exact_match: { pass_rate: 0.5, errors: 0 }, relevance: { mean: 0.8, p50: 0.8, p90: 0.9, errors: 1 } },
      rows: [{ row_id: '1', inputs: {}, expectations: {}, trace_id: trace.info.trace_id, scores: {} }],
    }));
    const run = [...emulator.state.runs.values()].find((entry) => entry.tags.some((tag) => tag.key === 'verdict.key' && tag.value === evaluation_id));
    expect(run?.info).toMatchObject({ status: 'FINISHED', end_time: 1_700_000_060_000 });
    expect(Object.fromEntries(run?.metrics.filter((metric) => metric.step === 2).map((metric) => [metric.key, metric.value]) ?? [])).toEqual({
      'exact_match/pass_rate': 0.5,
      'exact_match/errors': 0,
      'relevance/mean': 0.8,
      'relevance/p50': 0.8,
      'relevance/p90': 0.9,
      'relevance/errors': 1,
    });
    expect([...(run?.traces ?? [])]).toEqual([trace.info.trace_id]);
    await store.close();
  });

  it('links an eval run\'s traces to its MLflow run in calls of at most 100, and marks a failed run FAILED', async () => {
    const store = await open();
    const traces = Array.from({ length: 130 }, () => makeTrace());
    for (const trace of traces) await store.traces.put(trace);
    const evaluation_id = `ev-${'c'.repeat(32)}`;
    emulator.requests.length = 0;
    await store.evalRuns.create(evaluation_id, {
      evaluation_id, name: 'big', status: 'failed', progress: { done: 130, total: 130 }, aggregates: { exact_match: { pass_rate: 1, errors: 0 } },
      rows: traces.map((trace, n) => ({ row_id: String(n), inputs: {}, expectations: {}, trace_id: trace.info.trace_id, scores: {} })),
      usage: { judge_prompt_tokens: 0, judge_completion_tokens: 0 }, scorers: ['exact_match'], create_time: 1_700_000_000_000, end_time: 1_700_000_001_000,
    });
    const links = emulator.requests.filter((request) => request.path === '/api/2.0/mlflow/traces/link-to-run');
    expect(links.map((request) => (JSON.parse(request.body.toString('utf8')) as { trace_ids: string[] }).trace_ids.length)).toEqual([100, 30]);
    const run = [...emulator.state.runs.values()].find((entry) => entry.tags.some((tag) => tag.key === 'verdict.key' && tag.value === evaluation_id));
    expect(run?.info.status).toBe('FAILED');
    expect(run?.tags).toContainEqual({ key: 'verdict.collection', value: 'evalRuns' });
    expect(run?.metrics.map((metric) => [metric.key, metric.value, metric.step])).toEqual([['exact_match/pass_rate', 1, 130], ['exact_match/errors', 0, 130]]);
    expect(run?.traces.size).toBe(130);
    await store.close();
  });

  it('tags a labeling session\'s run and links the traces its items label', async () => {
    const store = await open();
    const traces = [makeTrace(), makeTrace()];
    for (const trace of traces) await store.traces.put(trace);
    const id = `ls-${'b'.repeat(32)}`;
    const session = { labeling_session_id: id, name: 'review', assigned_users: ['ann'], label_schemas: ['tone'], reviewers_per_item: 1, create_time: 1_700_000_000_000, created_by: 'dev' };
    const item = (n: number) => ({ item_id: `li-${String(n).repeat(32)}`, labeling_session_id: id, source: { trace_id: traces[n - 1]!.info.trace_id }, trace_id: traces[n - 1]!.info.trace_id, state: 'pending' as const, labels: {} });
    await store.labelingSessions.create(id, { session, items: [item(1)] });
    await store.labelingSessions.update(id, (stored) => ({ ...stored, items: [...stored.items, item(2)] }));
    const run = [...emulator.state.runs.values()].find((entry) => entry.tags.some((tag) => tag.key === 'verdict.labeling_session' && tag.value === id));
    expect([...(run?.traces ?? [])].sort()).toEqual(traces.map((trace) => trace.info.trace_id).sort());
    expect(await store.labelingSessions.get(id)).toEqual({ session, items: [item(1), item(2)] });
    await store.close();
  });

  it('logs the capabilities it found once, at start', async () => {
    const lines: string[] = [];
    const store = await open({ onLog: (_level, message) => lines.push(message) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/MLflow 3\.6\.1\.dev0, experiment \d+; spans via OTLP \/v1\/traces; datasets no, label schemas no, review queues no/);
    expect(store.capabilities).toMatchObject({ otlp: true, datasets: false });
    await store.close();
  });

  it('sends bearer tokens, and basic auth from the tracking URI, without echoing them in errors', async () => {
    const store = await open({ token: 's3cret-token' });
    expect(emulator.requests.at(-1)?.headers.authorization).toBe('Bearer s3cret-token');
    await store.close();
    const url = new URL(emulator.url);
    url.username = 'ann';
    url.password = 'pa ss';
    const basic = await mlflowStore({ trackingUri: url.toString(), experimentName: 'auth-basic', onLog: () => undefined });
    expect(emulator.requests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('ann:pa ss').toString('base64')}`);
    emulator.fault = () => ({ status: 403, body: JSON.stringify({ error_code: 'PERMISSION_DENIED', message: 'no' }) });
    try {
      const error = await basic.traces.get(makeTrace().info.trace_id).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'PERMISSION_DENIED' });
      expect(String((error as Error).message)).not.toMatch(/pa ss|ann:|Basic/);
    } finally {
      emulator.fault = undefined;
      await basic.close();
    }
  });
});
