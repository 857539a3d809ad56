import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMlflowEmulator } from './mlflow-emulator';
import type { MlflowEmulator } from './mlflow-emulator';

let emulator: MlflowEmulator;
let off: MlflowEmulator;
const BASE = '/api/3.0/mlflow/datasets';
const send = (method: string, path: string, body?: unknown, target = () => emulator) =>
  fetch(target().url + path, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

async function createDataset(name: string, tags: Record<string, string> = {}): Promise<string> {
  const { body } = await json(await send('POST', `${BASE}/create`, { name, experiment_ids: ['1'], tags: JSON.stringify(tags) }));
  return String((body.dataset as Record<string, unknown>).dataset_id);
}

beforeAll(async () => {
  emulator = await startMlflowEmulator({ datasets: true });
  off = await startMlflowEmulator();
  await send('POST', '/api/2.0/mlflow/experiments/create', { name: 'datasets' });
});
afterAll(async () => {
  await emulator.close();
  await off.close();
});

describe('the MLflow emulator\'s datasets API behaves as mlflow-rest.md §7 says', () => {
  it('is a Flask 404 when the server has no datasets API', async () => {
    const response = await send('POST', `${BASE}/search`, { experiment_ids: ['1'] }, () => off);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('answers tags as a JSON string and takes mlflow.user as created_by', async () => {
    const id = await createDataset('tagged', { team: 'a', 'mlflow.user': 'ann' });
    const { body } = await json(await send('GET', `${BASE}/${id}`));
    const dataset = body.dataset as Record<string, unknown>;
    expect(id).toMatch(/^d-[0-9a-f]{32}$/);
    expect(typeof dataset.tags).toBe('string');
    expect(JSON.parse(dataset.tags as string)).toEqual({ team: 'a', 'mlflow.user': 'ann' });
    expect(dataset.created_by).toBe('ann');
  });

  it('silently drops tags sent as an object (protobuf parse error swallowed) and records the trap', async () => {
    const { status, body } = await json(await send('POST', `${BASE}/create`, { name: 'object-tags', experiment_ids: ['1'], tags: { team: 'a' } }));
    expect(status).toBe(200);
    expect(JSON.parse((body.dataset as { tags: string }).tags)).toEqual({});
    expect(emulator.ignoredDatasetFields).toContain('datasets/create tags (not a JSON string)');
  });

  it('refuses records that are not a JSON string, and records without inputs', async () => {
    const id = await createDataset('strict');
    const asList = await json(await send('POST', `${BASE}/${id}/records`, { records: [{ inputs: { q: 1 } }] }));
    expect(asList).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining("'records'") } });
    const noInputs = await send('POST', `${BASE}/${id}/records`, { records: JSON.stringify([{ inputs: { q: 1 } }, { expectations: { a: 1 } }]) });
    expect(noInputs.status).toBe(400);
    const badSource = await send('POST', `${BASE}/${id}/records`, { records: JSON.stringify([{ inputs: { q: 1 }, source: { source_type: 'HUMANS', source_data: {} } }]) });
    expect(badSource.status).toBe(400);
    // All or nothing: the valid first record was not stored either.
    expect(JSON.parse((await json(await send('GET', `${BASE}/${id}/records`))).body.records as string)).toEqual([]);
  });

  it('upserts by inputs whatever their key order: outputs replaced, expectations and tags merged', async () => {
    const id = await createDataset('upsert');
    const first = await json(await send('POST', `${BASE}/${id}/records`, { records: JSON.stringify([{ inputs: { a: 1, b: 2 }, expectations: { x: 1 }, tags: { t: '1' } }]) }));
    expect(first.body).toEqual({ inserted_count: 1, updated_count: 0 });
    const second = await json(await send('POST', `${BASE}/${id}/records`, { records: JSON.stringify([{ inputs: { b: 2, a: 1 }, expectations: { y: 2 }, tags: { u: '2' } }]) }));
    expect(second.body).toEqual({ inserted_count: 0, updated_count: 1 });
    const rows = JSON.parse((await json(await send('GET', `${BASE}/${id}/records`))).body.records as string) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ dataset_record_id: expect.stringMatching(/^dr-[0-9a-f]{32}$/), expectations: { x: 1, y: 2 }, tags: { t: '1', u: '2' } });
  });

  it('pages records with page tokens', async () => {
    const id = await createDataset('paged');
    await send('POST', `${BASE}/${id}/records`, { records: JSON.stringify(Array.from({ length: 5 }, (_, n) => ({ inputs: { n } }))) });
    const seen: unknown[] = [];
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ max_results: '2', ...(token === undefined ? {} : { page_token: token }) });
      const { body } = await json(await send('GET', `${BASE}/${id}/records?${query}`));
      seen.push(...(JSON.parse(body.records as string) as Array<{ inputs: unknown }>).map((row) => row.inputs));
      token = body.next_page_token as string | undefined;
    } while (token !== undefined);
    expect(seen).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
  });

  it('reads DELETE parameters from a JSON body only: ids in the query are a 400', async () => {
    const id = await createDataset('deletes');
    await send('POST', `${BASE}/${id}/records`, { records: JSON.stringify([{ inputs: { q: 1 } }]) });
    const [row] = JSON.parse((await json(await send('GET', `${BASE}/${id}/records`))).body.records as string) as Array<{ dataset_record_id: string }>;
    const inQuery = await send('DELETE', `${BASE}/${id}/records?dataset_record_ids=${row!.dataset_record_id}`);
    expect(inQuery.status).toBe(400);
    const inBody = await json(await send('DELETE', `${BASE}/${id}/records`, { dataset_record_ids: [row!.dataset_record_id] }));
    expect(inBody.body).toEqual({ deleted_count: 1 });
  });

  it('searches newest first unless asked otherwise, and 404s a deleted dataset', async () => {
    const names = (body: Record<string, unknown>) => (body.datasets as Array<{ name: string }>).map((dataset) => dataset.name);
    const newest = await json(await send('POST', `${BASE}/search`, { experiment_ids: ['1'] }));
    const oldest = await json(await send('POST', `${BASE}/search`, { experiment_ids: ['1'], order_by: ['created_time ASC'] }));
    expect(names(newest.body)).toEqual([...names(oldest.body)].reverse());
    const id = await createDataset('gone');
    expect((await send('DELETE', `${BASE}/${id}`)).status).toBe(200);
    expect((await send('GET', `${BASE}/${id}`)).status).toBe(404);
  });
});
