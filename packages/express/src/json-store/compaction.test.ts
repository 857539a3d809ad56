import { cp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import type { Trace } from '@verdict/core';
import { describe, expect, it } from 'vitest';
import { jsonStore } from './json-store';
import type { JsonStore } from './json-store';
import { useTempDirs } from './test-support/temp-dirs';

const tempDir = useTempDirs('verdict-compact-');
const T = 1_700_000_000_000;

async function segments(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('segment-')).sort();
}

/** Everything a store holds, for comparing before and after. */
async function snapshot(store: JsonStore, traces: Trace[]) {
  return {
    search: await store.traces.search({ max_results: 1000 }),
    traces: await Promise.all(traces.map((trace) => store.traces.get(trace.info.trace_id))),
  };
}

/** 20 traces, each put 5 times, with assessments, overrides and deletes, over 8 KiB segments. */
async function churn(store: JsonStore): Promise<Trace[]> {
  const traces = Array.from({ length: 20 }, (_, index) => makeTrace({ request_time: T + index }));
  for (let version = 0; version < 5; version += 1) {
    for (const trace of traces) await store.traces.put({ ...trace, info: { ...trace.info, response_preview: `v${version}` } });
  }
  for (const trace of traces.slice(0, 10)) {
    const old = await store.assessments.create(makeAssessment(trace.info.trace_id, { create_time: T + 1 }));
    await store.assessments.create(makeAssessment(trace.info.trace_id, { create_time: T + 2, feedback: { value: false }, overrides: old.assessment_id }));
    const gone = await store.assessments.create(makeAssessment(trace.info.trace_id, { create_time: T + 3, assessment_name: 'x' }));
    await store.assessments.delete(trace.info.trace_id, gone.assessment_id);
  }
  return traces;
}

describe('jsonStore compaction', () => {
  it('rewrites the log as one smaller segment holding the same state, before and after reopening', async () => {
    const dir = tempDir();
    const store = await jsonStore({ dir, segmentBytes: 8192, compactAfterBytes: 1e12 });
    const traces = await churn(store);
    const before = await snapshot(store, traces);
    expect((await segments(dir)).length).toBeGreaterThan(5);
    await store.compact();
    expect(await segments(dir)).toEqual([expect.stringMatching(/^segment-000001-0000\d\d\.jsonl$/)]);
    expect(await snapshot(store, traces)).toEqual(before);
    await store.close();
    const reopened = await jsonStore({ dir });
    expect(await snapshot(reopened, traces)).toEqual(before);
    await reopened.close();
  });

  it('loses nothing written and serves every read while it runs', async () => {
    const dir = tempDir();
    const store = await jsonStore({ dir, segmentBytes: 8192, compactAfterBytes: 1e12 });
    const traces = await churn(store);
    const more = Array.from({ length: 50 }, (_, index) => makeTrace({ request_time: T + 100 + index }));
    const expectedSpans = await Promise.all(traces.map(async (trace) => (await store.traces.get(trace.info.trace_id))?.data));
    const writes = [
      store.compact(),
      ...more.map((trace) => store.traces.put(trace)),
      ...traces.map((trace) => store.assessments.create(makeAssessment(trace.info.trace_id, { assessment_name: 'during' }))),
    ];
    // Reads while the spans move from the old segments to the compacted one.
    const reads = Promise.all(traces.map(async (trace) => (await store.traces.get(trace.info.trace_id))?.data));
    await Promise.all(writes);
    expect(await reads).toEqual(expectedSpans);
    const expected = await snapshot(store, [...traces, ...more]);
    expect(expected.search.traces).toHaveLength(70);
    expect(expected.search.traces.filter((info) => info.assessments.some((a) => a.assessment_name === 'during'))).toHaveLength(20);
    await store.close();
    const reopened = await jsonStore({ dir });
    expect(await snapshot(reopened, [...traces, ...more])).toEqual(expected);
    await reopened.close();
  });

  it('runs by itself once most of the log is garbage', async () => {
    const dir = tempDir();
    const store = await jsonStore({ dir, segmentBytes: 8192, compactAfterBytes: 16 * 1024 });
    const traces = await churn(store);
    const before = await snapshot(store, traces);
    await store.close();
    // Far less than the ~100 versions written: replaced versions were dropped.
    expect((await segments(dir)).length).toBeLessThan(8);
    const reopened = await jsonStore({ dir });
    expect(await snapshot(reopened, traces)).toEqual(before);
    await reopened.close();
  });

  it('opens cleanly from a crash on either side of its rename', async () => {
    const dir = tempDir();
    const store = await jsonStore({ dir, segmentBytes: 8192, compactAfterBytes: 1e12 });
    const traces = await churn(store);
    const before = await snapshot(store, traces);
    await store.close();
    const originals = tempDir();
    await cp(dir, originals, { recursive: true });
    const compacting = await jsonStore({ dir, compactAfterBytes: 1e12 });
    await compacting.compact();
    await compacting.close();

    // After the rename, before the deletes: originals and the compacted range side by side.
    const after = tempDir();
    await cp(dir, after, { recursive: true });
    for (const name of await segments(originals)) await cp(join(originals, name), join(after, name));
    // Before the rename: the originals and a half-written temporary file.
    const beforeRename = tempDir();
    await cp(originals, beforeRename, { recursive: true });
    await writeFile(join(beforeRename, `.${(await segments(dir))[0]}.tmp`), 'half a compaction');
    await rm(join(beforeRename, 'LOCK'), { force: true });

    for (const crashed of [after, beforeRename]) {
      const reopened = await jsonStore({ dir: crashed });
      expect(await snapshot(reopened, traces)).toEqual(before);
      await reopened.close();
      expect((await readdir(crashed)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
    expect(await segments(after)).toEqual(await segments(dir));
  });
});
