import { BUILT_IN_LABEL_SCHEMAS, LabelSchemaSchema, VerdictError, parseOrThrow, validateLabelValue } from '@verdict/core';
import type { CreateLabelSchemaBody, LabelSchema, Store, UpdateLabelSchemaBody } from '@verdict/core';

/** Label schemas: the stored ones over the built-ins, with the rules that keep existing labels valid. */
export interface LabelSchemaService {
  /** Built-ins first (each replaced by a stored schema of its name), then the stored ones in creation order. */
  list(): Promise<LabelSchema[]>;
  /** A schema by name; `NOT_FOUND` when neither stored nor built in. */
  get(name: string): Promise<LabelSchema>;
  /** Creates a schema; `CONFLICT` when the name exists unless `overwrite` (which must not break labels either). */
  create(body: CreateLabelSchemaBody): Promise<LabelSchema>;
  /** Edits in place; `CONFLICT` naming the labels a change would invalidate. */
  update(name: string, patch: UpdateLabelSchemaBody): Promise<LabelSchema>;
  /** Deletes a stored schema; `CONFLICT` while a session uses it, or for a built-in that was never overridden. */
  remove(name: string): Promise<void>;
}

const builtIn = (name: string) => BUILT_IN_LABEL_SCHEMAS.find((schema) => schema.name === name);
// Listed in the 409's message; the rest are counted, so one broad change does not make a huge message.
const NAMED_BREAKS = 10;

/**
 * Creates the label schema logic over a store.
 * @example const schemas = createLabelSchemaService(store); await schemas.get('expected_facts')
 */
export function createLabelSchemaService(store: Store): LabelSchemaService {
  async function find(name: string): Promise<{ schema: LabelSchema; stored: boolean } | undefined> {
    const stored = await store.labelSchemas.get(name);
    if (stored !== null) return { schema: stored, stored: true };
    const fallback = builtIn(name);
    return fallback === undefined ? undefined : { schema: structuredClone(fallback), stored: false };
  }

  /** Every stored label (and gold label) for `name` that `next` would no longer accept. */
  async function breakingLabels(next: LabelSchema): Promise<string[]> {
    const broken: string[] = [];
    for (const { session, items } of await store.labelingSessions.list()) {
      if (!session.label_schemas.includes(next.name)) continue;
      for (const item of items) {
        const answers = [
          ...Object.entries(item.labels).map(([user, labels]) => ({ who: user, answer: labels[next.name] })),
          { who: 'adjudicated', answer: item.adjudicated?.labels[next.name] },
        ];
        for (const { who, answer } of answers) {
          if (answer === undefined) continue;
          const check = validateLabelValue(answer.value, next);
          if (!check.ok) broken.push(`session ${session.labeling_session_id} item ${item.item_id} (${who}: ${JSON.stringify(answer.value)}: ${check.message})`);
        }
      }
    }
    return broken;
  }

  async function assertKeepsLabels(next: LabelSchema): Promise<void> {
    const broken = await breakingLabels(next);
    if (broken.length === 0) return;
    const more = broken.length > NAMED_BREAKS ? ` and ${broken.length - NAMED_BREAKS} more` : '';
    throw new VerdictError(
      'CONFLICT',
      `changing label schema ${next.name} would invalidate ${broken.length} existing label(s): ${broken.slice(0, NAMED_BREAKS).join('; ')}${more}`,
    );
  }

  async function write(schema: LabelSchema, stored: boolean): Promise<LabelSchema> {
    return stored ? store.labelSchemas.update(schema.name, () => schema) : store.labelSchemas.create(schema.name, schema);
  }

  return {
    async list() {
      const stored = await store.labelSchemas.list();
      const byName = new Map(stored.map((schema) => [schema.name, schema]));
      const builtIns = BUILT_IN_LABEL_SCHEMAS.map((schema) => byName.get(schema.name) ?? structuredClone(schema));
      return [...builtIns, ...stored.filter((schema) => builtIn(schema.name) === undefined)];
    },

    async get(name) {
      const found = await find(name);
      if (found === undefined) throw new VerdictError('NOT_FOUND', `label schema ${name} not found`);
      return found.schema;
    },

    async create(body) {
      const { overwrite, ...schema } = body;
      const existing = await find(schema.name);
      if (existing !== undefined && overwrite !== true) {
        throw new VerdictError('CONFLICT', `label schema ${schema.name} already exists: send overwrite: true to replace it, or PATCH it`);
      }
      if (existing !== undefined) await assertKeepsLabels(schema);
      return write(schema, existing?.stored === true);
    },

    async update(name, patch) {
      const existing = await find(name);
      if (existing === undefined) throw new VerdictError('NOT_FOUND', `label schema ${name} not found`);
      const next = parseOrThrow(LabelSchemaSchema, { ...existing.schema, ...patch }, 'label schema');
      await assertKeepsLabels(next);
      return write(next, existing.stored);
    },

    async remove(name) {
      const using = (await store.labelingSessions.list()).filter(({ session }) => session.label_schemas.includes(name));
      if (using.length > 0) {
        const ids = using.map(({ session }) => `${session.labeling_session_id} (${session.name})`).join(', ');
        throw new VerdictError('CONFLICT', `label schema ${name} is used by labeling session(s) ${ids}: delete those first`);
      }
      if ((await store.labelSchemas.get(name)) === null) {
        if (builtIn(name) !== undefined) throw new VerdictError('CONFLICT', `label schema ${name} is built in and cannot be deleted`);
        throw new VerdictError('NOT_FOUND', `label schema ${name} not found`);
      }
      await store.labelSchemas.delete(name);
    },
  };
}
