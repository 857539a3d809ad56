import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabelSchema } from '@verdict/core';
import { afterEach, describe, expect, it } from 'vitest';
import { LABEL_SCHEMA_HASH_TAG, labelSchemaTagKey } from './label-schema-tags';
import { mlflowStore } from './mlflow-store';
import type { MlflowStore } from './mlflow-store';
import { startMlflowEmulator } from './test-support/mlflow-emulator';
import type { MlflowEmulatorOptions } from './test-support/mlflow-emulator';

const schema = (name: string): LabelSchema => ({ name, type: 'feedback', title: name.slice(0, 40), input: { kind: 'categorical', options: ['ok', 'bad'] } });

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setUp(options: MlflowEmulatorOptions = {}) {
  const emulator = await startMlflowEmulator(options);
  cleanup.push(() => emulator.close());
  const dir = mkdtempSync(join(tmpdir(), 'verdict-schema-tags-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const store: MlflowStore = await mlflowStore({ trackingUri: emulator.url, experimentName: 'tags', outboxDir: dir, onLog: () => undefined });
  cleanup.push(() => store.close());
  const tags = async () => {
    const response = await fetch(`${emulator.url}/api/2.0/mlflow/experiments/get?experiment_id=${store.experimentId}`);
    const body = (await response.json()) as { experiment: { tags?: Array<{ key: string; value: string }> } };
    return body.experiment.tags ?? [];
  };
  return { emulator, store, tags };
}

describe('label schemas as MLflow experiment tags', () => {
  it('keeps each schema in one experiment tag, no runs, names too long or odd for a key hashed into it', async () => {
    const { emulator, store, tags } = await setUp();
    const long = 'x'.repeat(400);
    const odd = 'tone / répondu?';
    for (const name of ['tone', long, odd]) await store.labelSchemas.create(name, schema(name));

    expect((await tags()).map((tag) => tag.key)).toEqual(['verdict.label_schema.tone', labelSchemaTagKey(long), labelSchemaTagKey(odd)]);
    expect(labelSchemaTagKey(long).startsWith(LABEL_SCHEMA_HASH_TAG)).toBe(true);
    expect(labelSchemaTagKey(long).length).toBeLessThanOrEqual(250);
    expect(labelSchemaTagKey(odd)).not.toBe(labelSchemaTagKey('tone / repondu?'));
    expect(emulator.state.runs.size).toBe(0);
    expect((await store.labelSchemas.list()).map((entry) => entry.name)).toEqual(['tone', long, odd]);
    expect(await store.labelSchemas.get(odd)).toEqual(schema(odd));
  });

  it('keeps creation order through updates and serialises concurrent updates of one schema', async () => {
    const { store } = await setUp();
    for (const name of ['a', 'b', 'c']) await store.labelSchemas.create(name, schema(name));
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.labelSchemas.update('a', (current) => ({ ...current, title: `${current.title}${i}` }))));
    expect((await store.labelSchemas.get('a'))?.title).toBe('a0123456789');
    expect((await store.labelSchemas.list()).map((entry) => entry.name)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a schema larger than MLflow keeps in a tag value (5000 characters) with 413, storing nothing', async () => {
    const { store, tags } = await setUp();
    const big: LabelSchema = { ...schema('big'), instruction: 'y'.repeat(5000) };
    await expect(store.labelSchemas.create('big', big)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('5000') });
    expect(await tags()).toEqual([]);
  });

  it('deletes the tag, and on a server without delete-experiment-tag leaves a tombstone reads skip', async () => {
    const { emulator, store, tags } = await setUp();
    await store.labelSchemas.create('gone', schema('gone'));
    await store.labelSchemas.delete('gone');
    expect(await tags()).toEqual([]);

    await store.labelSchemas.create('old', schema('old'));
    emulator.fault = (request) => (request.path.endsWith('/delete-experiment-tag') ? { status: 404, body: '<h1>Not Found</h1>', headers: { 'Content-Type': 'text/html' } } : undefined);
    await store.labelSchemas.delete('old');
    expect(JSON.parse((await tags())[0]?.value ?? '{}')).toMatchObject({ name: 'old', deleted: true });
    expect(await store.labelSchemas.get('old')).toBeNull();
    expect(await store.labelSchemas.list()).toEqual([]);
    await expect(store.labelSchemas.delete('old')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.labelSchemas.create('old', schema('old'))).resolves.toEqual(schema('old'));
  });

  it('works on a server that does not serve artifacts', async () => {
    const { store } = await setUp({ artifactRoot: 's3://bucket' });
    await store.labelSchemas.create('tone', schema('tone'));
    expect(await store.labelSchemas.list()).toEqual([schema('tone')]);
  });
});

describe('the emulator refuses experiment tags as MLflow does', () => {
  it('rejects keys over 250 characters or with odd characters, values over 5000, and deleting a missing tag', async () => {
    const { emulator, store } = await setUp();
    const post = (path: string, body: object) =>
      fetch(`${emulator.url}/api/2.0/mlflow/experiments/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ experiment_id: store.experimentId, ...body }) });
    expect((await post('set-experiment-tag', { key: 'k'.repeat(251), value: 'v' })).status).toBe(400);
    expect((await post('set-experiment-tag', { key: 'a?b', value: 'v' })).status).toBe(400);
    expect((await post('set-experiment-tag', { key: 'k', value: 'v'.repeat(5001) })).status).toBe(400);
    expect((await post('set-experiment-tag', { key: 'k', value: 'v'.repeat(5000) })).status).toBe(200);
    expect((await post('delete-experiment-tag', { key: 'missing' })).status).toBe(404);
  });
});
