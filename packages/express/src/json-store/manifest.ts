import { join } from 'node:path';
import { VerdictError } from '@verdict/core';
import { Low } from 'lowdb';
import { DurableJsonFile } from './durable-json-file';

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
 * Opens (or creates) the manifest, refusing a directory written in a format this version does
 * not know, rather than misreading it.
 */
export async function openManifest(dir: string): Promise<Low<Manifest>> {
  const defaults: Manifest = { format: FORMAT, created_time: Date.now(), compactions: 0 };
  const db = new Low<Manifest>(new DurableJsonFile<Manifest>(dir, MANIFEST_FILE), defaults);
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
