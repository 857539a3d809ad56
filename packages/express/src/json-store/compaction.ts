import { open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { frameCreate, framePutAfter } from './records';
import type { AppendLog } from './append-log';
import { SegmentFile } from './segment-file';
import { fsyncDir, segmentName } from './segment-files';
import type { Location, TraceEntry, TraceIndex } from './trace-index';

const FLUSH_BYTES = 4 * 1024 * 1024;


/**
 * Rewrites the log as a snapshot of the current state, without stopping writers.
 *
 * It first seals the active segment, so everything it replaces is immutable. It then writes every
 * trace (spans copied byte for byte, info and assessments from memory) to a temporary file,
 * fsyncs it, renames it over the sealed range (`segment-<first>-<last>.jsonl`) and fsyncs the
 * directory; only then are the covered segments deleted. A crash before the rename leaves the
 * originals (the temporary file is removed at open); after it, the originals are shadowed by the
 * range and removed at open. Writes made meanwhile land in the new active segment, which replays
 * after the snapshot; its records are absolute (set this assessment, mark that one invalid), so
 * replaying one the snapshot already reflects changes nothing.
 */
export async function compact(log: AppendLog, index: TraceIndex): Promise<void> {
  if (log.active.size > 0) log.roll();
  await log.flushed();
  const covered = [...log.sealed];
  const first = covered[0];
  const last = covered[covered.length - 1];
  if (first === undefined || last === undefined) return;
  const dir = dirname(first.path);
  const result = new SegmentFile(dir, first.first, last.last);
  const temporary = join(dir, `.${segmentName(first.first, last.last)}.tmp`);
  const coveredSet = new Set(covered);
  const moves: Array<{ entry: TraceEntry; from: Location; to: Location }> = [];

  const handle = await open(temporary, 'w');
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const write = async (buffer: Buffer): Promise<number> => {
      const offset = result.size;
      pending.push(buffer);
      pendingBytes += buffer.length;
      result.size += buffer.length;
      if (pendingBytes >= FLUSH_BYTES) {
        await handle.writev(pending);
        pending = [];
        pendingBytes = 0;
      }
      return offset;
    };
    for (const traceId of [...index.entries.keys()]) {
      let current = index.entries.get(traceId);
      // A version still queued has no bytes on disk to copy yet; wait until the newest one has.
      while (current?.durable !== undefined) {
        await current.durable;
        current = index.entries.get(traceId);
      }
      if (current === undefined) continue;
      // Info and location taken together, before any await, so they describe the same version.
      const { info, data: from } = current;
      const spans = await from.segment.read(from.offset, from.length);
      const offset = await write(spans);
      await write(framePutAfter(info, spans.length));
      // Assessments as they are now, after the await; see the note above on replaying twice.
      for (const assessment of current.info.assessments) await write(frameCreate(assessment, undefined));
      if (coveredSet.has(from.segment)) moves.push({ entry: current, from, to: { segment: result, offset, length: from.length } });
    }
    if (pending.length > 0) await handle.writev(pending);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, result.path);
  await fsyncDir(dir);

  // Synchronous from here: readers and writers see the old layout or the new one, never a mix.
  for (const { entry, from, to } of moves) {
    // A trace put again meanwhile points at the active segment already; leave it there.
    if (entry.data === from && index.entries.get(entry.info.trace_id) === entry) entry.data = to;
  }
  // Segments sealed meanwhile were pushed after the covered ones.
  log.sealed.splice(0, covered.length, result);
  for (const segment of covered) {
    // A lone covered segment has the result's name and was replaced by the rename itself.
    if (segment.path !== result.path) await rm(segment.path, { force: true });
  }
  await fsyncDir(dir);
  for (const segment of covered) await segment.close();
}
