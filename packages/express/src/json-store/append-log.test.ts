import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppendLog } from './append-log';
import { frameRecord, readFramed } from './frame';
import { SegmentFile } from './segment-file';
import { useTempDirs } from './test-support/temp-dirs';

const tempDir = useTempDirs('verdict-append-log-');

describe('AppendLog', () => {
  it('shares one fdatasync among records appended while a batch is in flight (group commit)', async () => {
    const log = new AppendLog([], new SegmentFile(tempDir(), 1, 1), 1 << 20);
    const first = Array.from({ length: 100 }, (_, index) => log.append(frameRecord({ n: index })));
    await Promise.all(first.map((appended) => appended.durable));
    expect(log.stats).toEqual({ batches: 1, records: 100 });
    // Appended while the first of them is being written: they wait for one more fsync, not 50.
    const writing = log.append(frameRecord({ n: 'a' }));
    const queued = Array.from({ length: 50 }, (_, index) => log.append(frameRecord({ n: `b${index}` })));
    await Promise.all([writing.durable, ...queued.map((appended) => appended.durable)]);
    expect(log.stats.batches).toBeLessThanOrEqual(3);
    expect(log.stats.records).toBe(151);
    await log.close();
  });

  it('hands out offsets at append time that point at the record once durable', async () => {
    const dir = tempDir();
    const log = new AppendLog([], new SegmentFile(dir, 1, 1), 1 << 20);
    const records = ['one', 'two', 'three'].map((word) => ({ word, line: frameRecord({ word }) }));
    const appended = records.map(({ line }) => log.append(line));
    await Promise.all(appended.map((entry) => entry.durable));
    const file = await readFile(join(dir, 'segment-000001-000001.jsonl'));
    records.forEach(({ word, line }, index) => {
      const { offset } = appended[index]!;
      expect(readFramed(file.subarray(offset, offset + line.length))).toEqual({ word });
    });
    await log.close();
  });

  it('seals a segment once it would pass segmentBytes and continues in the next one', async () => {
    const dir = tempDir();
    const log = new AppendLog([], new SegmentFile(dir, 1, 1), 4096);
    const line = frameRecord({ pad: 'x'.repeat(1000) });
    const appended = Array.from({ length: 10 }, () => log.append(line));
    await log.flushed();
    // About 1 KB a line: four fit in 4 KiB, so 10 lines fill segments 1 and 2 and half of 3.
    expect(appended.map((entry) => entry.segment.first)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3]);
    expect(appended.map((entry) => entry.offset)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1].map((n) => n * line.length));
    expect(log.sealed.map((segment) => segment.first)).toEqual([1, 2]);
    expect(log.totalBytes).toBe(10 * line.length);
    await log.close();
  });

  it('fails every later append once a write failed, so nothing is acknowledged on an unknown state', async () => {
    const log = new AppendLog([], new SegmentFile(join(tempDir(), 'missing-dir'), 1, 1), 4096);
    await expect(log.append(frameRecord({ n: 1 })).durable).rejects.toThrow(/ENOENT/);
    expect(() => log.append(frameRecord({ n: 2 }))).toThrow(/must be reopened/);
    await log.close();
    expect(() => log.append(frameRecord({ n: 3 }))).toThrow(/closed/);
  });
});
