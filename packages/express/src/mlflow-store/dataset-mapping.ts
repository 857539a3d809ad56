import { createHash } from 'node:crypto';
import { canonicalJson } from '@verdict/core';
import type { DatasetInfo, DatasetRecord, DatasetRecordSource, JsonValue } from '@verdict/core';

type Loose = Record<string, unknown>;

/** Verdict's bookkeeping keys in MLflow dataset and record tags (removed on read). */
export const DATASET_TAGS = {
  datasetId: 'verdict.dataset_id',
  createTime: 'verdict.create_time',
  createdBy: 'verdict.created_by',
  createOrder: 'verdict.create_order',
} as const;
export const RECORD_TAGS = {
  recordId: 'verdict.record_id',
  createTime: 'verdict.create_time',
  createdBy: 'verdict.created_by',
  updateTime: 'verdict.last_update_time',
  updatedBy: 'verdict.last_updated_by',
  seq: 'verdict.seq',
} as const;
// A user's own tag whose key MLflow or Verdict would read as theirs travels under this prefix.
const ESCAPE = 'verdict.tag.';
const reserved = (key: string) => key.startsWith('verdict.') || key.startsWith('mlflow.');

/**
 * A user's tags as MLflow tags: keys starting `verdict.` or `mlflow.` are escaped so they never
 * clash with bookkeeping (`mlflow.user` would otherwise become MLflow's `created_by`).
 * @example encodeUserTags({ team: 'a', 'mlflow.user': 'x' }) // { team: 'a', 'verdict.tag.mlflow.user': 'x' }
 */
export function encodeUserTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([key, value]) => [reserved(key) ? ESCAPE + key : key, value]));
}

/**
 * The inverse of {@link encodeUserTags}: bookkeeping and MLflow's own tags dropped, escaped keys restored.
 * @example decodeUserTags({ team: 'a', 'verdict.seq': '1' }) // { team: 'a' }
 */
export function decodeUserTags(tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (key.startsWith(ESCAPE)) out[key.slice(ESCAPE.length)] = value;
    else if (!reserved(key)) out[key] = value;
  }
  return out;
}

/**
 * A JSON-string field MLflow answers with (`tags`, `records`), tolerating an already-parsed value.
 * @example parseJsonField('{"a":"b"}', {}) // { a: 'b' }
 */
export function parseJsonField<T>(value: unknown, fallback: T): T {
  if (typeof value !== 'string') return (value ?? fallback) as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

const strings = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(typeof value === 'object' && value !== null ? (value as Loose) : {}).map(([key, entry]) => [key, String(entry)]));

// MLflow's ids are `d-`/`dr-` + 32 hex; anything else (a foreign server) is hashed into Verdict's form.
function verdictId(prefix: 'ds-' | 'dr-', mlflowId: string): string {
  const match = /^(?:d|dr)-([0-9a-f]{32})$/.exec(mlflowId);
  return prefix + (match?.[1] ?? createHash('sha256').update(mlflowId).digest('hex').slice(0, 32));
}

/**
 * The tags a Verdict dataset is created with in MLflow: the user's tags plus Verdict's id,
 * creation time and author (`mlflow.user` too, which MLflow turns into its `created_by`).
 * @example datasetTags(info, 1_700_000_000_000)['verdict.dataset_id'] // info.dataset_id
 */
export function datasetTags(info: DatasetInfo, createOrder: number): Record<string, string> {
  return {
    ...encodeUserTags(info.tags),
    [DATASET_TAGS.datasetId]: info.dataset_id,
    [DATASET_TAGS.createTime]: String(info.create_time),
    [DATASET_TAGS.createdBy]: info.created_by,
    [DATASET_TAGS.createOrder]: String(createOrder),
    'mlflow.user': info.created_by,
  };
}

/** An MLflow dataset row, read. */
export interface MlflowDatasetRow {
  mlflowId: string;
  name: string;
  /** All its tags as MLflow holds them. */
  rawTags: Record<string, string>;
  info: DatasetInfo;
  /** Sort key for creation order. */
  order: number;
}

/**
 * Reads an MLflow `Dataset` (tags a JSON string) back into Verdict's `DatasetInfo`; datasets made
 * outside Verdict get an id derived from MLflow's and MLflow's own times and author.
 * @example const row = readDatasetRow(response.dataset); row.info.dataset_id // 'ds-…'
 */
