import { HttpError, createEvaluationClient } from '@verdict/core';
import type { EvalEvent, EvaluationClient } from '@verdict/core';
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import express from 'express';
import { memoryStore } from '@verdict/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvalRunManager } from '../evaluation/eval-run-manager';
import { createScorerRegistry } from '../evaluation/scorer-registry';
import { createAuthorizer } from '../review/authorize';
import { createTraceWriter } from '../tracing';
import { createJsonBodyReader } from './body-parsing';
import { createErrorHandler } from './error-handler';
import { mountEvaluationRoutes } from './evaluation-routes';
import { scorer } from '../evaluation/scorer';
import { jsonStore } from '../json-store/json-store';
import type { JsonStore } from '../json-store/json-store';
import { useTempDirs } from '../json-store/test-support/temp-dirs';
import { createDatasetService } from '../review/dataset-service';
import { judgeReply, startOpenAICompatibleServer } from '../test-support/openai-compatible-server';
import type { OpenAICompatibleServer } from '../test-support/openai-compatible-server';
import { serve } from '../test-support/serve';
import type { ServeOptions, TestServer } from '../test-support/serve';

const tempDir = useTempDirs('verdict-evaluation-routes-');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const capitals: Record<string, string> = { France: 'Paris', Italy: 'Rome', Spain: 'Madrid', Japan: 'Tokyo' };

let server: TestServer | undefined;
let store: JsonStore | undefined;
let llm: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
  await store?.close();
  await llm?.close();
  server = store = llm = undefined;
});

async function start(options: ServeOptions = {}, records = Object.keys(capitals)): Promise<{ client: EvaluationClient; api: string }> {
  store = await jsonStore({ dir: tempDir() });
  const datasets = createDatasetService(store);
  await datasets.create({ name: 'capitals' }, 'dev');
  await datasets.upsertRecords('capitals', records.map((country) => ({ inputs: { country }, expectations: { expected_response: capitals[country] ?? '?' } })), 'dev');
  server = await serve({
    store,
    apps: {
      right: ({ country }) => capitals[String(country)],
      wrong_on_italy: ({ country }) => (country === 'Italy' ? 'Milan' : capitals[String(country)]),
      slow: async ({ country }, { signal }) => {
        await sleep(30);
        if (signal.aborted) throw new Error('cancelled');
        return capitals[String(country)];
      },
    },
    ...options,
  });
  return { client: createEvaluationClient({ baseUrl: server.api }), api: server.api };
}

async function events(client: EvaluationClient, id: string): Promise<EvalEvent[]> {
  const seen: EvalEvent[] = [];
  for await (const event of client.evaluationEvents(id)) seen.push(event);
  return seen;
}

