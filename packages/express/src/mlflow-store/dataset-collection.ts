import { VerdictError } from '@verdict/core';
import type { DocumentCollection, StoredDataset } from '@verdict/core';
import type { MlflowContext } from './context';
import { DATASET_TAGS, datasetTags, parseJsonField, planRecords, readDatasetRow, readRecordRow } from './dataset-mapping';
import type { MlflowDatasetRow, MlflowRecordInput, MlflowRecordRow } from './dataset-mapping';
import { MlflowHttpError, MlflowUnavailableError } from './http-client';
import { keyedQueue } from '../keyed-queue';

const DATASETS = '/api/3.0/mlflow/datasets';
// Records per upsert / delete call: keeps each JSON body well under proxies' limits.
const BATCH = 500;

type Loose = Record<string, unknown>;

/**
 * Verdict's datasets kept as MLflow evaluation datasets (`/api/3.0/mlflow/datasets`, MLflow's SQL
 * backend), so MLflow's UI and `mlflow.genai.datasets` see them: `create` → `datasets/create`
 * (tags as a JSON string, Verdict's id, time and author among them), `get`/`list` →
 * `datasets/search` + every page of `…/records`, `update` → read, mutate, then delete the
 * removed or replaced records (`DELETE …/records`, ids in a JSON body) and upsert the new or
 * changed ones (`POST …/records`, the list as a JSON string), `delete` → `DELETE` the dataset.
 * Verdict's record ids stay stable: each record carries its own in the `verdict.record_id` tag.
 * Updates of one name run one after another in this process (MLflow has no compare-and-set).
 * @example const datasets = mlflowDatasetCollection(ctx); await datasets.get('golden');
 */
