import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvalRun } from '@verdict/core';
import { afterEach, describe, expect, it } from 'vitest';
import { mlflowStore } from './mlflow-store';
import { startMlflowEmulator } from './test-support/mlflow-emulator';

// Labeling sessions and eval runs are run artifacts: on a server that does not proxy artifacts
// (artifact root s3://…, or --no-serve-artifacts) they must fail saying what MLflow needs.
const T = 1_700_000_000_000;
const hex = (n: number) => n.toString(16).padStart(32, '0');
const evalRun: EvalRun = {
  evaluation_id: `ev-${hex(2)}`, name: 'nightly', status: 'running', progress: { done: 0, total: 1 }, aggregates: {}, rows: [],
  usage: { judge_prompt_tokens: 0, judge_completion_tokens: 0 }, scorers: ['exact_match'], create_time: T,
};

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('mlflowStore on a server that does not serve artifacts', () => {
  it('refuses labeling sessions and eval runs with UNAVAILABLE naming --serve-artifacts, leaving no run behind', async () => {
    const emulator = await startMlflowEmulator({ artifactRoot: 's3://bucket/mlflow' });
    cleanup.push(() => emulator.close());
    const dir = mkdtempSync(join(tmpdir(), 'verdict-no-artifacts-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = await mlflowStore({ trackingUri: emulator.url, experimentName: 'no-artifacts', outboxDir: dir, onLog: () => undefined });
    cleanup.push(() => store.close());

    const session = {
      session: { labeling_session_id: `ls-${hex(3)}`, name: 's', assigned_users: [], label_schemas: [], reviewers_per_item: 1, create_time: T, created_by: 'ann' },
      items: [],
    };
    for (const attempt of [store.evalRuns.create(evalRun.evaluation_id, evalRun), store.labelingSessions.create(session.session.labeling_session_id, session)]) {
      await expect(attempt).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('mlflow server --serve-artifacts') });
    }
    await expect(store.evalRuns.create(evalRun.evaluation_id, evalRun)).rejects.toThrow(/s3:\/\/bucket\/mlflow\/1/);
    expect(emulator.state.runs.size).toBe(0);
    expect(await store.evalRuns.list()).toEqual([]);
  });

  it('turns a 404 from the artifacts proxy on upload into the same clear refusal', async () => {
    const emulator = await startMlflowEmulator();
    cleanup.push(() => emulator.close());
    const dir = mkdtempSync(join(tmpdir(), 'verdict-no-artifacts-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = await mlflowStore({ trackingUri: emulator.url, experimentName: 'no-proxy-route', outboxDir: dir, onLog: () => undefined });
    cleanup.push(() => store.close());
    emulator.fault = (request) => (request.path.startsWith('/api/2.0/mlflow-artifacts/') ? { status: 404, body: 'Not Found', headers: { 'Content-Type': 'text/html' } } : undefined);

    await expect(store.evalRuns.create(evalRun.evaluation_id, evalRun)).rejects.toMatchObject({
      code: 'UNAVAILABLE', message: expect.stringContaining('artifact root `mlflow-artifacts:/…`'),
    });
    // The run that could not take its document is gone, so the key is free once artifacts work.
    emulator.fault = undefined;
    await expect(store.evalRuns.create(evalRun.evaluation_id, evalRun)).resolves.toEqual(evalRun);
    expect(await store.evalRuns.list()).toHaveLength(1);
  });
});
