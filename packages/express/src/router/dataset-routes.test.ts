import { DatasetRecordSchema } from '@verdict/core';
import * as z from 'zod/mini';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../json-store/test-support/temp-dirs';
import { createDatasetService } from '../review/dataset-service';
import { serveReview } from '../test-support/review-server';
import type { ReviewServer } from '../test-support/review-server';

const tempDir = useTempDirs('verdict-datasets-');
let review: ReviewServer | undefined;
afterEach(async () => {
  await review?.close();
  review = undefined;
});

describe('dataset routes (jsonStore, real server)', () => {
  it('creates (409 when taken), lists, gets, deletes', async () => {
    review = await serveReview(tempDir());
    const dev = review.as('dev');
    const created = await dev.createDataset({ name: 'golden', tags: { team: 'search' } });
    expect(created).toMatchObject({ name: 'golden', tags: { team: 'search' }, created_by: 'dev', record_count: 0 });
    expect(created.dataset_id).toMatch(/^ds-[0-9a-f]{32}$/);
    const taken = await review.call('dev', 'POST', '/datasets', { name: 'golden' });
    expect(taken.status).toBe(409);
    expect(taken.json.error.message).toBe('dataset golden already exists');
    await dev.createDataset({ name: 'smoke.v2' });
    expect((await dev.listDatasets()).datasets.map(({ name }) => name)).toEqual(['golden', 'smoke.v2']);
    expect(await dev.getDataset('golden')).toEqual(created);
    await dev.deleteDataset('golden');
    expect((await review.call('dev', 'GET', '/datasets/golden')).status).toBe(404);
    expect((await review.call('dev', 'DELETE', '/datasets/golden')).status).toBe(404);
    expect((await review.call('dev', 'POST', '/datasets', { name: 'bad name/x' })).json.error.issues[0].path).toEqual(['name']);
  });

  it('upserts by inputs whatever the key order, merging expectations (last writer wins per name)', async () => {
    review = await serveReview(tempDir());
    const dev = review.as('dev');
    await dev.createDataset({ name: 'golden' });
    expect(
      await dev.upsertDatasetRecords('golden', {
        records: [
          { inputs: { question: 'Capital of France?', lang: 'en' }, expectations: { expected_response: 'Paris', guidelines: ['short'] }, tags: { a: '1' } },
          { inputs: { question: 'Capital of Peru?' }, expectations: { expected_facts: ['Lima'] }, source: { human: { user_name: 'ann' } } },
        ],
      }),
    ).toEqual({ inserted: 2, updated: 0 });
    const merged = await review.call('ann', 'POST', '/datasets/golden/records', { records: [] });
    expect(merged.status).toBe(403);
    expect(
      await dev.upsertDatasetRecords('golden', {
        records: [
          { inputs: { lang: 'en', question: 'Capital of France?' }, expectations: { expected_response: 'Paris, France.' }, tags: { b: '2' } },
          { inputs: { question: 'Capital of Chad?' } },
          // The same new inputs twice in one call: one record, merged.
          { inputs: { question: 'Capital of Chad?' }, expectations: { expected_facts: ["N'Djamena"] } },
        ],
      }),
    ).toEqual({ inserted: 1, updated: 2 });
    const { records } = await dev.listDatasetRecords('golden');
    expect(records.map(({ inputs, expectations, tags }) => ({ inputs, expectations, tags }))).toEqual([
      { inputs: { question: 'Capital of France?', lang: 'en' }, expectations: { expected_response: 'Paris, France.', guidelines: ['short'] }, tags: { a: '1', b: '2' } },
      { inputs: { question: 'Capital of Peru?' }, expectations: { expected_facts: ['Lima'] }, tags: {} },
      { inputs: { question: 'Capital of Chad?' }, expectations: { expected_facts: ["N'Djamena"] }, tags: {} },
    ]);
    expect(records[0]!.create_time).toBeLessThanOrEqual(records[0]!.last_update_time);
    expect(records[1]!.source).toEqual({ human: { user_name: 'ann' } });
    expect((await dev.getDataset('golden')).record_count).toBe(3);
  });

  it('refuses bad records with a 400 and writes none of them', async () => {
    review = await serveReview(tempDir());
    const dev = review.as('dev');
    await dev.createDataset({ name: 'golden' });
    const bad = await review.call('dev', 'POST', '/datasets/golden/records', {
      records: [{ inputs: { q: 'ok' } }, { inputs: 'not an object' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toEqual(['records', 1, 'inputs']);
    expect((await review.call('dev', 'POST', '/datasets/golden/records', { records: [{ inputs: {}, expectations: { x: null } }] })).status).toBe(400);
    expect((await review.call('dev', 'POST', '/datasets/nope/records', { records: [{ inputs: {} }] })).status).toBe(404);
    expect((await dev.getDataset('golden')).record_count).toBe(0);
  });

  it('pages through records with page_token, and exports them as JSON lines', async () => {
    const dir = tempDir();
    review = await serveReview(dir);
    const dev = review.as('dev');
    await dev.createDataset({ name: 'golden' });
    await dev.upsertDatasetRecords('golden', { records: Array.from({ length: 7 }, (_, n) => ({ inputs: { n }, expectations: { expected_response: `answer ${n}` } })) });
    const seen: unknown[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await dev.listDatasetRecords('golden', { max_results: 3, ...(token === undefined ? {} : { page_token: token }) });
      seen.push(...page.records.map(({ inputs }) => inputs));
      token = page.next_page_token;
      pages++;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, n) => ({ n })));
    expect((await review.call('dev', 'GET', '/datasets/golden/records?page_token=garbage')).status).toBe(400);
    expect((await review.call('dev', 'GET', '/datasets/golden/records?max_results=0')).status).toBe(400);

    const response = await fetch(`${review.server.api}/datasets/golden/records.jsonl`, { headers: { authorization: 'Bearer dev' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines.map((line) => z.parse(DatasetRecordSchema, JSON.parse(line)).inputs)).toEqual(seen);
    expect(await dev.exportDatasetRecords('golden')).toBe(`${lines.join('\n')}\n`);

    // The records are in the store's files: a restart reads the same.
    await review.close();
    review = await serveReview(dir);
    expect(await review.as('dev').exportDatasetRecords('golden')).toBe(`${lines.join('\n')}\n`);
  });

  it('is a service other server code can call: getRecords', async () => {
    review = await serveReview(tempDir());
    const service = createDatasetService(review.store);
    await service.create({ name: 'golden' }, 'script');
    await service.upsertRecords('golden', [{ inputs: { q: 1 }, expectations: { expected_response: 'one' } }], 'script');
    expect((await service.getRecords('golden')).map(({ inputs, created_by }) => [inputs, created_by])).toEqual([[{ q: 1 }, 'script']]);
    expect((await review.as('dev').getDataset('golden')).record_count).toBe(1);
    await expect(service.getRecords('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
