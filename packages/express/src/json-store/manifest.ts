import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VerdictError } from '@verdict/core';
import { Low } from 'lowdb';
import type { Adapter } from 'lowdb';
import { replaceFile } from './segment-files';

/** The manifest's name inside a store directory. */
export const MANIFEST_FILE = 'verdict-store.json';
const FORMAT = 1;

/** The store's small settings document: what the directory is and what happened to it. */
export interface Manifest {
  format: number;
  created_time: number;
  compactions: number;
  last_compaction_time?: number;
}

/**
 * A lowdb adapter whose writes are durable: lowdb's own `JSONFile` renames without fsync, which
 * survives a process crash but not a power cut, and this file says which format the log is in.
 */
class DurableJsonFile implements Adapter<Manifest> {
  constructor(private readonly dir: string) {}

  async read(): Promise<Manifest | null> {
    const file = join(this.dir, MANIFEST_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return JSON.parse(text) as Manifest;
    } catch (error) {
      throw new VerdictError('INTERNAL', `json store: ${file}: not valid JSON (${(error as Error).message}); fix or remove the file`, { cause: error });
    }
  }

  async write(data: Manifest): Promise<void> {
    await replaceFile(this.dir, MANIFEST_FILE, `${JSON.stringify(data, null, 2)}\n`);
  }
}

/**
 * Opens (or creates) the manifest, refusing a directory written in a format this version does
 * not know, rather than misreading it.
 */
export async function openManifest(dir: string): Promise<Low<Manifest>> {
  const defaults: Manifest = { format: FORMAT, created_time: Date.now(), compactions: 0 };
  const db = new Low<Manifest>(new DurableJsonFile(dir), defaults);
  await db.read();
  if (typeof db.data.format !== 'number' || db.data.format !== FORMAT) {
    throw new VerdictError(
      'INTERNAL',
      `json store: ${join(dir, MANIFEST_FILE)} says format ${JSON.stringify(db.data.format)}; this version reads format ${FORMAT}`,
    );
  }
  // lowdb keeps the default object when there is no file: a new store, so write it down.
  if (db.data === defaults) await db.write();
  return db;
}
