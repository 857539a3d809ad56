import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import type { Trace } from '@verdict/core';
import { describe, expect, it } from 'vitest';
import { jsonStore } from './json-store';
import { useTempDirs } from './test-support/temp-dirs';

const tempDir = useTempDirs('verdict-corrupt-');

/** A store in a new directory with `count` traces (one assessment each), closed again. */
async function seeded(count = 5): Promise<{ dir: string; traces: Trace[]; segment: string }> {
  const dir = tempDir();
  const store = await jsonStore({ dir });
  const traces = Array.from({ length: count }, () => makeTrace());
  for (const trace of traces) {
    await store.traces.put(trace);
    await store.assessments.create(makeAssessment(trace.info.trace_id));
  }
  await store.close();
  const [segment] = (await readdir(dir)).filter((name) => name.startsWith('segment-'));
  return { dir, traces, segment: join(dir, segment!) };
}

async function lines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n');
}

async function openWithWarnings(dir: string) {
  const warnings: string[] = [];
  const store = await jsonStore({ dir, onWarning: (message) => warnings.push(message) });
  return { store, warnings };
}

describe('jsonStore with bad data on disk', () => {
  it('drops a torn last record with one warning, cuts it off, and keeps everything before it', async () => {
    const { dir, traces, segment } = await seeded();
    const intact = await readFile(segment);
    // Half of a real record and no newline: what a crash mid-write leaves.
    const extra = makeTrace();
    const probe = await jsonStore({ dir: tempDir() });
    await probe.traces.put(extra);
    await probe.close();
    const [probeSegment] = (await readdir(probe.dir)).filter((name) => name.startsWith('segment-'));
    const torn = (await readFile(join(probe.dir, probeSegment!))).subarray(0, 700);
    await appendFile(segment, torn);

    const { store, warnings } = await openWithWarnings(dir);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/segment-000001-000001\.jsonl:16: record cut off/);
    for (const trace of traces) expect((await store.traces.get(trace.info.trace_id))?.info.assessments).toHaveLength(1);
    expect(await store.traces.get(extra.info.trace_id)).toBeNull();
    expect(await readFile(segment)).toEqual(intact);
    // New writes land after the cut, and the next open is clean.
    await store.traces.put(extra);
    await store.close();
    const again = await openWithWarnings(dir);
    expect(again.warnings).toEqual([]);
    expect(await again.store.traces.get(extra.info.trace_id)).not.toBeNull();
    await again.store.close();
  });

  it('skips a last record whose checksum fails, with a warning', async () => {
    const { dir, traces, segment } = await seeded(3);
    const content = await lines(segment);
    // The last record (an assessment): its value edited by hand, newline kept.
    content[content.length - 2] = content[content.length - 2]!.replace('"value":true', '"value":false');
    await writeFile(segment, content.join('\n'));
    const { store, warnings } = await openWithWarnings(dir);
    expect(warnings).toEqual([expect.stringMatching(/segment-000001-000001\.jsonl:9: checksum mismatch/)]);
    expect((await store.traces.get(traces[2]!.info.trace_id))?.info.assessments).toEqual([]);
    expect((await store.traces.get(traces[1]!.info.trace_id))?.info.assessments).toHaveLength(1);
    await store.close();
  });

  it('refuses to open when a record in the middle was edited, naming file and line', async () => {
    const { dir, segment } = await seeded();
    const content = await lines(segment);
    // Line 5 is the second trace's put record (data, put and assessment lines per trace).
    content[4] = content[4]!.replace('"state":"OK"', '"state":"ERROR"');
    await writeFile(segment, content.join('\n'));
    const error = await jsonStore({ dir }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect((error as Error).message).toContain(`${segment}:5: checksum mismatch`);
    // The refused open released its lock: after a repair the store opens.
    content[4] = content[4]!.replace('"state":"ERROR"', '"state":"OK"');
    await writeFile(segment, content.join('\n'));
    await (await jsonStore({ dir })).close();
  });

  it('refuses to open when bytes in the middle are garbage or a line was lost', async () => {
    const { dir, segment } = await seeded();
    const content = await lines(segment);
    await writeFile(segment, [...content.slice(0, 2), 'not json at all', ...content.slice(2)].join('\n'));
    await expect(jsonStore({ dir })).rejects.toThrow(`${segment}:3: not a framed record`);
    // A data line removed: its put record no longer follows one.
    await writeFile(segment, [...content.slice(0, 3), ...content.slice(4)].join('\n'));
    await expect(jsonStore({ dir })).rejects.toThrow(`${segment}:4: put record not preceded by its data line`);
  });

  it('refuses a whole segment of garbage rather than opening empty', async () => {
    const { dir, segment } = await seeded();
    await writeFile(segment, 'garbage\n'.repeat(10));
    await expect(jsonStore({ dir })).rejects.toThrow(`${segment}:1:`);
  });

  it('refuses a manifest that is not JSON or has an unknown format', async () => {
    const { dir } = await seeded(1);
    await writeFile(join(dir, 'verdict-store.json'), '{ nope');
    await expect(jsonStore({ dir })).rejects.toThrow(/verdict-store\.json: not valid JSON/);
    await writeFile(join(dir, 'verdict-store.json'), JSON.stringify({ format: 99, created_time: 0, compactions: 0 }));
    await expect(jsonStore({ dir })).rejects.toThrow(/format 99/);
  });
});
