import { open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** A segment file covering log numbers `first..last`: one number when written, a range once compacted. */
export interface Segment {
  first: number;
  last: number;
  file: string;
}

const SEGMENT_PATTERN = /^segment-(\d{6,})-(\d{6,})\.jsonl$/;

/** The file name of a segment, zero-padded so names sort in log order. */
export function segmentName(first: number, last: number): string {
  return `segment-${String(first).padStart(6, '0')}-${String(last).padStart(6, '0')}.jsonl`;
}

/** Makes a rename or a new file durable: on Linux a directory entry is only on disk once the directory is fsync'd. */
export async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces `file` atomically and durably: write a temporary file, fsync it, rename, fsync the directory. */
export async function replaceFile(dir: string, name: string, data: string | Buffer): Promise<void> {
  const temporary = join(dir, `.${name}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, join(dir, name));
  await fsyncDir(dir);
}

/**
 * Lists the segments to replay, in log order. A compaction that crashed after its rename leaves
 * the segments it replaced behind, and one that crashed before leaves a temporary file: both are
 * removed here, since the compacted range (or the untouched originals) already hold their records.
 */
export async function listSegments(dir: string): Promise<Segment[]> {
  const names = await readdir(dir);
  const found: Segment[] = [];
  for (const name of names) {
    if (name.startsWith('.segment-') && name.endsWith('.tmp')) {
      await rm(join(dir, name), { force: true });
      continue;
    }
    const match = SEGMENT_PATTERN.exec(name);
    if (match === null) continue;
    found.push({ first: Number(match[1]), last: Number(match[2]), file: join(dir, name) });
  }
  // Widest range first among equal starts, so a compacted range shadows the originals it covers.
  found.sort((a, b) => a.first - b.first || b.last - a.last);
  const kept: Segment[] = [];
  for (const segment of found) {
    const previous = kept[kept.length - 1];
    if (previous !== undefined && segment.last <= previous.last) {
      await rm(segment.file, { force: true });
      continue;
    }
    if (previous !== undefined && segment.first <= previous.last) {
      throw new Error(`segments ${previous.file} and ${segment.file} overlap; the store directory was changed by hand`);
    }
    kept.push(segment);
  }
  return kept;
}
