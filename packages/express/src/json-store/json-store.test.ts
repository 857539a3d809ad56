import { readdir } from 'node:fs/promises';
import { describeStoreConformance, makeAssessment, makeTrace } from '@verdict/core/testing';
import { VerdictError } from '@verdict/core';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonStore } from './json-store';
import type { JsonStore } from './json-store';
import { useTempDirs } from './test-support/temp-dirs';

const tempDir = useTempDirs();
const T = 1_700_000_000_000;

describeStoreConformance('jsonStore', () => jsonStore({ dir: tempDir() }));

// A tiny segment size, so the same suite also runs across many segments and their rolls.
describeStoreConformance('jsonStore (4 KiB segments)', () => jsonStore({ dir: tempDir(), segmentBytes: 4096 }));

describe('jsonStore on disk', () => {
  const open: JsonStore[] = [];
  const openStore = async (dir: string, options: { segmentBytes?: number } = {}) => {
    const store = await jsonStore({ dir, ...options });
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });

  it('has everything after close and reopen: traces, replaced versions, assessments, overrides and deletes', async () => {
    const dir = tempDir();
    const first = await openStore(dir, { segmentBytes: 4096 });
    const traces = Array.from({ length: 30 }, (_, index) => makeTrace({ request_time: T + index, tags: { n: String(index) } }));
    for (const trace of traces) await first.traces.put(trace);
    const replaced = { ...traces[0]!, info: { ...traces[0]!.info, state: 'ERROR' as const } };
    await first.traces.put(replaced);
    const id = traces[1]!.info.trace_id;
    const old = await first.assessments.create(makeAssessment(id, { create_time: T + 1 }));
    const replacement = await first.assessments.create(makeAssessment(id, { create_time: T + 2, feedback: { value: false }, overrides: old.assessment_id }));
    const gone = await first.assessments.create(makeAssessment(id, { create_time: T + 3, assessment_name: 'tone' }));
    await first.assessments.delete(id, gone.assessment_id);
    const before = await Promise.all(traces.map((trace) => first.traces.get(trace.info.trace_id)));
    const search = await first.traces.search({ max_results: 1000 });
    await first.close();

    const second = await openStore(dir);
    expect(await Promise.all(traces.map((trace) => second.traces.get(trace.info.trace_id)))).toEqual(before);
    expect(await second.traces.search({ max_results: 1000 })).toEqual(search);
    expect((await second.traces.get(replaced.info.trace_id))?.info.state).toBe('ERROR');
    expect((await second.traces.get(id))?.info.assessments.map((a) => [a.assessment_id, a.valid])).toEqual([
      [old.assessment_id, false],
      [replacement.assessment_id, true],
    ]);
  });

  it('keeps an exact count from 64 parallel writers, before and after reopening', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const traces = Array.from({ length: 64 }, (_, index) => makeTrace({ request_time: T + index }));
    await Promise.all(traces.map((trace) => store.traces.put(trace)));
    // 64 writers, each writing 10 assessments spread over the traces, all at once.
    await Promise.all(
      Array.from({ length: 64 }, async (_, writer) => {
        for (let n = 0; n < 10; n += 1) {
          const trace = traces[(writer + n) % traces.length]!;
          await store.assessments.create(makeAssessment(trace.info.trace_id, { create_time: T + n, feedback: { value: writer * 100 + n } }));
        }
      }),
    );
    const count = async (s: JsonStore) =>
      (await s.traces.search({ max_results: 1000 })).traces.reduce((sum, info) => sum + info.assessments.length, 0);
    expect(await count(store)).toBe(640);
    await store.close();
    const reopened = await openStore(dir);
    expect(await count(reopened)).toBe(640);
    expect((await reopened.traces.search({ max_results: 1000 })).traces).toHaveLength(64);
  });

  it('refuses a second open of the same directory in this process, and allows it after close', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const error = await jsonStore({ dir }).catch((caught: unknown) => caught);
    expect(VerdictError.isInstance(error) && error.code).toBe('UNAVAILABLE');
    expect(String((error as Error).message)).toContain(dir);
    await store.close();
    await openStore(dir);
  });

  it('refuses use after close with UNAVAILABLE', async () => {
    const store = await openStore(tempDir());
    await store.close();
    await expect(store.traces.search()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('validates its options once, naming the problem', async () => {
    await expect(jsonStore({ dir: '' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(jsonStore({ dir: tempDir(), segmentBytes: 10 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('writes a manifest through lowdb and appends segments as JSON lines', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { segmentBytes: 4096 });
    for (let index = 0; index < 5; index += 1) await store.traces.put(makeTrace());
    const files = await readdir(dir);
    expect(files).toContain('verdict-store.json');
    expect(files).toContain('LOCK');
    expect(files.filter((name) => name.startsWith('segment-')).length).toBeGreaterThan(1);
    await store.close();
    expect(await readdir(dir)).not.toContain('LOCK');
  });
});
