import type { DatasetRecord, StoredDataset } from '@verdict/core';
import { describeStoreConformance } from '@verdict/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlflowStore } from './mlflow-store';
import type { MlflowStore } from './mlflow-store';
import { startMlflowEmulator } from './test-support/mlflow-emulator';
import type { MlflowEmulator } from './test-support/mlflow-emulator';

// A server with MLflow's evaluation-datasets API (SQL backend): Verdict's datasets live there, not in runs.
let emulator: MlflowEmulator;
let experiments = 0;
beforeAll(async () => {
  emulator = await startMlflowEmulator({ datasets: true });
});
afterAll(() => emulator.close());

const open = async (): Promise<MlflowStore> => (current = await mlflowStore({ trackingUri: emulator.url, experimentName: `datasets-${(experiments += 1)}`, onLog: () => undefined }));

describeStoreConformance('mlflowStore over the MLflow emulator with the datasets API', open);

const T = 1_700_000_000_000;
const hex = (n: number) => n.toString(16).padStart(32, '0');
const record = (n: number, extra: Partial<DatasetRecord> = {}): DatasetRecord => ({
  dataset_record_id: `dr-${hex(n)}`, inputs: { question: `q${n}` }, expectations: { expected_response: `a${n}` }, tags: {},
  create_time: T + n, created_by: 'ann', last_update_time: T + n, last_updated_by: 'ann', ...extra,
});
const golden = (records: DatasetRecord[] = []): StoredDataset => ({
  dataset: { dataset_id: `ds-${hex(7)}`, name: 'golden', tags: { team: 'search', 'mlflow.user': 'not-the-author' }, create_time: T, created_by: 'ann' },
  records,
});
// The emulator is shared: each test's store has its own experiment.
let current: MlflowStore;
const mlflowDataset = (name: string) =>
  [...emulator.state.datasets.values()].find((dataset) => dataset.name === name && dataset.experiment_ids.includes(current.experimentId));
const mlflowRows = (name: string) => [...(mlflowDataset(name)?.records.values() ?? [])];

