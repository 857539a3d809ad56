import { VerdictError, canonicalJson, newId } from '@verdict/core';
import type {
  CreateDatasetBody,
  Dataset,
  DatasetRecord,
  DatasetRecordInput,
  JsonObject,
  ListDatasetRecordsResponse,
  Store,
  StoredDataset,
  UpsertCounts,
} from '@verdict/core';

/** Datasets of evaluation records, for the routes and for other server code (evaluation). */
export interface DatasetService {
  /** Creates an empty dataset; `CONFLICT` when the name is taken. */
  create(body: CreateDatasetBody, userId: string): Promise<Dataset>;
  /** Every dataset, in creation order. */
  list(): Promise<Dataset[]>;
  /** A dataset; `NOT_FOUND` when absent. */
  get(name: string): Promise<Dataset>;
  /** Deletes a dataset and its records; `NOT_FOUND` when absent. */
  remove(name: string): Promise<void>;
  /**
   * Inserts records, merging each into the record with equal inputs (key order does not matter):
   * expectations and tags merge name by name, the newer value winning; a given `source` replaces
   * the old one. Several inputs in one call that are equal merge the same way, in order.
   */
  upsertRecords(name: string, records: readonly DatasetRecordInput[], userId: string): Promise<UpsertCounts>;
  /** One page of records in insertion order, `next_page_token` while more remain. */
  listRecords(name: string, page: { max_results: number; page_token?: string | undefined }): Promise<ListDatasetRecordsResponse>;
  /** Every record of a dataset (for evaluation runs); `NOT_FOUND` when absent. */
  getRecords(name: string): Promise<DatasetRecord[]>;
}

const withCount = ({ dataset, records }: StoredDataset): Dataset => ({ ...dataset, record_count: records.length });

function missing(name: string): VerdictError {
  return new VerdictError('NOT_FOUND', `dataset ${name} not found`);
}

// The token is the id of the last record served: records are only ever appended, never reordered.
function encodeToken(recordId: string): string {
  return Buffer.from(JSON.stringify({ after: recordId })).toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const after = (decoded as { after?: unknown } | null)?.after;
    if (typeof after === 'string') return after;
  } catch {
    // Falls through to the same error as a token of the wrong shape.
  }
  throw new VerdictError('INVALID_ARGUMENT', 'malformed page_token', { issues: [{ code: 'custom', path: ['page_token'], message: 'malformed page_token' }] });
}

/**
 * Creates the dataset logic over a store. `matchKey` turns new inputs into what the store will
 * hold (`verdict({ redact })` stores them redacted), so an upsert finds the stored record.
 * @example
 * const datasets = createDatasetService(store);
 * for (const record of await datasets.getRecords('golden')) await score(record.inputs, record.expectations);
 */
export function createDatasetService(store: Store, now: () => number = Date.now, matchKey: (inputs: JsonObject) => JsonObject = (inputs) => inputs): DatasetService {
  async function stored(name: string): Promise<StoredDataset> {
    const found = await store.datasets.get(name);
    if (found === null) throw missing(name);
    return found;
  }

  return {
    async create(body, userId) {
      const document: StoredDataset = {
        dataset: { dataset_id: newId('dataset'), name: body.name, tags: body.tags ?? {}, create_time: now(), created_by: userId },
        records: [],
      };
      try {
        return withCount(await store.datasets.create(body.name, document));
      } catch (error) {
        if (VerdictError.isInstance(error) && error.code === 'CONFLICT') throw new VerdictError('CONFLICT', `dataset ${body.name} already exists`);
        throw error;
      }
    },

    async list() {
      return (await store.datasets.list()).map(withCount);
    },

    async get(name) {
      return withCount(await stored(name));
    },

    async remove(name) {
      if ((await store.datasets.get(name)) === null) throw missing(name);
      await store.datasets.delete(name);
    },

    async upsertRecords(name, inputs, userId) {
      if ((await store.datasets.get(name)) === null) throw missing(name);
      let counts: UpsertCounts = { inserted: 0, updated: 0 };
      await store.datasets.update(name, (current) => {
        counts = { inserted: 0, updated: 0 };
        const time = now();
        const byInputs = new Map(current.records.map((record, index) => [canonicalJson(record.inputs), index]));
        for (const input of inputs) {
          const key = canonicalJson(matchKey(input.inputs));
          const index = byInputs.get(key);
          const old = index === undefined ? undefined : current.records[index];
          if (index === undefined || old === undefined) {
            const record: DatasetRecord = {
              dataset_record_id: newId('datasetRecord'),
              inputs: input.inputs,
              expectations: input.expectations ?? {},
              ...(input.source === undefined ? {} : { source: input.source }),
              tags: input.tags ?? {},
              create_time: time,
              created_by: userId,
              last_update_time: time,
              last_updated_by: userId,
            };
            byInputs.set(key, current.records.length);
            current.records.push(record);
            counts.inserted++;
          } else {
            current.records[index] = {
              ...old,
              expectations: { ...old.expectations, ...input.expectations },
              ...(input.source === undefined ? {} : { source: input.source }),
              tags: { ...old.tags, ...input.tags },
              last_update_time: time,
              last_updated_by: userId,
            };
            counts.updated++;
          }
        }
        return current;
      });
      return counts;
    },

    async listRecords(name, page) {
      const { records } = await stored(name);
      let start = 0;
      if (page.page_token !== undefined) {
        const after = decodeToken(page.page_token);
        const index = records.findIndex((record) => record.dataset_record_id === after);
        if (index === -1) throw new VerdictError('INVALID_ARGUMENT', 'page_token does not belong to this dataset');
        start = index + 1;
      }
      const slice = records.slice(start, start + page.max_results);
      const last = slice[slice.length - 1];
      const more = start + slice.length < records.length;
      return more && last !== undefined ? { records: slice, next_page_token: encodeToken(last.dataset_record_id) } : { records: slice };
    },

    async getRecords(name) {
      return (await stored(name)).records;
    },
  };
}
