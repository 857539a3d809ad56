import { labelValueSchema } from '@verdict/core';
import type { LabelAnswer, LabelSchema, LabelValue } from '@verdict/core';
import type { FieldError, FieldErrors, Resolver } from 'react-hook-form';

/** One question's state in the form: its answer (absent until given) and its comment. */
export interface LabelFieldValue {
  value: LabelValue | undefined;
  comment: string;
}

/**
 * The form's values: one entry per label schema, in the schemas' order. Indexed rather than
 * keyed by schema name, because react-hook-form reads dots in a name as a path.
 */
export interface LabelingFormValues {
  answers: LabelFieldValue[];
}

/** What a submitted form gives: one value per schema, and the comments that were written. */
export interface LabelSubmission {
  labels: Record<string, LabelValue>;
  comments: Record<string, string>;
}

/** Longest comment the server takes (`SubmitLabelsBodySchema`). */
export const MAX_COMMENT_LENGTH = 10_000;

/**
 * The value an unanswered question starts with: no choice, no number, empty text, one empty row.
 * @example emptyValueOf({ ..., input: { kind: 'text_list' } }) // ['']
 */
export function emptyValueOf(schema: LabelSchema): LabelValue | undefined {
  switch (schema.input.kind) {
    case 'categorical_list':
      return [];
    case 'text':
      return '';
    case 'text_list':
      return [''];
    default:
      return undefined;
  }
}

/**
 * The form's starting values from earlier answers (e.g. an item's labels by this reviewer).
 * @example formValuesOf(schemas, item.labels[userId])
 */
export function formValuesOf(schemas: readonly LabelSchema[], answers: Record<string, LabelAnswer> = {}): LabelingFormValues {
  return {
    answers: schemas.map((schema) => {
      const given = Object.hasOwn(answers, schema.name) ? answers[schema.name] : undefined;
      return { value: given?.value ?? emptyValueOf(schema), comment: given?.comment ?? '' };
    }),
  };
}

/**
 * The wire shape of valid form values: labels by schema name, and the non-blank comments.
 * @example const { labels, comments } = submissionOf(schemas, values)
 */
export function submissionOf(schemas: readonly LabelSchema[], values: LabelingFormValues): LabelSubmission {
  const labels: Record<string, LabelValue> = {};
  const comments: Record<string, string> = {};
  schemas.forEach((schema, index) => {
    const answer = values.answers[index];
    if (answer?.value !== undefined) labels[schema.name] = answer.value;
    if (schema.enable_comment === true && answer !== undefined && answer.comment.trim() !== '') comments[schema.name] = answer.comment;
  });
  return { labels, comments };
}

/**
 * A react-hook-form resolver that checks each answer with core's `labelValueSchema` (the checks
 * the server makes) and each comment's length. Messages land on `answers.<i>.value`, or on
 * `answers.<i>.value.<row>` for one row of a text list.
 * @example useForm({ resolver: labelingResolver(schemas) })
 */
export function labelingResolver(schemas: readonly LabelSchema[]): Resolver<LabelingFormValues> {
  // Why not zodResolver: it does accept zod/mini schemas, but one schema for the whole form would
  // need zod itself here (z.object, z.tuple), a dependency @verdict/react does not declare.
  const valueSchemas = schemas.map((schema) => labelValueSchema(schema));
  return (values) => {
    const answers: Array<{ value?: FieldError | FieldError[]; comment?: FieldError } | undefined> = [];
    values.answers.forEach((answer, index) => {
      const found: { value?: FieldError | FieldError[]; comment?: FieldError } = {};
      const result = valueSchemas[index]?.safeParse(answer.value);
      if (result !== undefined && !result.success) {
        const whole = result.error.issues.find((issue) => issue.path.length === 0);
        if (whole !== undefined) found.value = { type: whole.code, message: whole.message };
        else {
          const rows: FieldError[] = [];
          for (const issue of result.error.issues) {
            const row = issue.path[0];
            if (typeof row === 'number' && rows[row] === undefined) rows[row] = { type: issue.code, message: issue.message };
          }
          found.value = rows;
        }
      }
      if (answer.comment.length > MAX_COMMENT_LENGTH) found.comment = { type: 'too_big', message: `must be at most ${MAX_COMMENT_LENGTH} characters` };
      if (found.value !== undefined || found.comment !== undefined) answers[index] = found;
    });
    if (answers.length === 0) return { values, errors: {} };
    return { values: {}, errors: { answers } as FieldErrors<LabelingFormValues> };
  };
}

/**
 * The first letter in upper case: the shared value schemas speak in lower-case phrases.
 * @example sentence('choose one of "a"') // 'Choose one of "a"'
 */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
