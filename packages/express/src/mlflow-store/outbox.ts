import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { VerdictError } from '@verdict/core';
import type { Assessment, Trace } from '@verdict/core';

/** A write waiting for MLflow. */
export type OutboxOp =
  | { kind: 'put'; trace: Trace }
  | { kind: 'create'; assessment: Assessment }
  | { kind: 'delete'; traceId: string; assessmentId: string };

/** One outbox line: a sequence number (replay order) and the write. */
export interface OutboxEntry {
  seq: number;
  op: OutboxOp;
}

/** Bounds of the outbox: past either, writes fail with 503 rather than grow it. */
export interface OutboxLimits {
  maxBytes: number;
  maxRecords: number;
}

const LOG = 'outbox.log';
const ACKED = 'outbox.acked';
const REJECTED = 'outbox-rejected.jsonl';

/**
 * A durable, append-only queue of writes in `dir`: `outbox.log` holds one JSON line per write,
 * each fdatasync'd before {@link Outbox.append} resolves; `outbox.acked` (replaced atomically)
 * holds the last sequence number MLflow has. Once everything is acknowledged the log is
 * truncated. Writes MLflow refuses for good (a trace deleted meanwhile, a lost override race)
 * go to `outbox-rejected.jsonl` with the reason, never silently away.
 * @example const outbox = await Outbox.open('.verdict-outbox', { maxBytes: 1 << 26, maxRecords: 100_000 });
 */
export class Outbox {
  private readonly pending: Array<OutboxEntry & { bytes: number }> = [];
  private pendingBytes = 0;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly log: FileHandle,
    private nextSeq: number,
    private readonly limits: OutboxLimits,
  ) {}

  /** Opens (or creates) the outbox in `dir`, reloading writes not yet acknowledged. A torn last line is ignored. */
  static async open(dir: string, limits: OutboxLimits): Promise<Outbox> {
    await mkdir(dir, { recursive: true });
    let acked = 0;
    try {
      acked = Number.parseInt(await readFile(join(dir, ACKED), 'utf8'), 10) || 0;
    } catch {
      acked = 0;
    }
    let text = '';
    try {
      text = await readFile(join(dir, LOG), 'utf8');
    } catch {
      text = '';
    }
    const log = await open(join(dir, LOG), 'a');
    const outbox = new Outbox(dir, log, acked + 1, limits);
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let entry: OutboxEntry;
      try {
        entry = JSON.parse(line) as OutboxEntry;
      } catch {
        continue;
      }
      outbox.nextSeq = Math.max(outbox.nextSeq, entry.seq + 1);
      if (entry.seq > acked) outbox.track(entry, Buffer.byteLength(line) + 1);
    }
    return outbox;
  }

  private track(entry: OutboxEntry, bytes: number): void {
    this.pending.push({ ...entry, bytes });
    this.pendingBytes += bytes;
  }

  /** Writes waiting for MLflow. */
  get size(): number {
    return this.pending.length;
  }

  /** Bytes of the writes waiting. */
  get bytes(): number {
    return this.pendingBytes;
  }

  /** The oldest waiting write. */
  peek(): OutboxEntry | undefined {
    return this.pending[0];
  }

  // File operations run one at a time, in call order.
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Appends `op` and resolves once it is on disk; 503 `STORE_UNAVAILABLE` when the outbox is full. */
  append(op: OutboxOp): Promise<void> {
    return this.serial(async () => {
      const seq = this.nextSeq;
      const line = `${JSON.stringify({ seq, op })}\n`;
      const bytes = Buffer.byteLength(line);
      if (this.pending.length + 1 > this.limits.maxRecords || this.pendingBytes + bytes > this.limits.maxBytes) {
        throw new VerdictError(
          'STORE_UNAVAILABLE',
          `MLflow is unreachable and the outbox in ${this.dir} is full (${this.pending.length} writes, ${this.pendingBytes} bytes); the write was not accepted`,
        );
      }
      await this.log.write(line);
      await this.log.datasync();
      this.nextSeq = seq + 1;
      this.track({ seq, op }, bytes);
    });
  }

  /** Marks the oldest write as in MLflow; truncates the log once nothing waits. */
  ack(seq: number): Promise<void> {
    return this.serial(async () => {
      const first = this.pending[0];
      if (first === undefined || first.seq !== seq) return;
      const tmp = join(this.dir, `${ACKED}.tmp`);
      await writeFile(tmp, String(seq), { flush: true });
      await rename(tmp, join(this.dir, ACKED));
      this.pending.shift();
      this.pendingBytes -= first.bytes;
      if (this.pending.length === 0) {
        await this.log.truncate(0);
        await this.log.datasync();
      }
    });
  }

  /** Records a write MLflow refused for good, with why, then acknowledges it. */
  async reject(entry: OutboxEntry, reason: string): Promise<void> {
    await this.serial(async () => {
      const file = await open(join(this.dir, REJECTED), 'a');
      try {
        await file.write(`${JSON.stringify({ ...entry, reason, time: new Date().toISOString() })}\n`);
        await file.datasync();
      } finally {
        await file.close();
      }
    });
    await this.ack(entry.seq);
  }

  /** Closes the log file; waiting writes stay on disk for the next open. */
  close(): Promise<void> {
    return this.serial(() => this.log.close());
  }
}
