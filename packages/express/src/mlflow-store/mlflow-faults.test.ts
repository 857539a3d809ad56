import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VerdictError } from '@verdict/core';
import type { Assessment } from '@verdict/core';
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verdictIdOf } from './assessment-mapping';
import { mlflowStore } from './mlflow-store';
import type { MlflowStore } from './mlflow-store';
import type { MlflowStoreOptions } from './mlflow-store-options';
import { startMlflowEmulator } from './test-support/mlflow-emulator';
import type { MlflowEmulator, SeenRequest } from './test-support/mlflow-emulator';

/** How long MLflow stays away under load; the 30 s scenario, shortened (set VERDICT_OUTAGE_MS to run it long). */
const OUTAGE_MS = Number(process.env.VERDICT_OUTAGE_MS ?? 2000);

let emulator: MlflowEmulator;
let dir: string;
let experiments = 0;
const stores: MlflowStore[] = [];

beforeEach(async () => {
  emulator = await startMlflowEmulator();
  dir = mkdtempSync(join(tmpdir(), 'verdict-outbox-'));
});
afterEach(async () => {
  emulator.fault = undefined;
  for (const store of stores.splice(0)) await store.close();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(options: Partial<MlflowStoreOptions> = {}): Promise<MlflowStore> {
  const store = await mlflowStore({
    trackingUri: emulator.url,
    experimentName: `faults-${(experiments += 1)}`,
    timeoutMs: 400,
    attempts: 3,
    retryBaseDelayMs: 20,
    retryMaxDelayMs: 200,
    replayIntervalMs: 50,
    onLog: () => undefined,
    ...options,
  });
  stores.push(store);
  return store;
}

const isCreate = (request: SeenRequest) => request.method === 'POST' && request.path.endsWith('/assessments');

/** MLflow assessments per Verdict id on a trace (exactly-once means all 1). */
function copiesOf(traceId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of emulator.state.traces.get(traceId)?.assessments ?? []) {
    const id = verdictIdOf(row);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('mlflowStore under faults', () => {
  it('retries 500s and still creates each assessment once', async () => {
    const store = await open();
    const trace = makeTrace();
    await store.traces.put(trace);
    let failures = 0;
    emulator.fault = (request) => (request.path.includes('/traces') && failures++ < 2 ? { status: 500 } : undefined);
    const created = await store.assessments.create(makeAssessment(trace.info.trace_id));
    expect(failures).toBeGreaterThanOrEqual(2);
    expect(copiesOf(trace.info.trace_id)).toEqual(new Map([[created.assessment_id, 1]]));
  });

  it('waits as long as a 429 Retry-After says', async () => {
    const store = await open();
    const trace = makeTrace();
    let limited = 0;
    emulator.fault = (request) => (request.path === '/api/3.0/mlflow/traces' && limited++ === 0 ? { status: 429, headers: { 'Retry-After': '1' } } : undefined);
    const started = Date.now();
    await store.traces.put(trace);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await store.traces.get(trace.info.trace_id)).toEqual(trace);
  });

  it('times out a hanging request and retries it', async () => {
    const store = await open();
    const trace = makeTrace();
    let hung = 0;
    emulator.fault = (request) => (request.path === '/api/3.0/mlflow/traces' && hung++ === 0 ? 'hang' : undefined);
    await store.traces.put(trace);
    expect(hung).toBe(2);
    expect(await store.traces.get(trace.info.trace_id)).toEqual(trace);
  });

  it('does not duplicate a create whose answer was lost: it looks before posting again', async () => {
    const store = await open();
    const trace = makeTrace();
    await store.traces.put(trace);
    let lost = 0;
    emulator.fault = (request) => (isCreate(request) && lost++ === 0 ? 'lose-response' : undefined);
    const created = await store.assessments.create(makeAssessment(trace.info.trace_id));
    expect(lost).toBe(1);
    expect(copiesOf(trace.info.trace_id)).toEqual(new Map([[created.assessment_id, 1]]));
    expect(await store.assessments.get(trace.info.trace_id, created.assessment_id)).toEqual(created);
  });

  it('without an outbox, an unreachable MLflow is a 503 STORE_UNAVAILABLE for writes and reads', async () => {
    const store = await open();
    await emulator.stop();
    const trace = makeTrace();
    for (const attempt of [() => store.traces.put(trace), () => store.traces.get(trace.info.trace_id), () => store.traces.search()]) {
      const error = await attempt().then(() => undefined, (caught: unknown) => caught);
      expect(VerdictError.isInstance(error) && [error.code, error.status]).toEqual(['STORE_UNAVAILABLE', 503]);
    }
  });

  it('keeps writes in the outbox while MLflow is down, refuses reads, and replays them in order once', async () => {
    const store = await open({ outboxDir: dir });
    const trace = makeTrace();
    await store.traces.put(trace);
    const first = await store.assessments.create(makeAssessment(trace.info.trace_id, { create_time: 1 }));
    await emulator.stop();
    const later = makeTrace();
    await store.traces.put(later);
    const offline = await store.assessments.create(makeAssessment(later.info.trace_id, { create_time: 2 }));
    const override = await store.assessments.create(makeAssessment(trace.info.trace_id, { create_time: 3, feedback: { value: false }, overrides: first.assessment_id }));
    await store.assessments.delete(trace.info.trace_id, override.assessment_id);
    expect(store.pendingWrites()).toBe(4);
    expect(readFileSync(join(dir, 'outbox.log'), 'utf8').trim().split('\n')).toHaveLength(4);
    await expect(store.traces.get(trace.info.trace_id)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await emulator.start();
    await store.flush();
    expect(store.pendingWrites()).toBe(0);
    expect(readFileSync(join(dir, 'outbox.log'), 'utf8')).toBe('');
    expect((await store.traces.get(later.info.trace_id))?.info.assessments).toEqual([offline]);
    const assessments = (await store.traces.get(trace.info.trace_id))?.info.assessments;
    // The override was created and then deleted, in order: the first vote is valid again.
    expect(assessments?.map((assessment) => [assessment.assessment_id, assessment.valid])).toEqual([[first.assessment_id, true]]);
  });

  it('replays an outbox left by a closed store when the next one opens', async () => {
    const store = await open({ outboxDir: dir });
    const trace = makeTrace();
    await store.traces.put(trace);
    await emulator.stop();
    const assessment = await store.assessments.create(makeAssessment(trace.info.trace_id));
    await store.close();
    await emulator.start();
    const next = await mlflowStore({ trackingUri: emulator.url, experimentId: store.experimentId, outboxDir: dir, onLog: () => undefined });
    stores.push(next);
    await next.flush();
    expect(await next.assessments.get(trace.info.trace_id, assessment.assessment_id)).toEqual(assessment);
  });

  it('starts during an MLflow outage when it has an outbox: writes wait, reads are 503, all lands once MLflow answers', async () => {
    await emulator.stop();
    const warnings: string[] = [];
    const store = await open({ outboxDir: dir, onLog: (level, message) => level === 'warn' && warnings.push(message) });
    expect(warnings).toEqual([expect.stringMatching(/starting without MLflow/)]);
    expect(store.experimentId).toBe('');
    const trace = makeTrace();
    await store.traces.put(trace);
    const assessment = await store.assessments.create(makeAssessment(trace.info.trace_id));
    await expect(store.traces.search()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await emulator.start();
    await store.flush();
    expect(store.experimentId).toMatch(/^\d+$/);
    expect((await store.traces.get(trace.info.trace_id))?.info.assessments).toEqual([assessment]);
  });

  it('without an outbox, refuses to start while MLflow is unreachable', async () => {
    await emulator.stop();
    await expect(open()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('refuses writes with 503 once the outbox is full, never dropping them silently', async () => {
    const store = await open({ outboxDir: dir, outboxMaxRecords: 2 });
    await emulator.stop();
    await store.traces.put(makeTrace());
    await store.traces.put(makeTrace());
    const error = await store.traces.put(makeTrace()).then(() => undefined, (caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', status: 503, message: expect.stringMatching(/outbox .* is full/) });
    expect(store.pendingWrites()).toBe(2);
  });

  it(`loses no acknowledged write when MLflow goes away for ${OUTAGE_MS} ms under a steady feedback load`, { timeout: OUTAGE_MS + 30_000 }, async () => {
    const store = await open({ outboxDir: dir });
    const acknowledged: Assessment[] = [];
    const traces: string[] = [];
    const failures: unknown[] = [];
    let running = true;
    const load = (async () => {
      let n = 0;
      while (running) {
        n += 1;
        try {
          if (n % 5 === 1 || traces.length === 0) {
            const trace = makeTrace();
            await store.traces.put(trace);
            traces.push(trace.info.trace_id);
          } else {
            const traceId = traces[traces.length - 1]!;
            acknowledged.push(await store.assessments.create(makeAssessment(traceId, { create_time: n, feedback: { value: n % 2 === 0 } })));
          }
        } catch (error) {
          failures.push(error);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await emulator.stop();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    expect(store.pendingWrites()).toBeGreaterThan(0);
    await emulator.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = false;
    await load;
    await store.flush();
    expect(failures).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(10);
    for (const traceId of traces) expect(emulator.state.traces.has(traceId)).toBe(true);
    const counts = new Map<string, number>();
    for (const traceId of traces) for (const [id, count] of copiesOf(traceId)) counts.set(id, count);
    expect(counts.size).toBe(acknowledged.length);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    for (const assessment of acknowledged.slice(-3)) {
      expect(await store.assessments.get(assessment.trace_id, assessment.assessment_id)).toEqual(assessment);
    }
  });
});
