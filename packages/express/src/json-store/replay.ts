import { open } from 'node:fs/promises';
import { VerdictError } from '@verdict/core';
import type { Assessment, TraceInfo } from '@verdict/core';
import { parseRecord, unframeLine } from './frame';
import { forEachLine } from './read-lines';
import type { Line } from './read-lines';
import { DATA_PREFIX } from './records';
import type { LogRecord } from './records';
import { SegmentFile } from './segment-file';
import type { Segment } from './segment-files';
import type { TraceIndex } from './trace-index';

function corrupt(path: string, line: number, reason: string): VerdictError {
  return new VerdictError(
    'INTERNAL',
    `json store: ${path}:${line}: ${reason}. The store was not opened; restore the file from a backup, ` +
      `or move the directory aside to start empty`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function applyRecord(index: TraceIndex, record: LogRecord, line: Line, segment: SegmentFile, previousData: Line | undefined): void {
  switch (record.t) {
    case 'p': {
      if (!isObject(record.info) || typeof record.info.trace_id !== 'string') throw new Error('put record without info.trace_id');
      if (previousData === undefined || previousData.bytes.length + 1 !== record.d) throw new Error('put record not preceded by its data line');
      const info = { ...record.info, assessments: [] } as TraceInfo;
      index.putTrace(info, { segment, offset: previousData.offset, length: record.d }, record.d + line.bytes.length + 1);
      return;
    }
    case 'a': {
      if (!isObject(record.a) || typeof record.a.trace_id !== 'string') throw new Error('assessment record without a.trace_id');
      index.applyCreate(record.a as Assessment, record.x, line.bytes.length + 1);
      return;
    }
    case 'r':
      index.applyDelete(record.trace, record.id, record.v);
      return;
    default:
      throw new Error(`unknown record type ${JSON.stringify((record as { t?: unknown }).t)}`);
  }
}

/**
 * Replays every segment into `index`, in log order, and returns them as open-able segment files.
 * Every line is checksummed; data lines (most of the bytes) are not parsed, only checked.
 * A bad line is fatal, naming file and line, unless it is the very last line of the last
 * segment: that is a write torn by a crash, never acknowledged, so it is cut off with a warning.
 */
export async function replaySegments(segments: Segment[], dir: string, index: TraceIndex, warn: (message: string) => void): Promise<SegmentFile[]> {
  const files: SegmentFile[] = [];
  for (const [position, segment] of segments.entries()) {
    const file = new SegmentFile(dir, segment.first, segment.last);
    const isLast = position === segments.length - 1;
    let previousData: Line | undefined;
    let bad: { line: Line; reason: string } | undefined;
    const size = await forEachLine(segment.file, (line) => {
      // Only a bad line that turns out to be the last one is forgiven; anything after it is fatal.
      if (bad !== undefined) throw corrupt(segment.file, bad.line.number, bad.reason);
      const unframed = line.terminated ? unframeLine(line.bytes) : ({ ok: false, reason: 'record cut off (no newline)' } as const);
      if (!unframed.ok) {
        bad = { line, reason: unframed.reason };
        return;
      }
      if (unframed.json.subarray(0, DATA_PREFIX.length).equals(DATA_PREFIX)) {
        previousData = line;
        return;
      }
      try {
        applyRecord(index, parseRecord(unframed.json) as LogRecord, line, file, previousData);
      } catch (error) {
        throw VerdictError.isInstance(error) ? error : corrupt(segment.file, line.number, (error as Error).message);
      }
      previousData = undefined;
    });
    file.size = size;
    if (bad !== undefined) {
      if (!isLast) throw corrupt(segment.file, bad.line.number, bad.reason);
      warn(`json store: ${segment.file}:${bad.line.number}: ${bad.reason}; dropping this torn last record (it was never acknowledged)`);
      await truncate(segment.file, bad.line.offset);
      file.size = bad.line.offset;
    }
    files.push(file);
  }
  return files;
}

async function truncate(path: string, length: number): Promise<void> {
  // Cut off before the next append, or the torn bytes would sit in the middle of the log.
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
