import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { segmentName } from './segment-files';

/**
 * One segment on disk, as the index points into it. Locations hold the object itself rather
 * than its number, so a compacted segment and the segment it replaces are never confused.
 */
export class SegmentFile {
  readonly path: string;
  /** Bytes in the file plus bytes queued for it. */
  size: number;
  #reader: Promise<FileHandle> | undefined;

  constructor(
    dir: string,
    readonly first: number,
    readonly last: number,
    size = 0,
  ) {
    this.path = join(dir, segmentName(first, last));
    this.size = size;
  }

  /** Reads `length` bytes at `offset`; the caller has awaited the write that put them there. */
  async read(offset: number, length: number): Promise<Buffer> {
    this.#reader ??= open(this.path, 'r');
    const handle = await this.#reader;
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
      if (bytesRead === 0) throw new Error(`${this.path}: unexpected end of file at byte ${offset + done}`);
      done += bytesRead;
    }
    return buffer;
  }

  /** Closes the read handle; a later read reopens it (an unlinked file stays readable while open). */
  async close(): Promise<void> {
    const reader = this.#reader;
    this.#reader = undefined;
    if (reader !== undefined) await (await reader.catch(() => undefined))?.close();
  }
}
