import * as z from 'zod/mini';
import type { LabelInput, LabelSchema } from '../schemas/label-schema';
import type { LabelValue } from '../schemas/labeling-session';

const list = (options: readonly string[]) => options.map((option) => JSON.stringify(option)).join(', ');
const distinct = (values: readonly string[]) => new Set(values).size === values.length;
// A text answer of only spaces is no answer: reviewers must write something.
const filled = (text: string) => text.trim().length > 0;

function valueSchemaOf(input: LabelInput): z.ZodMiniType<LabelValue> {
  switch (input.kind) {
    case 'categorical':
      return z.string({ error: `choose one of ${list(input.options)}` }).check(
        z.refine((value) => input.options.includes(value), { error: `choose one of ${list(input.options)}`, abort: true }),
      );
    case 'categorical_list':
      return z
        .array(z.string({ error: 'each choice must be text' }), { error: `choose one or more of ${list(input.options)}` })
        .check(
          z.minLength(1, { error: 'choose at least one option' }),
          z.refine((values) => values.every((value) => input.options.includes(value)), `choose only from ${list(input.options)}`),
          z.refine(distinct, 'choose each option once'),
        );
    case 'numeric': {
      const checks: Array<z.core.$ZodCheck<number>> = [z.refine((value: number) => Number.isFinite(value), { error: 'enter a finite number', abort: true })];
      if (input.min_value !== undefined) checks.push(z.gte(input.min_value, { error: `must be at least ${input.min_value}` }));
      if (input.max_value !== undefined) checks.push(z.lte(input.max_value, { error: `must be at most ${input.max_value}` }));
      return z.number({ error: 'enter a number' }).check(...checks);
    }
    case 'text': {
      const checks: Array<z.core.$ZodCheck<string>> = [z.refine(filled, { error: 'write an answer', abort: true })];
      if (input.max_length !== undefined) checks.push(z.maxLength(input.max_length, { error: `must be at most ${input.max_length} characters` }));
      return z.string({ error: 'write an answer' }).check(...checks);
    }
    case 'text_list': {
      const each: Array<z.core.$ZodCheck<string>> = [z.refine(filled, { error: 'a row must not be empty', abort: true })];
      if (input.max_length_each !== undefined) {
        each.push(z.maxLength(input.max_length_each, { error: `each row must be at most ${input.max_length_each} characters` }));
      }
      const rows: Array<z.core.$ZodCheck<string[]>> = [z.minLength(1, { error: 'add at least one row' })];
      if (input.max_count !== undefined) rows.push(z.maxLength(input.max_count, { error: `at most ${input.max_count} rows` }));
      return z.array(z.string({ error: 'each row must be text' }).check(...each), { error: 'add at least one row' }).check(...rows);
    }
  }
}

/**
 * The zod/mini schema of one answer to `schema` (every check carries its own English message, so
 * it needs no zod locale). For react-hook-form's resolver and for the server's validation alike.
 * Every answer is required: a categorical is one of the options, a list has at least one entry, a
 * text is not blank; numbers lie within the bounds, texts and lists within their lengths.
 * @example
 * const valueSchema = labelValueSchema({ name: 'tone', type: 'feedback', title: 'Tone', input: { kind: 'numeric', min_value: 1, max_value: 5 } });
 * z.safeParse(valueSchema, 7).success // false: "must be at most 5"
 */
export function labelValueSchema(schema: LabelSchema): z.ZodMiniType<LabelValue> {
  return valueSchemaOf(schema.input);
}

/** What {@link validateLabelValue} found: the value as parsed, or the first problem with where it is. */
export type LabelValueCheck =
  | { ok: true; value: LabelValue }
  | { ok: false; message: string; path: Array<string | number> };

/**
 * Checks one answer against its label schema without throwing.
 * @example
 * validateLabelValue('maybe', { name: 'ok', type: 'feedback', title: 'OK?', input: { kind: 'categorical', options: ['yes', 'no'] } })
 * // { ok: false, message: 'choose one of "yes", "no"', path: [] }
 */
export function validateLabelValue(value: unknown, schema: LabelSchema): LabelValueCheck {
  const result = z.safeParse(labelValueSchema(schema), value);
  if (result.success) return { ok: true, value: result.data };
  const [first] = result.error.issues;
  return {
    ok: false,
    message: first?.message ?? 'invalid answer',
    path: (first?.path ?? []).map((part) => (typeof part === 'number' ? part : String(part))),
  };
}
