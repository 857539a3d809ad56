import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LABELING_COPY_TAG } from '@verdict/core';
import type { Store, Trace } from '@verdict/core';
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonStore } from '../json-store/json-store';
import { mlflowStore } from '../mlflow-store/mlflow-store';
import { startMlflowEmulator } from '../mlflow-store/test-support/mlflow-emulator';
import type { MlflowEmulator } from '../mlflow-store/test-support/mlflow-emulator';
import { migrateStore } from './migrate';
import { formatCounts, parseMigrateArgs } from './verdict';

const T = 1_700_000_000_000;
let emulator: MlflowEmulator;
let root: string;

beforeEach(async () => {
  emulator = await startMlflowEmulator();
  root = mkdtempSync(join(tmpdir(), 'verdict-migrate-'));
});
afterEach(async () => {
  emulator.fault = undefined;
  await emulator.close();
  rmSync(root, { recursive: true, force: true });
});

/** A source with traces, every kind of assessment (an override, a deleted override), and one document per collection. */
async function seed(store: Store): Promise<void> {
  const traces = Array.from({ length: 7 }, (_, index) => makeTrace({ request_time: T + index * 1000, tags: { n: String(index) } }));
  // A labeling copy: searches leave it out unless asked, and the migration must still carry it.
  traces.push(makeTrace({ request_time: T + 500, tags: { n: 'copy', [LABELING_COPY_TAG]: 'true' } }));
  for (const trace of traces) await store.traces.put(trace);
  const [a, b] = traces as [Trace, Trace];
  const vote = await store.assessments.create(makeAssessment(a.info.trace_id, { create_time: T + 1 }));
  await store.assessments.create(makeAssessment(a.info.trace_id, { create_time: T + 2, feedback: { value: false }, overrides: vote.assessment_id, source: { source_type: 'HUMAN', source_id: 'u2' } }));
  await store.assessments.create(makeAssessment(a.info.trace_id, { create_time: T + 3, assessment_name: 'facts', expectation: { value: { answer: 'x', n: [1] } }, rationale: 'why' }));
  const first = await store.assessments.create(makeAssessment(b.info.trace_id, { create_time: T + 4, feedback: { value: 0.5 } }));
  const undone = await store.assessments.create(makeAssessment(b.info.trace_id, { create_time: T + 5, feedback: { value: 1 }, overrides: first.assessment_id }));
  await store.assessments.delete(b.info.trace_id, undone.assessment_id);
  await store.labelSchemas.create('tone', { name: 'tone', type: 'feedback', title: 'Tone', input: { kind: 'categorical', options: ['ok', 'rude'] } });
  await store.datasets.create('golden', { dataset: { dataset_id: `ds-${'1'.repeat(32)}`, name: 'golden', tags: {}, create_time: T, created_by: 'dev' }, records: [] });
}

/** Everything a store holds, in a comparable form. */
async function snapshot(store: Store): Promise<unknown> {
  const traces: Trace[] = [];
  for (const tags of [{}, { [LABELING_COPY_TAG]: 'true' }] as Array<Record<string, string>>) {
    let page_token: string | undefined;
    do {
      const page = await store.traces.search({ tags, order_by: 'request_time ASC', max_results: 3, ...(page_token === undefined ? {} : { page_token }) });
      for (const info of page.traces) traces.push((await store.traces.get(info.trace_id))!);
      page_token = page.next_page_token;
    } while (page_token !== undefined);
  }
  return {
    traces,
    labelSchemas: await store.labelSchemas.list(),
    labelingSessions: await store.labelingSessions.list(),
    datasets: await store.datasets.list(),
    evalRuns: await store.evalRuns.list(),
  };
}

const openMlflow = (name: string) => mlflowStore({ trackingUri: emulator.url, experimentName: name, onLog: () => undefined });