describe('datasets through MLflow\'s datasets API', () => {
  it('creates an MLflow dataset (tags as a JSON string, Verdict id and author among them) and no run', async () => {
    const store = await open();
    expect(store.capabilities.datasets).toBe(true);
    const runsBefore = emulator.state.runs.size;
    await store.datasets.create('golden', golden([record(1, { source: { trace: { trace_id: `tr-${hex(9)}` } } })]));
    expect(emulator.state.runs.size).toBe(runsBefore);
    const create = emulator.requests.find((request) => request.path === '/api/3.0/mlflow/datasets/create');
    expect(typeof (JSON.parse(create!.body.toString('utf8')) as { tags: unknown }).tags).toBe('string');
    const stored = mlflowDataset('golden');
    expect(stored).toMatchObject({ created_by: 'ann', tags: { team: 'search', 'verdict.dataset_id': `ds-${hex(7)}`, 'verdict.tag.mlflow.user': 'not-the-author' } });
    expect(mlflowRows('golden')).toEqual([
      expect.objectContaining({
        source: { source_type: 'TRACE', source_data: { trace_id: `tr-${hex(9)}` } },
        source_id: `tr-${hex(9)}`,
        created_by: 'ann',
        tags: expect.objectContaining({ 'verdict.record_id': `dr-${hex(1)}` }),
      }),
    ]);
    // MLflow assigned its own record id; Verdict's comes back.
    expect(mlflowRows('golden')[0]?.dataset_record_id).not.toBe(`dr-${hex(1)}`);
    expect(await store.datasets.get('golden')).toEqual(golden([record(1, { source: { trace: { trace_id: `tr-${hex(9)}` } } })]));
    await store.close();
  });

  it('updates by diff: appends upsert only the new record, removals DELETE with a JSON body, lost keys replace the record', async () => {
    const store = await open();
    const human = record(2, { source: { human: { user_name: 'bob' } }, tags: { split: 'dev' }, expectations: { expected_response: 'a2', guidelines: ['be brief'] } });
    const doc = record(3, { source: { document: { doc_uri: 's3://docs/3', content: 'text' } } });
    await store.datasets.create('golden', golden([record(1), human, doc]));
    emulator.requests.length = 0;
    const appended = await store.datasets.update('golden', (current) => ({ ...current, records: [...current.records, record(4)] }));
    const upserts = emulator.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/records'));
    expect(upserts.map((request) => (JSON.parse(JSON.parse(request.body.toString('utf8')).records as string) as unknown[]).length)).toEqual([1]);
    expect(emulator.requests.some((request) => request.method === 'DELETE')).toBe(false);

    emulator.requests.length = 0;
    const changed = record(2, { ...human, tags: {}, expectations: { expected_response: 'a2!' }, last_update_time: T + 99, last_updated_by: 'cy' });
    const next = await store.datasets.update('golden', (current) => ({ ...current, records: [changed, ...current.records.slice(2)] }));
    const deletes = emulator.requests.filter((request) => request.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.query.size).toBe(0);
    expect((JSON.parse(deletes[0]!.body.toString('utf8')) as { dataset_record_ids: string[] }).dataset_record_ids).toHaveLength(2);
    expect(next.records.map((entry) => entry.dataset_record_id)).toEqual([`dr-${hex(2)}`, `dr-${hex(3)}`, `dr-${hex(4)}`]);
    expect(appended.records).toHaveLength(4);
    // MLflow merges tags and expectations on upsert: the dropped tag and guideline are really gone.
    expect(await store.datasets.get('golden')).toEqual({ ...golden(), records: [changed, doc, record(4)] });
    expect(mlflowRows('golden')).toHaveLength(3);
    await store.close();
  });

  it('keeps dataset tag changes, and refuses two records with equal inputs or a rename without writing', async () => {
    const store = await open();
    await store.datasets.create('golden', golden([record(1)]));
    await store.datasets.update('golden', (current) => ({ ...current, dataset: { ...current.dataset, tags: { owner: 'cy' } } }));
    expect((await store.datasets.get('golden'))?.dataset.tags).toEqual({ owner: 'cy' });
    expect(mlflowDataset('golden')?.tags).not.toHaveProperty('team');
    const twin = record(2, { inputs: { question: 'q1' } });
    await expect(store.datasets.update('golden', (current) => ({ ...current, records: [...current.records, twin] }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(store.datasets.update('golden', (current) => ({ ...current, dataset: { ...current.dataset, name: 'other' } }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await store.datasets.get('golden'))?.records).toEqual([record(1)]);
    await store.close();
  });

  it('reads every page of a big dataset back in order with the same ids', async () => {
    const store = await open();
    const many = Array.from({ length: 1203 }, (_, n) => record(n + 1));
    await store.datasets.create('golden', golden(many));
    const read = await store.datasets.get('golden');
    expect(read?.records.map((entry) => entry.dataset_record_id)).toEqual(many.map((entry) => entry.dataset_record_id));
    const pages = emulator.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/records') && request.query.has('page_token'));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    await store.close();
  });

  it('reads datasets made outside Verdict (e.g. by mlflow.genai.datasets) in Verdict\'s shapes', async () => {
    const store = await open();
    const post = (path: string, body: unknown) =>
      fetch(emulator.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((response) => response.json() as Promise<Record<string, unknown>>);
    const made = await post('/api/3.0/mlflow/datasets/create', { name: 'from-python', experiment_ids: [store.experimentId], tags: JSON.stringify({ 'mlflow.user': 'py' }) });
    const id = (made.dataset as { dataset_id: string }).dataset_id;
    await post(`/api/3.0/mlflow/datasets/${id}/records`, {
      records: JSON.stringify([{ inputs: { q: 'x' }, expectations: { expected_facts: ['f'] }, source: { source_type: 'CODE', source_data: {} }, tags: { 'mlflow.user': 'py' } }]),
    });
    const read = await store.datasets.get('from-python');
    expect(read?.dataset).toMatchObject({ dataset_id: `ds-${id.slice(2)}`, name: 'from-python', tags: {}, created_by: 'py' });
    expect(read?.records).toEqual([expect.objectContaining({ dataset_record_id: expect.stringMatching(/^dr-[0-9a-f]{32}$/), inputs: { q: 'x' }, expectations: { expected_facts: ['f'] }, tags: {}, created_by: 'py' })]);
    expect(read?.records[0]).not.toHaveProperty('source');
    await store.close();
  });

  it('makes no twin when the answer to datasets/create is lost, and retries record upserts after 500s', async () => {
    const store = (current = await mlflowStore({
      trackingUri: emulator.url, experimentName: `datasets-${(experiments += 1)}`, onLog: () => undefined,
      timeoutMs: 300, attempts: 3, retryBaseDelayMs: 10, retryMaxDelayMs: 50,
    }));
    let lost = 0;
    let failed = 0;
    emulator.fault = (request) => {
      if (request.path.endsWith('/datasets/create') && lost++ === 0) return 'lose-response';
      if (request.method === 'POST' && request.path.endsWith('/records') && failed++ === 0) return { status: 500 };
      return undefined;
    };
    try {
      await store.datasets.create('golden', golden([record(1), record(2)]));
    } finally {
      emulator.fault = undefined;
    }
    expect([lost, failed]).toEqual([1, 2]);
    expect([...emulator.state.datasets.values()].filter((dataset) => dataset.experiment_ids.includes(store.experimentId))).toHaveLength(1);
    expect(await store.datasets.get('golden')).toEqual(golden([record(1), record(2)]));
    await store.close();
  });

  it('deletes the MLflow dataset', async () => {
    const store = await open();
    await store.datasets.create('golden', golden([record(1)]));
    const id = mlflowDataset('golden')?.dataset_id;
    await store.datasets.delete('golden');
    expect(id !== undefined && emulator.state.datasets.has(id)).toBe(false);
    expect(await store.datasets.list()).toEqual([]);
    await store.close();
  });
});
