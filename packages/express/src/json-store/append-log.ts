import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VerdictError } from '@verdict/core';
import { SegmentFile } from './segment-file';
import { fsyncDir } from './segment-files';

/** Where one appended record landed. `durable` settles once it is fsync'd. */
export interface Appended {
  segment: SegmentFile;
  offset: number;
  durable: Promise<void>;
}

interface Batch {
  segment: SegmentFile;
  buffers: Buffer[];
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function newBatch(segment: SegmentFile): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // Every appender awaits it; this keeps an unobserved failure from crashing the process.
  promise.catch(() => undefined);
  return { segment, buffers: [], promise, resolve, reject };
}

/**
 * The single writer of a store's log, with group commit: records appended while one batch is
 * being written and fsync'd form the next batch, so any number of concurrent writers share one
 * `fdatasync`. Offsets are assigned at append time, so the caller can index a record at once.
 * After an I/O failure every later append fails too: what reached the disk is then unknown, and
 * only reopening (which replays the log) gives a trustworthy state.
 */
export class AppendLog {
  #active: SegmentFile;
  #handle: FileHandle | undefined;
  #handleSegment: SegmentFile | undefined;
  #queue: Batch[] = [];
  #draining: Promise<void> | undefined;
  #failure: unknown;
  #closed = false;
  /** How many batches were fsync'd and how many records they held: records / batches is the group-commit factor. */
  readonly stats = { batches: 0, records: 0 };

  /**
   * @param sealed segments before `active`, in log order; `roll()` appends to this list and
   *   compaction replaces its head, so both always agree on what is on disk.
   */
  constructor(
    readonly sealed: SegmentFile[],
    active: SegmentFile,
    private readonly segmentBytes: number,
  ) {
    this.#active = active;
  }

  /** Bytes in every segment, queued ones included. */
  get totalBytes(): number {
    return this.sealed.reduce((sum, segment) => sum + segment.size, this.#active.size);
  }

  /** The segment new records go to. */
  get active(): SegmentFile {
    return this.#active;
  }

  /** Queues `record` (one or more framed lines) for the active segment. */
  append(record: Buffer): Appended {
    if (this.#closed) throw new VerdictError('UNAVAILABLE', 'the store is closed');
    if (this.#failure !== undefined) {
      throw new VerdictError('UNAVAILABLE', 'the store hit a write error and must be reopened', { cause: this.#failure });
    }
    if (this.#active.size > 0 && this.#active.size + record.length > this.segmentBytes) this.roll();
    const segment = this.#active;
    let batch = this.#queue[this.#queue.length - 1];
    if (batch === undefined || batch.segment !== segment) {
      batch = newBatch(segment);
      this.#queue.push(batch);
    }
    const offset = segment.size;
    batch.buffers.push(record);
    segment.size += record.length;
    this.#draining ??= this.#drain();
    return { segment, offset, durable: batch.promise };
  }

  /** Starts a new segment for later appends, adds the current one to `sealed` and returns it. */
  roll(): SegmentFile {
    const sealed = this.#active;
    const next = sealed.last + 1;
    this.sealed.push(sealed);
    this.#active = new SegmentFile(dirname(sealed.path), next, next);
    return sealed;
  }

  /** Settles once everything appended so far is durable. */
  async flushed(): Promise<void> {
    await this.#queue[this.#queue.length - 1]?.promise;
  }

  async #drain(): Promise<void> {
    // Deferred one tick so appends made in the same turn join the first batch.
    await Promise.resolve();
    try {
      for (let batch = this.#queue[0]; batch !== undefined; batch = this.#queue[0]) {
        try {
          const handle = await this.#handleFor(batch.segment);
          // Taken off the queue only now: appends made while the handle opened still join it.
          this.#queue.shift();
          const expected = batch.buffers.reduce((sum, buffer) => sum + buffer.length, 0);
          const { bytesWritten } = await handle.writev(batch.buffers);
          if (bytesWritten !== expected) throw new Error(`short write to ${batch.segment.path}: ${bytesWritten} of ${expected} bytes`);
          await handle.datasync();
          this.stats.batches += 1;
          this.stats.records += batch.buffers.length;
          batch.resolve();
        } catch (error) {
          this.#failure = error;
          for (const failed of this.#queue.splice(0)) failed.reject(error);
          batch.reject(error);
        }
      }
    } finally {
      this.#draining = undefined;
    }
  }

  async #handleFor(segment: SegmentFile): Promise<FileHandle> {
    if (this.#handleSegment === segment && this.#handle !== undefined) return this.#handle;
    // The previous segment's batches were all fsync'd before this one started.
    await this.#handle?.close();
    this.#handle = await open(segment.path, 'a');
    this.#handleSegment = segment;
    // A new file's name is only durable once its directory is fsync'd.
    await fsyncDir(dirname(segment.path));
    return this.#handle;
  }

  /** Waits for queued writes, then closes the write handle. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#draining;
    await this.#handle?.close();
    this.#handle = undefined;
  }
}