describe('verdict migrate', () => {
  it('round-trips JSON → MLflow → JSON to an equal store, and a second run copies nothing', async () => {
    const source = await jsonStore({ dir: join(root, 'source') });
    await seed(source);
    const mlflow = await openMlflow('migrated');
    const there = await migrateStore(source, mlflow, { pageSize: 3 });
    expect(there).toMatchObject({ traces: { copied: 8, present: 0 }, assessments: { copied: 4 }, labelSchemas: { copied: 1 }, datasets: { copied: 1 } });
    const back = await jsonStore({ dir: join(root, 'back') });
    await migrateStore(mlflow, back, { pageSize: 2 });
    const original = await snapshot(source);
    expect(await snapshot(mlflow)).toEqual(original);
    expect(await snapshot(back)).toEqual(original);
    const again = await migrateStore(source, mlflow);
    expect(again).toMatchObject({ traces: { copied: 0, present: 8 }, assessments: { copied: 0, present: 4 }, labelSchemas: { copied: 0, present: 1 } });
    await Promise.all([source.close(), mlflow.close(), back.close()]);
  });

  it('round-trips datasets with records through MLflow\'s datasets API, keeping record ids', async () => {
    const withDatasets = await startMlflowEmulator({ datasets: true });
    try {
      const source = await jsonStore({ dir: join(root, 'source') });
      await seed(source);
      const record = (n: number) => ({
        dataset_record_id: `dr-${String(n).repeat(32)}`, inputs: { question: `q${n}` }, expectations: { expected_facts: [`f${n}`] }, tags: { n: String(n) },
        source: { human: { user_name: 'ann' } }, create_time: T + n, created_by: 'ann', last_update_time: T + n, last_updated_by: 'ann',
      });
      await source.datasets.update('golden', (current) => ({ ...current, records: [record(1), record(2), record(3)] }));
      const mlflow = await mlflowStore({ trackingUri: withDatasets.url, experimentName: 'migrated', onLog: () => undefined });
      expect(mlflow.capabilities.datasets).toBe(true);
      await migrateStore(source, mlflow);
      expect([...withDatasets.state.datasets.values()].map((dataset) => dataset.records.size)).toEqual([3]);
      const back = await jsonStore({ dir: join(root, 'back') });
      await migrateStore(mlflow, back);
      expect(await snapshot(back)).toEqual(await snapshot(source));
      await Promise.all([source.close(), mlflow.close(), back.close()]);
    } finally {
      await withDatasets.close();
    }
  });

  it('resumes an interrupted run from its state file without duplicating anything', async () => {
    const source = await jsonStore({ dir: join(root, 'source') });
    await seed(source);
    const mlflow = await openMlflow('interrupted');
    const stateFile = join(root, 'state.json');
    let creates = 0;
    // MLflow starts refusing assessment creates part-way through (no outbox: the run stops with 503).
    emulator.fault = (request) => (request.method === 'POST' && request.path.endsWith('/assessments') && ++creates > 2 ? { status: 503 } : undefined);
    await expect(migrateStore(source, mlflow, { stateFile, pageSize: 1 })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    emulator.fault = undefined;
    const resumed = await migrateStore(source, mlflow, { stateFile, pageSize: 1 });
    // The first page was saved as done before the failure, so the resumed run does not see it again.
    expect(resumed.assessments.copied + resumed.assessments.present).toBe(4);
    expect(await snapshot(mlflow)).toEqual(await snapshot(source));
    const copies = [...emulator.state.traces.values()].flatMap((trace) => trace.assessments.map((row) => (row.metadata as Record<string, string>)['verdict.assessment_id']));
    expect(new Set(copies).size).toBe(copies.length);
    await Promise.all([source.close(), mlflow.close()]);
  });

  it('parses its arguments and prints a count per kind', () => {
    expect(parseMigrateArgs(['migrate', '--from', 'json:a', '--to', 'mlflow:http://h:5000#e'])).toEqual({ from: 'json:a', to: 'mlflow:http://h:5000#e', state: undefined });
    expect(() => parseMigrateArgs(['migrate', '--from', 'json:a'])).toThrow(/usage: verdict migrate/);
    expect(() => parseMigrateArgs(['copy', '--from', 'json:a', '--to', 'json:b'])).toThrow(/usage/);
    expect(formatCounts({ traces: { copied: 2, present: 1 } } as never)).toBe('traces: 2 copied, 1 already there');
  });

  it('runs as a command: verdict migrate --from json:<dir> --to mlflow:<uri>#<experiment>', async () => {
    const dir = join(root, 'cli-source');
    const source = await jsonStore({ dir });
    await seed(source);
    await source.close();
    const cli = fileURLToPath(new URL('./bin.ts', import.meta.url));
    const tsconfig = fileURLToPath(new URL('../json-store/test-support/tsconfig.child.json', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'migrate', '--from', `json:${dir}`, '--to', `mlflow:${emulator.url}#cli`, '--state', join(root, 'cli-state.json')], {
      env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stdout).toContain('traces: 8 copied, 0 already there');
    expect(stdout).toContain('assessments: 4 copied, 0 already there');
    expect(stderr).toContain(`json:${dir} → mlflow:${emulator.url}#cli`);
  }, 60_000);
});

describe('verdict main', () => {
  it('refuses a --from JSON directory that does not exist instead of copying an empty store', async () => {
    const { main } = await import('./verdict');
    const chunks: string[] = [];
    const err = { write: (text: string) => chunks.push(text), isTTY: false } as never;
    const code = await main(['migrate', '--from', `json:${join(tmpdir(), 'verdict-no-such-dir-x9')}`, '--to', 'json:/tmp/unused'], process.stdout, err);
    expect(code).toBe(2);
    expect(chunks.join('')).toMatch(/no such directory/);
  });
});
