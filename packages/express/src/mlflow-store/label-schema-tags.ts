import { createHash } from 'node:crypto';
import { VerdictError } from '@verdict/core';
import type { DocumentCollection, LabelSchema } from '@verdict/core';
import type { MlflowContext } from './context';
import { MlflowHttpError } from './http-client';
import { keyedQueue } from '../keyed-queue';

const EXPERIMENTS = '/api/2.0/mlflow/experiments';
/** Tag-key prefix of a label schema whose name can be the key itself. */
export const LABEL_SCHEMA_TAG = 'verdict.label_schema.';
/** Tag-key prefix of a label schema whose name is too long or has characters MLflow refuses in keys. */
export const LABEL_SCHEMA_HASH_TAG = 'verdict.label_schema_sha256.';
// MLflow's limits (mlflow/utils/validation.py): experiment tag keys ≤250 chars, values ≤5000.
const MAX_KEY = 250;
const MAX_VALUE = 5000;
// Tag keys may only hold alphanumerics, `_ - . /` and spaces; keep to an unambiguous subset.
const PLAIN_NAME = /^[A-Za-z0-9_-]+$/;

/** What one tag value holds: the name (keys may be hashes), creation order and the schema; `deleted` is a tombstone. */
interface TagValue {
  name: string;
  order: number;
  schema?: LabelSchema;
  deleted?: true;
}

/**
 * The experiment tag key of a label schema: `verdict.label_schema.<name>`, or a SHA-256 of the
 * name under `verdict.label_schema_sha256.` when the name is too long or not a safe key.
 * @example labelSchemaTagKey('tone') // 'verdict.label_schema.tone'
 */
export function labelSchemaTagKey(name: string): string {
  if (PLAIN_NAME.test(name) && LABEL_SCHEMA_TAG.length + name.length <= MAX_KEY) return LABEL_SCHEMA_TAG + name;
  return LABEL_SCHEMA_HASH_TAG + createHash('sha256').update(name, 'utf8').digest('hex');
}

function parseValue(raw: string): TagValue | undefined {
  try {
    const value = JSON.parse(raw) as Partial<TagValue>;
    return typeof value.name === 'string' && typeof value.order === 'number' ? (value as TagValue) : undefined;
  } catch {
    return undefined; // someone else's tag under our prefix: not a schema
  }
}

/**
 * Label schemas kept as experiment tags (issue 8: they "live in experiment tags" when MLflow's
 * label-schema API is not used): one tag per schema, key from {@link labelSchemaTagKey}, value a
 * JSON `{name, order, schema}` of at most 5000 characters (MLflow's limit; larger schemas are
 * refused with 413). Creation order is the `order` stored in the value. Delete uses
 * `delete-experiment-tag`; a server without that route gets a `{deleted: true}` tombstone that
 * reads skip. Writes of one name are serialised in this process (MLflow has no compare-and-set).
 * @example const schemas = labelSchemaTagCollection(ctx); await schemas.create('tone', schema);
 */
export function labelSchemaTagCollection(ctx: MlflowContext): DocumentCollection<LabelSchema> {
  const serial = keyedQueue();
  let lastOrder = 0;

  async function entries(): Promise<TagValue[]> {
    const response = await ctx.http.request({ method: 'GET', path: `${EXPERIMENTS}/get`, query: { experiment_id: ctx.experiment.id } });
    const tags = ((response.json ?? {}) as { experiment?: { tags?: Array<{ key?: string; value?: string }> } }).experiment?.tags ?? [];
    const found: TagValue[] = [];
    for (const tag of tags) {
      if (!tag.key?.startsWith(LABEL_SCHEMA_TAG) && !tag.key?.startsWith(LABEL_SCHEMA_HASH_TAG)) continue;
      const value = parseValue(tag.value ?? '');
      if (value !== undefined && value.deleted !== true && value.schema !== undefined && labelSchemaTagKey(value.name) === tag.key) found.push(value);
    }
    return found.sort((a, b) => a.order - b.order);
  }

  const find = async (name: string) => (await entries()).find((entry) => entry.name === name);

  async function setTag(name: string, value: TagValue): Promise<void> {
    const text = JSON.stringify(value);
    if (text.length > MAX_VALUE) {
      throw new VerdictError('PAYLOAD_TOO_LARGE', `label schema ${name} is ${text.length} characters as an MLflow experiment tag; MLflow keeps at most ${MAX_VALUE}`);
    }
    await ctx.http.request({ method: 'POST', path: `${EXPERIMENTS}/set-experiment-tag`, json: { experiment_id: ctx.experiment.id, key: labelSchemaTagKey(name), value: text } });
  }

  const missing = (name: string) => new VerdictError('NOT_FOUND', `labelSchemas ${name} not found`);

  return {
    async list() {
      return (await entries()).map((entry) => entry.schema as LabelSchema);
    },
    async get(name) {
      return (await find(name))?.schema ?? null;
    },
    create(name, schema) {
      return serial(name, async () => {
        if ((await find(name)) !== undefined) throw new VerdictError('CONFLICT', `labelSchemas ${name} already exists`);
        // Distinct, rising orders keep creation order even within one millisecond.
        lastOrder = Math.max(Date.now(), lastOrder + 1);
        await setTag(name, { name, order: lastOrder, schema });
        return structuredClone(schema);
      });
    },
    update(name, mutate) {
      return serial(name, async () => {
        const current = await find(name);
        if (current?.schema === undefined) throw missing(name);
        const next = mutate(current.schema);
        await setTag(name, { name, order: current.order, schema: next });
        return structuredClone(next);
      });
    },
    delete(name) {
      return serial(name, async () => {
        const current = await find(name);
        if (current === undefined) throw missing(name);
        try {
          await ctx.http.request({ method: 'POST', path: `${EXPERIMENTS}/delete-experiment-tag`, json: { experiment_id: ctx.experiment.id, key: labelSchemaTagKey(name) } });
        } catch (error) {
          // An older server without the route (Flask's HTML 404, no MLflow error code): leave a tombstone.
          if (!(error instanceof MlflowHttpError && error.status === 404 && (error.errorCode === undefined || error.errorCode === 'ENDPOINT_NOT_FOUND'))) throw error;
          await setTag(name, { name, order: current.order, deleted: true });
        }
      });
    },
  };
}
