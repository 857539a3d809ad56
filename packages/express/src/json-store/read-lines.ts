import { open } from 'node:fs/promises';
import { NEWLINE } from './frame';

/** One line of a file: its bytes without the newline, where it starts, and its 1-based number. */
export interface Line {
  bytes: Buffer;
  offset: number;
  number: number;
  /** False only for a last line with no newline after it. */
  terminated: boolean;
}

const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Calls `visit` for each line of `path`, reading in chunks so a large segment never sits in
 * memory whole. Lines longer than a chunk are stitched across chunks.
 */
export async function forEachLine(path: string, visit: (line: Line) => void): Promise<number> {
  const handle = await open(path, 'r');
  try {
    let carry = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    let number = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const buffer = carry.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      let start = 0;
      for (let end = buffer.indexOf(NEWLINE, start); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
        number += 1;
        visit({ bytes: buffer.subarray(start, end), offset: carryOffset + start, number, terminated: true });
        start = end + 1;
      }
      // Copied, so the next chunk's buffer does not keep this one alive through a subarray.
      carry = Buffer.from(buffer.subarray(start));
      carryOffset += start;
    }
    if (carry.length > 0) visit({ bytes: carry, offset: carryOffset, number: number + 1, terminated: false });
    return position;
  } finally {
    await handle.close();
  }
}
