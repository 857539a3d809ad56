import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonStore } from '../json-store/json-store';
import { emptyCounts, migrateStore } from './migrate';
import type { MigrationCounts, MigrationTotals } from './migrate';
import { createMigrateProgress } from './migrate-progress';
import { main } from './verdict';

const T = 1_700_000_000_000;
const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, stream: { write: (text: string) => chunks.push(text), isTTY } };
};

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'verdict-progress-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('migrate progress', () => {
  it('off a terminal: plain lines, one per kind at most every second, and the last count of every kind at the end', () => {
    let clock = 0;
    const { chunks, stream } = sink(false);
    const progress = createMigrateProgress(stream, { now: () => clock });
    const totals: MigrationTotals = { traces: 5, assessments: 3, labelSchemas: 1, labelingSessions: 0, datasets: 2, evalRuns: 0 };
    const counts = emptyCounts();
    progress.update(counts, totals);
    expect(chunks).toEqual([]);
    for (let n = 1; n <= 4; n += 1) {
      clock += 350;
      counts.traces.copied = n;
      counts.assessments.present = Math.min(n, 2);
      progress.update(counts, totals);
    }
    // 350 ms: the first line of each kind; 700 and 1050 ms: too soon; 1400 ms: more than a second since.
    expect(chunks).toEqual(['  traces 1/5\n', '  assessments 1/3\n', '  traces 4/5\n', '  assessments 2/3\n']);
    chunks.length = 0;
    clock += 10;
    counts.traces.copied = 5;
    counts.assessments.present = 3;
    progress.update(counts, totals);
    // A kind that is complete says so at once.
    expect(chunks).toEqual(['  traces 5/5\n', '  assessments 3/3\n']);
    chunks.length = 0;
    counts.labelSchemas.copied = 1;
    counts.datasets.copied = 1;
    progress.update(counts, totals);
    counts.datasets.present = 1;
    progress.finish(counts, totals);
    expect(chunks).toEqual(['  label schemas 1/1\n', '  datasets 1/2\n', '  sessions 0/0\n', '  datasets 2/2\n', '  eval runs 0/0\n']);
    expect(chunks.join('')).not.toContain('\r');
  });

  it('on a terminal: one line rewritten with \\r naming every kind, ended by finish', () => {
    const { chunks, stream } = sink(true);
    const progress = createMigrateProgress(stream);
    const totals: MigrationTotals = { traces: 2, assessments: 1, labelSchemas: 0, labelingSessions: 1, datasets: 0, evalRuns: 0 };
    const counts = emptyCounts();
    progress.update(counts, totals);
    progress.update(counts, totals);
    counts.traces.copied = 2;
    counts.assessments.copied = 1;
    counts.labelingSessions.present = 1;
    progress.update(counts, totals);
    progress.finish(counts, totals);
    expect(chunks).toEqual([
      '\r  traces 0/2, assessments 0/1, label schemas 0/0, sessions 0/1, datasets 0/0, eval runs 0/0',
      '\r  traces 2/2, assessments 1/1, label schemas 0/0, sessions 1/1, datasets 0/0, eval runs 0/0',
      '\r  traces 2/2, assessments 1/1, label schemas 0/0, sessions 1/1, datasets 0/0, eval runs 0/0\n',
    ]);
  });

  it('migrateStore passes the source totals with every report, and copied + present reaches them', async () => {
    const source = await jsonStore({ dir: join(root, 'source') });
    const traces = Array.from({ length: 3 }, (_, index) => makeTrace({ request_time: T + index }));
    for (const trace of traces) await source.traces.put(trace);
    // Both on the oldest trace, which is copied first.
    await source.assessments.create(makeAssessment(traces[0]!.info.trace_id, { create_time: T + 1 }));
    await source.assessments.create(makeAssessment(traces[0]!.info.trace_id, { create_time: T + 2, assessment_name: 'other' }));
    await source.labelSchemas.create('tone', { name: 'tone', type: 'feedback', title: 'Tone', input: { kind: 'categorical', options: ['ok', 'rude'] } });
    const target = await jsonStore({ dir: join(root, 'target') });
    const reports: Array<[MigrationCounts, MigrationTotals]> = [];
    await migrateStore(source, target, { pageSize: 2, onProgress: (counts, totals) => reports.push([structuredClone(counts), { ...totals }]) });
    const totals = { traces: 3, assessments: 2, labelSchemas: 1, labelingSessions: 0, datasets: 0, evalRuns: 0 };
    expect(reports.map(([, all]) => all)).toEqual(Array.from({ length: reports.length }, () => totals));
    // Once before anything is copied, once per trace, once per document.
    expect(reports.map(([counts]) => [counts.traces.copied, counts.assessments.copied, counts.labelSchemas.copied])).toEqual([
      [0, 0, 0],
      [1, 2, 0],
      [2, 2, 0],
      [3, 2, 0],
      [3, 2, 1],
    ]);
    await Promise.all([source.close(), target.close()]);
  });

  it('verdict migrate prints kind n/total for every kind when stderr is not a terminal', async () => {
    const from = join(root, 'from');
    const source = await jsonStore({ dir: from });
    for (let index = 0; index < 2; index += 1) await source.traces.put(makeTrace({ request_time: T + index }));
    await source.datasets.create('golden', { dataset: { dataset_id: `ds-${'1'.repeat(32)}`, name: 'golden', tags: {}, create_time: T, created_by: 'dev' }, records: [] });
    await source.close();
    const out = sink(false);
    const err = sink(false);
    const code = await main(['migrate', '--from', `json:${from}`, '--to', `json:${join(root, 'to')}`, '--state', join(root, 'state.json')], out.stream as never, err.stream as never);
    expect(code).toBe(0);
    const lines = err.chunks.join('').split('\n').slice(1, -1);
    expect(lines).toEqual(['  traces 1/2', '  traces 2/2', '  datasets 1/1', '  assessments 0/0', '  label schemas 0/0', '  sessions 0/0', '  eval runs 0/0']);
    expect(out.chunks.join('')).toContain('traces: 2 copied, 0 already there');
  });
});