export function readDatasetRow(dataset: Loose): MlflowDatasetRow {
  const rawTags = strings(parseJsonField(dataset.tags, {}));
  const mlflowId = String(dataset.dataset_id ?? '');
  const createdTime = Number(dataset.created_time ?? 0);
  const createTime = Number(rawTags[DATASET_TAGS.createTime] ?? createdTime);
  return {
    mlflowId,
    name: String(dataset.name ?? ''),
    rawTags,
    order: Number(rawTags[DATASET_TAGS.createOrder] ?? createdTime),
    info: {
      dataset_id: rawTags[DATASET_TAGS.datasetId] ?? verdictId('ds-', mlflowId),
      name: String(dataset.name ?? ''),
      tags: decodeUserTags(rawTags),
      create_time: Number.isFinite(createTime) ? createTime : createdTime,
      created_by: rawTags[DATASET_TAGS.createdBy] ?? (typeof dataset.created_by === 'string' && dataset.created_by !== '' ? dataset.created_by : 'mlflow'),
    },
  };
}

/** A record as MLflow's upsert takes it (before the list is JSON-encoded into a string). */
export interface MlflowRecordInput {
  inputs: Loose;
  expectations: Loose;
  tags: Record<string, string>;
  source?: { source_type: 'TRACE' | 'HUMAN' | 'DOCUMENT'; source_data: Loose };
}

/**
 * Verdict's record source → MLflow's `{source_type, source_data}` (TRACE / HUMAN / DOCUMENT).
 * @example toMlflowSource({ trace: { trace_id: 'tr-…' } }) // { source_type: 'TRACE', source_data: { trace_id: 'tr-…' } }
 */
export function toMlflowSource(source: DatasetRecordSource): NonNullable<MlflowRecordInput['source']> {
  if ('trace' in source) return { source_type: 'TRACE', source_data: { ...source.trace } };
  if ('human' in source) return { source_type: 'HUMAN', source_data: { ...source.human } };
  return { source_type: 'DOCUMENT', source_data: { ...source.document } };
}

/**
 * MLflow's record source → Verdict's, or undefined (none, `CODE`, or a shape Verdict cannot hold).
 * @example fromMlflowSource({ source_type: 'HUMAN', source_data: { user_name: 'ann' } }) // { human: { user_name: 'ann' } }
 */
export function fromMlflowSource(source: unknown): DatasetRecordSource | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const { source_type: type, source_data: data = {} } = source as { source_type?: unknown; source_data?: Loose };
  if (type === 'TRACE' && typeof data.trace_id === 'string') return { trace: { trace_id: data.trace_id } };
  if (type === 'HUMAN' && typeof data.user_name === 'string') return { human: { user_name: data.user_name } };
  if (type === 'DOCUMENT' && typeof data.doc_uri === 'string') {
    return { document: { doc_uri: data.doc_uri, ...(typeof data.content === 'string' ? { content: data.content } : {}) } };
  }
  return undefined;
}

/**
 * A Verdict record as MLflow's upsert takes it; Verdict's id, times, authors and position ride in
 * `verdict.*` record tags (MLflow assigns its own `dataset_record_id` and times).
 * @example toMlflowRecord(record, 3).tags['verdict.record_id'] // record.dataset_record_id
 */
export function toMlflowRecord(record: DatasetRecord, seq: number): MlflowRecordInput {
  const out: MlflowRecordInput = {
    inputs: record.inputs,
    expectations: record.expectations,
    tags: {
      ...encodeUserTags(record.tags),
      [RECORD_TAGS.recordId]: record.dataset_record_id,
      [RECORD_TAGS.createTime]: String(record.create_time),
      [RECORD_TAGS.createdBy]: record.created_by,
      [RECORD_TAGS.updateTime]: String(record.last_update_time),
      [RECORD_TAGS.updatedBy]: record.last_updated_by,
      [RECORD_TAGS.seq]: String(seq),
      'mlflow.user': record.created_by,
    },
  };
  if (record.source !== undefined) out.source = toMlflowSource(record.source);
  return out;
}

/** An MLflow record row, read. */
export interface MlflowRecordRow {
  mlflowId: string;
  /** Tags and expectations as MLflow holds them (the upsert merges into these). */
  rawTags: Record<string, string>;
  rawExpectations: Loose;
  seq: number;
  record: DatasetRecord;
}

/**
 * Reads a `DatasetRecord` dict (from the records list's JSON string) back into Verdict's record.
 * @example readRecordRow(row).record.dataset_record_id // the Verdict id it was written with
 */
