import type { LabelSchema } from '@verdict/core';
import { createContext, useContext } from 'react';
import type { FieldError } from 'react-hook-form';
import { sentence } from './label-form-values';
import type { UseLabelingFormResult } from './use-labeling-form';

/** The nearest labeling form, for its parts. */
export const LabelingFormContext = /* @__PURE__ */ createContext<UseLabelingFormResult | null>(null);

/**
 * The nearest `<LabelingForm.Root>`'s state, for custom parts.
 * @throws outside a `<LabelingForm.Root>`.
 * @example const { dirty, submit } = useLabelingFormPart()
 */
export function useLabelingFormPart(part = 'Part'): UseLabelingFormResult {
  const context = useContext(LabelingFormContext);
  if (context === null) throw new Error(`<LabelingForm.${part}> must be inside <LabelingForm.Root>.`);
  return context;
}

/** Everything one question's controls need: its schema, field name, ids and messages. */
export interface QuestionState {
  schema: LabelSchema;
  index: number;
  /** The react-hook-form path of the answer. */
  name: `answers.${number}.value`;
  ids: { title: string; control: string; instruction: string; error: string; counter: string };
  /** The message for the whole answer (not one row of a list), already a sentence. */
  message: string | null;
  /** The message of row `row` of a text list. */
  rowMessage(row: number): string | null;
  /** Ids describing the question's control: instruction, then the message when there is one. */
  describedBy: string | undefined;
  readOnly: boolean;
}

type ErrorTree = (FieldError & { root?: FieldError }) | Record<number, FieldError | undefined> | undefined;

/**
 * The state of question `index` of the nearest form (internal to the question parts).
 * @example const question = useQuestion(0)
 */
export function useQuestion(index: number): QuestionState & { labeling: UseLabelingFormResult } {
  const labeling = useLabelingFormPart('Question');
  const schema = labeling.schemas[index];
  if (schema === undefined) throw new Error(`<LabelingForm.Question index={${index}}> has no label schema.`);
  const base = `${labeling.idPrefix}-q${index}`;
  const ids = { title: `${base}-title`, control: `${base}-control`, instruction: `${base}-instruction`, error: `${base}-error`, counter: `${base}-counter` };
  const tree = labeling.form.formState.errors.answers?.[index]?.value as ErrorTree;
  const own = tree as (FieldError & { root?: FieldError }) | undefined;
  const raw = typeof own?.message === 'string' ? own.message : own?.root?.message;
  const message = raw === undefined || raw === '' ? null : sentence(raw);
  const rowMessage = (row: number) => {
    const entry = (tree as Record<number, FieldError | undefined> | undefined)?.[row];
    return entry?.message === undefined ? null : sentence(entry.message);
  };
  const describedBy = [schema.instruction === undefined ? null : ids.instruction, message === null ? null : ids.error].filter(Boolean).join(' ') || undefined;
  return { labeling, schema, index, name: `answers.${index}.value`, ids, message, rowMessage, describedBy, readOnly: labeling.readOnly };
}