describe('evaluation routes', () => {
  it('starts a run at once, streams row + progress per row then finished, and stores the result', async () => {
    const { client } = await start();
    const started = await client.startEvaluation({ name: 'baseline', dataset: 'capitals', app: 'right', scorers: ['exact_match'] });
    expect(started.status).toBe('running');
    const stream = await events(client, started.evaluation_id);
    expect(stream.at(-1)).toEqual({ type: 'finished', status: 'completed' });
    // First the state at subscription: the rows done so far, then one progress saying how many.
    const first = stream.findIndex((event) => event.type === 'progress');
    expect(stream.slice(0, first).every((event) => event.type === 'row')).toBe(true);
    expect(stream[first]).toMatchObject({ progress: { done: first, total: 4 } });
    // Then, per row, the row and a progress counting it; then the final progress and finished.
    const live = stream.slice(first + 1, -2);
    expect(live.map((event) => event.type)).toEqual(live.map((_, index) => (index % 2 === 0 ? 'row' : 'progress')));
    expect(live.flatMap((event) => (event.type === 'progress' ? [event.progress.done] : []))).toEqual(
      Array.from({ length: 4 - first }, (_, index) => first + index + 1),
    );
    expect(stream.at(-2)).toMatchObject({ type: 'progress', progress: { done: 4, total: 4 }, aggregates: { exact_match: { pass_rate: 1, errors: 0 } } });
    expect(stream.filter((event) => event.type === 'row')).toHaveLength(4);

    const run = await client.getEvaluation(started.evaluation_id);
    expect(run).toMatchObject({ name: 'baseline', status: 'completed', app: 'right', dataset: 'capitals', progress: { done: 4, total: 4 } });
    expect(run.aggregates.exact_match).toEqual({ pass_rate: 1, errors: 0 });
    expect(run.rows.every((row) => row.trace_id !== undefined)).toBe(true);
    const stored = await store?.evalRuns.get(started.evaluation_id);
    expect(stored?.status).toBe('completed');
    expect(stored?.rows).toHaveLength(4);

    const { evaluations } = await client.listEvaluations();
    expect(evaluations.map((evaluation) => evaluation.evaluation_id)).toEqual([started.evaluation_id]);
    expect('rows' in (evaluations[0] ?? {})).toBe(false);
  });

  it('gives a late subscriber the rows, the progress and finished at once', async () => {
    const { client } = await start();
    const { evaluation_id } = await client.startEvaluation({ dataset: 'capitals', app: 'right', scorers: ['exact_match'] });
    await events(client, evaluation_id);
    const late = await events(client, evaluation_id);
    expect(late.map((event) => event.type)).toEqual(['row', 'row', 'row', 'row', 'progress', 'finished']);
  });

  it('sends every row exactly once to a subscriber that joins mid-run', async () => {
    const { client } = await start({}, Object.keys(capitals));
    const { evaluation_id } = await client.startEvaluation({ dataset: 'capitals', app: 'slow', scorers: ['exact_match'], concurrency: 1 });
    await sleep(45);
    const stream = await events(client, evaluation_id);
    const ids = stream.flatMap((event) => (event.type === 'row' ? [event.row.row_id] : []));
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(stream.at(-1)?.type).toBe('finished');
  });

  it('compares two runs: regressions first, per-scorer deltas', async () => {
    const { client } = await start();
    const base = await client.startEvaluation({ dataset: 'capitals', app: 'right', scorers: ['exact_match'] });
    const candidate = await client.startEvaluation({ dataset: 'capitals', app: 'wrong_on_italy', scorers: ['exact_match'] });
    await events(client, base.evaluation_id);
    await events(client, candidate.evaluation_id);
    const comparison = await client.compareEvaluations(base.evaluation_id, candidate.evaluation_id);
    expect(comparison.scorers.exact_match).toEqual({ base: 1, candidate: 0.75, delta: -0.25 });
    expect(comparison.rows[0]).toMatchObject({ inputs: { country: 'Italy' }, change: 'regressed' });
    expect(comparison.rows.slice(1).every((row) => row.change === 'unchanged')).toBe(true);
  });

  it('cancels a running run: it stops scheduling, ends cancelled, and says so to the stream', async () => {
    const many = Array.from({ length: 40 }, (_, index) => `Country ${index}`);
    const { client } = await start({}, many);
    const { evaluation_id } = await client.startEvaluation({ dataset: 'capitals', app: 'slow', scorers: ['exact_match'], concurrency: 1 });
    const streamed = events(client, evaluation_id);
    await sleep(80);
    const cancelled = await client.cancelEvaluation(evaluation_id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress.done).toBeLessThan(10);
    expect((await streamed).at(-1)).toEqual({ type: 'finished', status: 'cancelled' });
    expect((await store?.evalRuns.get(evaluation_id))?.status).toBe('cancelled');
    // Cancelling an ended run changes nothing.
    expect((await client.cancelEvaluation(evaluation_id)).status).toBe('cancelled');
  });

  it('writes a running run to the store at most every 250 ms, not once per row', async () => {
    const many = Array.from({ length: 300 }, (_, index) => `Country ${index}`);
    const { client } = await start({}, many);
    let writes = 0;
    const collection = store!.evalRuns;
    const update = collection.update.bind(collection);
    collection.update = (key, mutate) => {
      writes += 1;
      return update(key, mutate);
    };
    const { evaluation_id } = await client.startEvaluation({ dataset: 'capitals', app: 'right', scorers: ['exact_match', 'contains_all'] });
    const stream = await events(client, evaluation_id);
    expect(stream.filter((event) => event.type === 'row')).toHaveLength(300);
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes).toBeLessThan(30);
    expect((await store?.evalRuns.get(evaluation_id))?.rows).toHaveLength(300);
  });

  it('runs the built-in judges through the configured OpenAI-compatible server, retrying a 429', async () => {
    llm = await startOpenAICompatibleServer({ script: ({ index, text }) => (index === 0 ? { status: 429 } : { content: judgeReply(!text.includes('Milan'), 'checked') }) });
    const { client } = await start({ judge: { baseURL: llm.baseURL, apiKey: 'test', model: 'judge', backoffMs: 5 } });
    const { evaluation_id } = await client.startEvaluation({ dataset: 'capitals', app: 'wrong_on_italy', scorers: ['correctness'], concurrency: 2 });
    await events(client, evaluation_id);
    const run = await client.getEvaluation(evaluation_id);
    expect(run.aggregates.correctness).toEqual({ pass_rate: 0.75, errors: 0 });
    expect(run.usage.judge_prompt_tokens).toBeGreaterThan(0);
    expect(llm.requests).toHaveLength(5);
  });

  it('reports judge vs human agreement on the run’s traces', async () => {
    const { client } = await start({ scorers: [scorer('judge_says', ({ outputs }) => outputs === 'good')] });
    // Four traces answered 'good' or 'bad', each labelled by a human.
    const humans = [true, true, false, false];
    const outputs = ['good', 'good', 'good', 'bad'];
    const ids: string[] = [];
    for (const [index, label] of humans.entries()) {
      const trace = makeTrace();
      const root = trace.data.spans.find((span) => span.parent_span_id === null);
      if (root !== undefined) root.outputs = outputs[index];
      await store?.traces.put(trace);
      await store?.assessments.create(makeAssessment(trace.info.trace_id, { assessment_name: 'is_good', feedback: { value: label } }));
      ids.push(trace.info.trace_id);
    }
    const { evaluation_id } = await client.startEvaluation({ trace_ids: ids, scorers: ['judge_says'] });
    await events(client, evaluation_id);
    const agreement = await client.getAgreement(evaluation_id, { scorer: 'judge_says', label_schema: 'is_good' });
    expect(agreement).toMatchObject({ metric: 'cohen_kappa', items: 4, labels: ['false', 'true'], matrix: [[1, 1], [0, 2]], observed_agreement: 0.75 });
    expect(agreement.kappa).toBeCloseTo(0.5);
    await expect(client.getAgreement(evaluation_id, { scorer: 'nope', label_schema: 'is_good' })).rejects.toMatchObject({ status: 400 });
  });

  it('answers bad requests with 4xx and clear messages', async () => {
    const { client, api } = await start();
    const refuse = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        if (error instanceof HttpError) return { status: error.status, message: error.message };
        throw error;
      }
      throw new Error('expected a refusal');
    };
    expect(await refuse(client.startEvaluation({ dataset: 'capitals', app: 'right', scorers: ['exact_mach'] }))).toMatchObject({ status: 400, message: expect.stringContaining('did you mean exact_match?') });
    expect(await refuse(client.startEvaluation({ dataset: 'capitals', scorers: ['exact_match'] }))).toMatchObject({ status: 400, message: expect.stringContaining('name the app') });
    expect(await refuse(client.startEvaluation({ dataset: 'capitals', app: 'nope', scorers: ['exact_match'] }))).toMatchObject({ status: 400, message: expect.stringContaining('known apps: right') });
    expect(await refuse(client.startEvaluation({ dataset: 'missing', app: 'right', scorers: ['exact_match'] }))).toMatchObject({ status: 404 });
    expect(await refuse(client.startEvaluation({ dataset: 'capitals', trace_ids: [makeTrace().info.trace_id], app: 'right', scorers: ['exact_match'] }))).toMatchObject({ status: 400 });
    expect(await refuse(client.startEvaluation({ dataset: 'capitals', app: 'right', scorers: [{ name: 'latency_under', options: {} }] }))).toMatchObject({ status: 400, message: expect.stringContaining('options.ms') });
    expect(await refuse(client.getEvaluation('ev-nope'))).toMatchObject({ status: 400 });
    expect(await refuse(client.getEvaluation(`ev-${'0'.repeat(32)}`))).toMatchObject({ status: 404 });
    expect(await refuse(client.compareEvaluations('x', 'y'))).toMatchObject({ status: 400 });
    expect(await refuse(events(client, `ev-${'0'.repeat(32)}`))).toMatchObject({ status: 404 });
    const malformed = await fetch(`${api}/evaluations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scorers":' });
    expect(malformed.status).toBe(400);
    expect((await store?.evalRuns.list())?.length).toBe(0);
  });

  it('re-runs an app on the inputs of traces found by a filter', async () => {
    const { client } = await start();
    for (const country of ['France', 'Italy']) {
      const trace = makeTrace({ tags: { suite: 'smoke' } });
      const root = trace.data.spans.find((span) => span.parent_span_id === null);
      if (root !== undefined) root.inputs = { country };
      await store?.traces.put(trace);
      await store?.assessments.create(makeAssessment(trace.info.trace_id, { assessment_name: 'expected_response', expectation: { value: capitals[country] ?? '' } }));
    }
    await store?.traces.put(makeTrace({ tags: { suite: 'other' } }));
    const { evaluation_id } = await client.startEvaluation({ filter: { tags: { suite: 'smoke' } }, app: 'wrong_on_italy', scorers: ['exact_match'] });
    await events(client, evaluation_id);
    const run = await client.getEvaluation(evaluation_id);
    expect(run.progress.total).toBe(2);
    expect(run.aggregates.exact_match).toEqual({ pass_rate: 0.5, errors: 0 });
  });

  it('reports a run the server stopped in the middle of as failed', async () => {
    const { client } = await start();
    const id = `ev-${'a'.repeat(32)}`;
    await store?.evalRuns.create(id, {
      evaluation_id: id, name: 'interrupted', status: 'running', progress: { done: 1, total: 3 }, aggregates: {}, rows: [],
      usage: { judge_prompt_tokens: 0, judge_completion_tokens: 0 }, scorers: ['exact_match'], create_time: 1,
    });
    expect(await client.getEvaluation(id)).toMatchObject({ status: 'failed', error: expect.stringContaining('stopped') });
    expect((await store?.evalRuns.get(id))?.status).toBe('failed');
    expect((await events(client, id)).at(-1)).toEqual({ type: 'finished', status: 'failed' });
  });
});

describe('evaluation events', () => {
  it('sends heartbeat comments while a run is idle', async () => {
    const runStore = memoryStore();
    await createDatasetService(runStore).create({ name: 'one' }, 'dev');
    await createDatasetService(runStore).upsertRecords('one', [{ inputs: { country: 'France' } }], 'dev');
    const runs = createEvalRunManager({
      store: runStore,
      writer: createTraceWriter(runStore),
      scorers: createScorerRegistry(),
      apps: { sleepy: () => sleep(120).then(() => 'Paris') },
      judge: undefined,
      onError: () => undefined,
    });
    const app = express();
    const router = express.Router();
    mountEvaluationRoutes(router, { store: runStore, runs, readBody: createJsonBodyReader(1_000_000), authorizer: createAuthorizer(undefined), heartbeatMs: 20 });
    router.use(createErrorHandler(() => undefined));
    app.use(router);
    const listening = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    const base = `http://127.0.0.1:${(listening.address() as { port: number }).port}`;
    try {
      const started = (await (await fetch(`${base}/evaluations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dataset: 'one', app: 'sleepy', scorers: ['exact_match'] }) })).json()) as { evaluation_id: string };
      const response = await fetch(`${base}/evaluations/${started.evaluation_id}/events`);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('x-accel-buffering')).toBe('no');
      const text = await response.text();
      expect(text).toContain(': ping');
      expect(text.trim().endsWith('data: {"type":"finished","status":"completed"}')).toBe(true);
    } finally {
      listening.closeAllConnections();
      await new Promise((resolve) => listening.close(resolve));
    }
  });
});