export function readRecordRow(row: Loose): MlflowRecordRow {
  const rawTags = strings(row.tags);
  const rawExpectations = (typeof row.expectations === 'object' && row.expectations !== null ? row.expectations : {}) as Loose;
  const mlflowId = String(row.dataset_record_id ?? '');
  const number = (tag: string, fallback: unknown) => {
    const value = Number(rawTags[tag] ?? fallback ?? 0);
    return Number.isFinite(value) ? value : 0;
  };
  const author = (tag: string, fallback: unknown) => rawTags[tag] ?? (typeof fallback === 'string' && fallback !== '' ? fallback : 'mlflow');
  const record: DatasetRecord = {
    dataset_record_id: rawTags[RECORD_TAGS.recordId] ?? verdictId('dr-', mlflowId),
    inputs: (row.inputs ?? {}) as Record<string, JsonValue>,
    expectations: rawExpectations as DatasetRecord['expectations'],
    tags: decodeUserTags(rawTags),
    create_time: number(RECORD_TAGS.createTime, row.created_time),
    created_by: author(RECORD_TAGS.createdBy, row.created_by),
    last_update_time: number(RECORD_TAGS.updateTime, row.last_update_time),
    last_updated_by: author(RECORD_TAGS.updatedBy, row.last_updated_by ?? row.created_by),
  };
  const source = fromMlflowSource(row.source);
  if (source !== undefined) record.source = source;
  return { mlflowId, rawTags, rawExpectations, seq: number(RECORD_TAGS.seq, row.created_time), record };
}

/** What to send MLflow to turn the stored records into the wanted ones. */
export interface RecordPlan {
  /** MLflow ids to remove (sent first: an upsert of equal inputs would merge into them). */
  remove: string[];
  /** Records to upsert, new or changed. */
  upsert: MlflowRecordInput[];
}

const sameJson = (a: unknown, b: unknown) => canonicalJson(a as JsonValue) === canonicalJson(b as JsonValue);
const covers = (next: object, old: object) => Object.keys(old).every((key) => key in next);

/**
 * Diffs stored MLflow records against the wanted Verdict records. MLflow upserts by inputs and
 * *merges* tags and expectations, never changes a record's source, so a record whose inputs or
 * source changed, or that lost a tag or an expectation, is removed and inserted again (its
 * Verdict id rides along in its tags); unchanged records cost nothing. Positions (`verdict.seq`)
 * are kept where they still rise, so appending a record rewrites only that record.
 * Throws when two wanted records have equal inputs (MLflow keeps one record per inputs).
 * @example const plan = planRecords(stored, next.records); // then DELETE plan.remove, POST plan.upsert
 */
export function planRecords(stored: readonly MlflowRecordRow[], wanted: readonly DatasetRecord[]): RecordPlan {
  const inputs = new Set<string>();
  for (const record of wanted) {
    const key = canonicalJson(record.inputs);
    if (inputs.has(key)) throw new Error(`two records have equal inputs ${key.slice(0, 80)}; MLflow keeps one record per inputs`);
    inputs.add(key);
  }
  const byId = new Map<string, MlflowRecordRow>();
  const remove: string[] = [];
  for (const row of stored) {
    if (byId.has(row.record.dataset_record_id)) remove.push(row.mlflowId);
    else byId.set(row.record.dataset_record_id, row);
  }
  const wantedIds = new Set(wanted.map((record) => record.dataset_record_id));
  for (const row of byId.values()) if (!wantedIds.has(row.record.dataset_record_id)) remove.push(row.mlflowId);
  const upsert: MlflowRecordInput[] = [];
  let last = 0;
  for (const record of wanted) {
    const old = byId.get(record.dataset_record_id);
    const seq = old !== undefined && old.seq > last ? old.seq : last + 1;
    last = seq;
    const wire = toMlflowRecord(record, seq);
    if (old === undefined) {
      upsert.push(wire);
      continue;
    }
    const replace =
      !sameJson(old.record.inputs, record.inputs) ||
      !sameJson(old.record.source ?? null, record.source ?? null) ||
      !covers(wire.tags, old.rawTags) ||
      !covers(wire.expectations, old.rawExpectations);
    if (replace) {
      remove.push(old.mlflowId);
      upsert.push(wire);
    } else if (!sameJson(wire.tags, old.rawTags) || !sameJson(wire.expectations, old.rawExpectations)) {
      upsert.push(wire);
    }
  }
  return { remove, upsert };
}
