import { expect, it } from 'vitest';
import type { DatasetRecord } from '../schemas/dataset';
import type { EvalRun } from '../schemas/evaluation';
import type { LabelSchema } from '../schemas/label-schema';
import type { DocumentCollection, Store, StoredDataset, StoredLabelingSession } from '../store/store';
import { expectVerdictError } from './expect-verdict-error';

const T = 1_700_000_000_000;
const hex = (n: number) => n.toString(16).padStart(32, '0');

/** How the contract makes documents of one collection and changes them countably. */
interface CollectionFixture<T> {
  collection: (store: Store) => DocumentCollection<T>;
  make: (n: number) => { key: string; document: T };
  /** Adds one countable thing (an option, an item, a record, a row) to a document. */
  grow: (document: T, n: number) => T;
  size: (document: T) => number;
}

const labelSchemas: CollectionFixture<LabelSchema> = {
  collection: (store) => store.labelSchemas,
  make: (n) => ({
    key: `tone/${n} ünïcode`,
    document: { name: `tone/${n} ünïcode`, type: 'feedback', title: 'Tone', input: { kind: 'categorical', options: ['ok'] } },
  }),
  grow: (schema, n) => ({ ...schema, input: { kind: 'categorical', options: [...(schema.input.kind === 'categorical' ? schema.input.options : []), `o${n}`] } }),
  size: (schema) => (schema.input.kind === 'categorical' ? schema.input.options.length : 0),
};

const labelingSessions: CollectionFixture<StoredLabelingSession> = {
  collection: (store) => store.labelingSessions,
  make: (n) => ({
    key: `ls-${hex(n)}`,
    document: {
      session: { labeling_session_id: `ls-${hex(n)}`, name: `s${n}`, assigned_users: ['ann'], label_schemas: ['tone'], reviewers_per_item: 1, create_time: T, created_by: 'dev' },
      items: [],
    },
  }),
  grow: (stored, n) => ({
    ...stored,
    items: [...stored.items, { item_id: `li-${hex(n)}`, labeling_session_id: stored.session.labeling_session_id, source: { trace_id: `tr-${hex(n)}` }, trace_id: `tr-${hex(n + 1)}`, state: 'pending', labels: {} }],
  }),
  size: (stored) => stored.items.length,
};

const record = (n: number): DatasetRecord => ({
  dataset_record_id: `dr-${hex(n)}`, inputs: { question: `q${n}` }, expectations: { expected_facts: [`f${n}`] }, tags: {},
  create_time: T, created_by: 'dev', last_update_time: T, last_updated_by: 'dev',
});

const datasets: CollectionFixture<StoredDataset> = {
  collection: (store) => store.datasets,
  make: (n) => ({ key: `ds${n}`, document: { dataset: { dataset_id: `ds-${hex(n)}`, name: `ds${n}`, tags: {}, create_time: T, created_by: 'dev' }, records: [] } }),
  grow: (stored, n) => ({ ...stored, records: [...stored.records, record(n)] }),
  size: (stored) => stored.records.length,
};

const evalRuns: CollectionFixture<EvalRun> = {
  collection: (store) => store.evalRuns,
  make: (n) => ({
    key: `ev-${hex(n)}`,
    document: {
      evaluation_id: `ev-${hex(n)}`, name: `run ${n}`, status: 'running', progress: { done: 0, total: 100 }, aggregates: {}, rows: [],
      usage: { judge_prompt_tokens: 0, judge_completion_tokens: 0 }, scorers: ['exact_match'], create_time: T,
    },
  }),
  grow: (run, n) => ({ ...run, rows: [...run.rows, { row_id: String(n), inputs: { n }, expectations: {}, scores: { exact_match: { value: n % 2 === 0 } } }] }),
  size: (run) => run.rows.length,
};

function describeCollection<T>(store: () => Store, name: string, fixture: CollectionFixture<T>): void {
  const collection = () => fixture.collection(store());

  it(`${name}: create, get, list in creation order, delete`, async () => {
    const first = fixture.make(1);
    const second = fixture.make(2);
    await collection().create(first.key, first.document);
    await collection().create(second.key, second.document);
    expect(await collection().get(first.key)).toEqual(first.document);
    expect(await collection().get('absent')).toBeNull();
    expect(await collection().list()).toEqual([first.document, second.document]);
    await collection().delete(first.key);
    expect(await collection().get(first.key)).toBeNull();
    expect(await collection().list()).toEqual([second.document]);
  });

  it(`${name}: a taken key is a CONFLICT, a missing one NOT_FOUND`, async () => {
    const first = fixture.make(1);
    await collection().create(first.key, first.document);
    await expectVerdictError(collection().create(first.key, fixture.grow(first.document, 9)), 'CONFLICT');
    expect(await collection().get(first.key)).toEqual(first.document);
    await expectVerdictError(collection().update('absent', (document) => document), 'NOT_FOUND');
    await expectVerdictError(collection().delete('absent'), 'NOT_FOUND');
  });

  it(`${name}: 30 concurrent updates of one document all land`, async () => {
    const first = fixture.make(1);
    await collection().create(first.key, first.document);
    const before = fixture.size(first.document);
    await Promise.all(Array.from({ length: 30 }, (_, n) => collection().update(first.key, (document) => fixture.grow(document, n + 10))));
    const stored = await collection().get(first.key);
    expect(stored === null ? -1 : fixture.size(stored)).toBe(before + 30);
  });

  it(`${name}: a mutator that throws writes nothing; callers never share objects with the store`, async () => {
    const first = fixture.make(1);
    const created = await collection().create(first.key, first.document);
    await expect(
      collection().update(first.key, (document) => {
        fixture.grow(document, 5);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    (created as Record<string, unknown>).mutated = true;
    const read = await collection().get(first.key);
    expect(read).toEqual(first.document);
    (read as Record<string, unknown>).mutated = true;
    expect(await collection().get(first.key)).toEqual(first.document);
  });
}

/** Label schemas, labeling sessions, datasets and eval runs: documents kept whole under a key. */
export function describeDocumentCollectionContract(store: () => Store): void {
  describeCollection(store, 'labelSchemas', labelSchemas);
  describeCollection(store, 'labelingSessions', labelingSessions);
  describeCollection(store, 'datasets', datasets);
  describeCollection(store, 'evalRuns', evalRuns);
}
