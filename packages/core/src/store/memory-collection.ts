import { VerdictError } from '../errors';
import type { DocumentCollection } from './store';

/**
 * A document collection in memory. Each method does its reads and writes without awaiting in
 * between, so updates of one key cannot interleave; documents are copied in and out, so callers
 * never share objects with the collection.
 * @example const schemas = memoryCollection<LabelSchema>('label schema');
 */
export function memoryCollection<T>(what: string): DocumentCollection<T> {
  const documents = new Map<string, T>();
  const missing = (key: string) => new VerdictError('NOT_FOUND', `${what} ${key} not found`);

  return {
    async list() {
      return [...documents.values()].map((document) => structuredClone(document));
    },

    async get(key) {
      const document = documents.get(key);
      return document === undefined ? null : structuredClone(document);
    },

    async create(key, document) {
      if (documents.has(key)) throw new VerdictError('CONFLICT', `${what} ${key} already exists`);
      documents.set(key, structuredClone(document));
      return structuredClone(document);
    },

    async update(key, mutate) {
      const current = documents.get(key);
      if (current === undefined) throw missing(key);
      // The mutator gets a copy, so a throw halfway through leaves the stored document untouched.
      const next = mutate(structuredClone(current));
      documents.set(key, structuredClone(next));
      return structuredClone(next);
    },

    async delete(key) {
      if (!documents.delete(key)) throw missing(key);
    },
  };
}