export function mlflowDatasetCollection(ctx: MlflowContext): DocumentCollection<StoredDataset> {
  const serial = keyedQueue();
  let lastOrder = 0;

  async function rows(): Promise<MlflowDatasetRow[]> {
    const found: MlflowDatasetRow[] = [];
    let page_token: string | undefined;
    do {
      const response = await ctx.http.request({
        method: 'POST',
        path: `${DATASETS}/search`,
        json: { experiment_ids: [ctx.experiment.id], max_results: 1000, order_by: ['created_time ASC'], ...(page_token === undefined ? {} : { page_token }) },
      });
      const body = (response.json ?? {}) as { datasets?: Loose[]; next_page_token?: string };
      for (const dataset of body.datasets ?? []) found.push(readDatasetRow(dataset));
      page_token = body.next_page_token || undefined;
    } while (page_token !== undefined);
    // Stable: equal orders keep the server's (created_time ASC) order.
    return found.sort((a, b) => a.order - b.order);
  }

  const find = async (name: string) => (await rows()).find((row) => row.name === name);

  async function records(row: MlflowDatasetRow): Promise<MlflowRecordRow[]> {
    const found: MlflowRecordRow[] = [];
    let page_token: string | undefined;
    do {
      const response = await ctx.http.request({
        method: 'GET',
        path: `${DATASETS}/${encodeURIComponent(row.mlflowId)}/records`,
        query: { max_results: 1000, page_token },
      });
      const body = (response.json ?? {}) as { records?: unknown; next_page_token?: string };
      for (const record of parseJsonField<Loose[]>(body.records, [])) found.push(readRecordRow(record));
      page_token = body.next_page_token || undefined;
    } while (page_token !== undefined);
    return found.sort((a, b) => a.seq - b.seq);
  }

  async function read(row: MlflowDatasetRow): Promise<{ document: StoredDataset; stored: MlflowRecordRow[] }> {
    const stored = await records(row);
    return { document: { dataset: row.info, records: stored.map((entry) => entry.record) }, stored };
  }

  async function writeRecords(row: MlflowDatasetRow, stored: MlflowRecordRow[], next: StoredDataset): Promise<void> {
    let plan: ReturnType<typeof planRecords>;
    try {
      plan = planRecords(stored, next.records);
    } catch (error) {
      throw new VerdictError('INVALID_ARGUMENT', `dataset ${next.dataset.name}: ${(error as Error).message}`);
    }
    const base = `${DATASETS}/${encodeURIComponent(row.mlflowId)}/records`;
    for (let index = 0; index < plan.remove.length; index += BATCH) {
      // MLflow reads DELETE parameters from a JSON body only.
      await ctx.http.request({ method: 'DELETE', path: base, json: { dataset_record_ids: plan.remove.slice(index, index + BATCH) } });
    }
    for (let index = 0; index < plan.upsert.length; index += BATCH) {
      const batch: MlflowRecordInput[] = plan.upsert.slice(index, index + BATCH);
      // Upserts are idempotent (keyed by inputs), so retrying after a lost answer is safe.
      await ctx.http.request({ method: 'POST', path: base, json: { records: JSON.stringify(batch) } });
    }
  }

  async function writeTags(row: MlflowDatasetRow, next: StoredDataset): Promise<void> {
    const order = Number(row.rawTags[DATASET_TAGS.createOrder] ?? row.order);
    const wanted = datasetTags(next.dataset, order);
    const changed = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => row.rawTags[key] !== value));
    if (Object.keys(changed).length > 0) {
      await ctx.http.request({ method: 'PATCH', path: `${DATASETS}/${encodeURIComponent(row.mlflowId)}/tags`, json: { tags: JSON.stringify(changed) } });
    }
    for (const key of Object.keys(row.rawTags)) {
      if (key in wanted) continue;
      await ctx.http.request({ method: 'DELETE', path: `${DATASETS}/${encodeURIComponent(row.mlflowId)}/tags/${encodeURIComponent(key)}` });
    }
  }

  async function createRow(key: string, document: StoredDataset): Promise<MlflowDatasetRow> {
    lastOrder = Math.max(Date.now(), lastOrder + 1);
    try {
      const response = await ctx.http.request({
        method: 'POST',
        path: `${DATASETS}/create`,
        json: { name: key, experiment_ids: [ctx.experiment.id], tags: JSON.stringify(datasetTags(document.dataset, lastOrder)) },
        // Not idempotent: retried only when MLflow surely did not act.
        retry: 'safe',
      });
      return readDatasetRow(((response.json ?? {}) as { dataset?: Loose }).dataset ?? {});
    } catch (error) {
      // The answer was lost: it may exist now, and a second create would make a twin.
      if (!(error instanceof MlflowUnavailableError) || !error.ambiguous) throw error;
      const made = (await rows()).find((row) => row.name === key && row.info.dataset_id === document.dataset.dataset_id);
      if (made === undefined) throw error;
      return made;
    }
  }

  const missing = (key: string) => new VerdictError('NOT_FOUND', `dataset ${key} not found`);
  const renamed = (key: string, name: string) =>
    new VerdictError('INVALID_ARGUMENT', `dataset ${key} cannot be renamed to ${name}: MLflow datasets have no rename`, {
      issues: [{ code: 'custom', path: ['dataset', 'name'], message: 'must stay the key the dataset is stored under' }],
    });

  return {
    async list() {
      return Promise.all((await rows()).map(async (row) => (await read(row)).document));
    },
    async get(key) {
      const row = await find(key);
      return row === undefined ? null : (await read(row)).document;
    },
    create(key, document) {
      return serial(key, async () => {
        if (document.dataset.name !== key) throw renamed(key, document.dataset.name);
        if ((await find(key)) !== undefined) throw new VerdictError('CONFLICT', `dataset ${key} already exists`);
        // Checked before anything is written, so bad records never leave an empty dataset behind.
        try {
          planRecords([], document.records);
        } catch (error) {
          throw new VerdictError('INVALID_ARGUMENT', `dataset ${key}: ${(error as Error).message}`);
        }
        const row = await createRow(key, document);
        await writeRecords(row, [], document);
        return structuredClone(document);
      });
    },
    update(key, mutate) {
      return serial(key, async () => {
        const row = await find(key);
        if (row === undefined) throw missing(key);
        const { document, stored } = await read(row);
        const next = mutate(document);
        if (next.dataset.name !== key) throw renamed(key, next.dataset.name);
        await writeRecords(row, stored, next);
        await writeTags(row, next);
        return structuredClone(next);
      });
    },
    delete(key) {
      return serial(key, async () => {
        const row = await find(key);
        if (row === undefined) throw missing(key);
        try {
          await ctx.http.request({ method: 'DELETE', path: `${DATASETS}/${encodeURIComponent(row.mlflowId)}` });
        } catch (error) {
          // A retried delete whose first attempt went through: already gone is done.
          if (!(error instanceof MlflowHttpError && error.status === 404)) throw error;
        }
      });
    },
  };
}
