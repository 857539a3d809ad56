import { createHash } from 'node:crypto';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { VerdictError } from '@verdict/core';
import type { DocumentCollection } from '@verdict/core';
import { Low } from 'lowdb';
import { DurableJsonFile } from './durable-json-file';
import { fsyncDir } from './segment-files';
import { keyedQueue } from '../keyed-queue';

/** One document file: the key it is stored under, when it was created (for list order), the document. */
interface DocumentFile<T> {
  key: string;
  created: number;
  document: T;
}

// Keys are user text (label schema names may hold '/' or be 256 chars): file names are their hash.
const fileNameOf = (key: string) => `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`;

/**
 * A document collection as one small lowdb file per document under `<dir>/<folder>/`, each write
 * an fsync'd replace. One file per document keeps a write's cost independent of how many others
 * exist; updates of one key are chained so each sees the previous one's result.
 */
export async function openDocumentCollection<T>(dir: string, folder: string, what: string): Promise<DocumentCollection<T>> {
  const path = join(dir, folder);
  await mkdir(path, { recursive: true });
  const documents = new Map<string, Low<DocumentFile<T>>>();
  for (const name of (await readdir(path)).filter((file) => file.endsWith('.json')).sort()) {
    const db = new Low<DocumentFile<T> | null>(new DurableJsonFile(path, name), null);
    await db.read();
    const data = db.data;
    if (data === null || typeof data.key !== 'string' || !('document' in data)) {
      throw new VerdictError('INTERNAL', `json store: ${join(path, name)}: not a ${what} document; fix or remove the file`);
    }
    documents.set(data.key, db as Low<DocumentFile<T>>);
  }
  let lastCreated = Math.max(0, ...[...documents.values()].map((db) => db.data.created));
  const serialized = keyedQueue();
  const missing = (key: string) => new VerdictError('NOT_FOUND', `${what} ${key} not found`);

  return {
    async list() {
      return [...documents.values()]
        .sort((a, b) => a.data.created - b.data.created)
        .map((db) => structuredClone(db.data.document));
    },

    async get(key) {
      const db = documents.get(key);
      return db === undefined ? null : structuredClone(db.data.document);
    },

    create(key, document) {
      return serialized(key, async () => {
        if (documents.has(key)) throw new VerdictError('CONFLICT', `${what} ${key} already exists`);
        lastCreated = Math.max(lastCreated + 1, Date.now());
        const db = new Low<DocumentFile<T>>(new DurableJsonFile(path, fileNameOf(key)), { key, created: lastCreated, document: structuredClone(document) });
        // Claimed before the write so a concurrent create of the same key is refused, released if the write fails.
        documents.set(key, db);
        try {
          await db.write();
        } catch (error) {
          documents.delete(key);
          throw error;
        }
        return structuredClone(document);
      });
    },

    update(key, mutate) {
      return serialized(key, async () => {
        const db = documents.get(key);
        if (db === undefined) throw missing(key);
        const next = mutate(structuredClone(db.data.document));
        const previous = db.data;
        db.data = { ...previous, document: structuredClone(next) };
        try {
          await db.write();
        } catch (error) {
          db.data = previous;
          throw error;
        }
        return structuredClone(next);
      });
    },

    delete(key) {
      return serialized(key, async () => {
        if (!documents.has(key)) throw missing(key);
        await unlink(join(path, fileNameOf(key)));
        await fsyncDir(path);
        documents.delete(key);
      });
    },
  };
}
