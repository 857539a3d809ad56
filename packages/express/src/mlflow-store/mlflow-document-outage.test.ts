import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvalRun, LabelSchema, StoredDataset } from '@verdict/core';
import { makeTrace } from '@verdict/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { mlflowStore } from './mlflow-store';
import type { MlflowStore } from './mlflow-store';
import { startMlflowEmulator } from './test-support/mlflow-emulator';
import type { MlflowEmulator } from './test-support/mlflow-emulator';

// Document writes (label schemas, sessions, datasets, eval runs) are read-modify-write: replaying
// `update(key, mutate)` later could not promise `mutate` saw the current document, so during an
// outage they are refused with 503 while trace and feedback writes wait in the outbox.
const T = 1_700_000_000_000;
const hex = (n: number) => n.toString(16).padStart(32, '0');
const schema: LabelSchema = { name: 'tone', type: 'feedback', title: 'Tone', input: { kind: 'categorical', options: ['ok'] } };
const dataset: StoredDataset = { dataset: { dataset_id: `ds-${hex(1)}`, name: 'golden', tags: {}, create_time: T, created_by: 'ann' }, records: [] };
const evalRun: EvalRun = {
  evaluation_id: `ev-${hex(2)}`, name: 'nightly', status: 'running', progress: { done: 0, total: 1 }, aggregates: {}, rows: [],
  usage: { judge_prompt_tokens: 0, judge_completion_tokens: 0 }, scorers: ['exact_match'], create_time: T,
};

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setUp(datasets: boolean): Promise<{ emulator: MlflowEmulator; store: MlflowStore }> {
  const emulator = await startMlflowEmulator({ datasets });
  cleanup.push(() => emulator.close());
  const dir = mkdtempSync(join(tmpdir(), 'verdict-doc-outage-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = await mlflowStore({
    trackingUri: emulator.url, experimentName: 'outage', outboxDir: dir,
    timeoutMs: 300, attempts: 2, retryBaseDelayMs: 10, retryMaxDelayMs: 50, replayIntervalMs: 50, onLog: () => undefined,
  });
  cleanup.push(() => store.close());
  return { emulator, store };
}

describe.each([false, true])('document writes while MLflow is away (datasets API: %s)', (datasets) => {
  it('are refused with 503 saying why, change nothing, while trace writes still go to the outbox', async () => {
    const { emulator, store } = await setUp(datasets);
    await store.labelSchemas.create('tone', schema);
    await store.datasets.create('golden', dataset);
    await store.evalRuns.create(evalRun.evaluation_id, evalRun);
    await emulator.stop();

    const trace = makeTrace();
    await store.traces.put(trace);
    expect(store.pendingWrites()).toBe(1);
    const refusals = [
      store.labelSchemas.update('tone', (current) => ({ ...current, title: 'Changed' })),
      store.labelSchemas.create('other', { ...schema, name: 'other' }),
      store.datasets.update('golden', (current) => ({ ...current, dataset: { ...current.dataset, tags: { lost: 'yes' } } })),
      store.evalRuns.delete(evalRun.evaluation_id),
      store.labelingSessions.create(`ls-${hex(3)}`, {
        session: { labeling_session_id: `ls-${hex(3)}`, name: 's', assigned_users: [], label_schemas: ['tone'], reviewers_per_item: 1, create_time: T, created_by: 'ann' },
        items: [],
      }),
    ];
    for (const refusal of refusals) {
      await expect(refusal).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/not queued in the outbox.*try again once MLflow answers/) });
    }
    await expect(store.labelSchemas.get('tone')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });

    await emulator.start();
    await store.flush();
    expect(await store.traces.get(trace.info.trace_id)).toEqual(trace);
    // Nothing refused was written, not even later.
    expect(await store.labelSchemas.list()).toEqual([schema]);
    expect(await store.datasets.get('golden')).toEqual(dataset);
    expect(await store.evalRuns.get(evalRun.evaluation_id)).toEqual(evalRun);
    expect(await store.labelingSessions.list()).toEqual([]);
    // And the same writes work once MLflow answers.
    await store.labelSchemas.update('tone', (current) => ({ ...current, title: 'Changed' }));
    expect((await store.labelSchemas.get('tone'))?.title).toBe('Changed');
  });

  it('wait for trace writes acknowledged before them, so an eval run links traces that sat in the outbox', async () => {
    const { emulator, store } = await setUp(datasets);
    await emulator.stop();
    const trace = makeTrace();
    await store.traces.put(trace);
    await emulator.start();
    const run: EvalRun = { ...evalRun, rows: [{ row_id: '1', inputs: {}, expectations: {}, trace_id: trace.info.trace_id, scores: {} }] };
    await store.evalRuns.create(run.evaluation_id, run);
    expect(store.pendingWrites()).toBe(0);
    const mlflowRun = [...emulator.state.runs.values()].find((entry) => entry.tags.some((tag) => tag.value === run.evaluation_id));
    expect([...(mlflowRun?.traces ?? [])]).toEqual([trace.info.trace_id]);
  });
});
