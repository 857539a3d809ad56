import { HttpError } from '@verdict/core';
import type { LabelAnswer, LabelSchema, LabelValue } from '@verdict/core';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { useForm } from 'react-hook-form';
import type { UseFormReturn } from 'react-hook-form';
import { formValuesOf, labelingResolver, submissionOf } from './label-form-values';
import type { LabelingFormValues } from './label-form-values';

/** Options of {@link useLabelingForm}. */
export interface UseLabelingFormOptions {
  /** The questions, in the order they are asked. */
  schemas: readonly LabelSchema[];
  /** Earlier answers by schema name (e.g. `item.labels[userId]`), shown at first. */
  defaultValues?: Record<string, LabelAnswer>;
  /** Called with valid answers; a rejection (e.g. the server's 400) is shown on the form. */
  onSubmit: (labels: Record<string, LabelValue>, comments: Record<string, string>) => unknown;
  /** Called when the reviewer skips the item. */
  onSkip?: () => unknown;
  /** Shows the answers without any way to change or send them. @default false */
  readOnly?: boolean;
}

/** What {@link useLabelingForm} returns: the react-hook-form state and the form's actions. */
export interface UseLabelingFormResult {
  form: UseFormReturn<LabelingFormValues>;
  schemas: readonly LabelSchema[];
  readOnly: boolean;
  /** Prefix of every element id in this form (stable per mount). */
  idPrefix: string;
  /** Attach to the `<form>` element: keyboard helpers look for questions inside it. */
  rootRef: RefObject<HTMLFormElement | null>;
  /** True while the answers differ from the starting ones. */
  dirty: boolean;
  /** 'submitting' or 'skipping' while the handler runs. */
  busy: 'submitting' | 'skipping' | null;
  /** Why the last submit or skip failed, when it is not tied to one question. */
  error: string | null;
  /** Validates, then calls `onSubmit`; invalid answers get their messages and the first is focused. */
  submit(): Promise<void>;
  skip(): Promise<void>;
  /**
   * Picks option `n` (1-based) of the focused choice question, else of the first categorical one;
   * in a multiple-choice question it toggles. Returns false when there is no such option.
   */
  pickOption(n: number): boolean;
  /** Focuses the first question (its chosen option, else its first control). */
  focusFirstQuestion(): void;
  /** Sets one question's answer by schema name (e.g. an adjudicator picking a reviewer's value). */
  setAnswer(schemaName: string, value: LabelValue): void;
}

const CONTROL = 'input:not([type="range"]):not([tabindex="-1"]), textarea';

function focusQuestion(question: Element | null | undefined): void {
  const target = question?.querySelector<HTMLElement>('input[type="radio"]:checked') ?? question?.querySelector<HTMLElement>(CONTROL);
  target?.focus();
}

/**
 * The behaviour of a labeling form, without markup: react-hook-form with a resolver built from
 * the label schemas (the same value schemas the server checks with), submit and skip, and the
 * helpers the keyboard shortcuts use. The `LabelingForm` parts render it.
 * @example
 * const labeling = useLabelingForm({ schemas, onSubmit: (labels) => review.submitLabels(id, itemId, { labels }) });
 */
export function useLabelingForm(options: UseLabelingFormOptions): UseLabelingFormResult {
  const { schemas, defaultValues, onSubmit, onSkip, readOnly = false } = options;
  const idPrefix = useId();
  const rootRef = useRef<HTMLFormElement | null>(null);
  // The resolver is fixed per schema list: rebuilding it each render would not change answers.
  const resolver = useMemo(() => labelingResolver(schemas), [schemas]);
  const form = useForm<LabelingFormValues>({ resolver, defaultValues: formValuesOf(schemas, defaultValues), mode: 'onSubmit', reValidateMode: 'onChange' });
  const [busy, setBusy] = useState<UseLabelingFormResult['busy']>(null);
  const [error, setError] = useState<string | null>(null);
  // Handlers change every render; the stable actions below read the latest ones.
  const latest = useRef({ onSubmit, onSkip, schemas });
  latest.current = { onSubmit, onSkip, schemas };

  const showFailure = useCallback(
    (failure: unknown) => {
      const issues = failure instanceof HttpError ? (failure.issues ?? []) : [];
      let placed = false;
      for (const issue of issues) {
        // The server names the field as ['labels' | 'comments', <schema>, ...]: put its message there.
        const [where, name] = issue.path ?? [];
        const index = where === 'labels' || where === 'comments' ? latest.current.schemas.findIndex((schema) => schema.name === name) : -1;
        if (index >= 0) {
          form.setError(where === 'labels' ? `answers.${index}.value` : `answers.${index}.comment`, { type: 'server', message: issue.message });
          placed = true;
        }
      }
      setError(placed ? null : failure instanceof Error ? failure.message : String(failure));
    },
    [form],
  );

  const submit = useCallback(async () => {
    if (readOnly) return;
    setError(null);
    await form.handleSubmit(async (values) => {
      setBusy('submitting');
      try {
        const { labels, comments } = submissionOf(latest.current.schemas, values);
        await latest.current.onSubmit(labels, comments);
        // Sent: these answers are now the saved ones, so leaving is safe.
        form.reset(values);
      } catch (failure) {
        showFailure(failure);
      } finally {
        setBusy(null);
      }
    })();
  }, [form, readOnly, showFailure]);

  const skip = useCallback(async () => {
    if (readOnly || latest.current.onSkip === undefined) return;
    setError(null);
    setBusy('skipping');
    try {
      await latest.current.onSkip();
    } catch (failure) {
      showFailure(failure);
    } finally {
      setBusy(null);
    }
  }, [readOnly, showFailure]);

  const setAnswer = useCallback(
    (schemaName: string, value: LabelValue) => {
      const index = latest.current.schemas.findIndex((schema) => schema.name === schemaName);
      if (index < 0) return;
      form.setValue(`answers.${index}.value`, value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    },
    [form],
  );

  const pickOption = useCallback(
    (n: number) => {
      const root = rootRef.current;
      if (root === null || readOnly) return false;
      const focused = document.activeElement?.closest<HTMLElement>('[data-label-question]');
      const choice = (question: Element | null | undefined) =>
        question !== null && question !== undefined && root.contains(question) && /^categorical/.test(question.getAttribute('data-kind') ?? '');
      const question = choice(focused)
        ? focused
        : (root.querySelector('[data-label-question][data-kind="categorical"]') ?? root.querySelector('[data-label-question][data-kind="categorical_list"]'));
      const index = Number(question?.getAttribute('data-index'));
      const schema = latest.current.schemas[index];
      if (question === null || question === undefined || schema === undefined) return false;
      if (schema.input.kind !== 'categorical' && schema.input.kind !== 'categorical_list') return false;
      const option = schema.input.options[n - 1];
      if (option === undefined) return false;
      if (schema.input.kind === 'categorical') {
        setAnswer(schema.name, option);
      } else {
        const current = form.getValues(`answers.${index}.value`);
        const chosen = Array.isArray(current) ? current : [];
        setAnswer(schema.name, chosen.includes(option) ? chosen.filter((value) => value !== option) : [...chosen, option]);
      }
      // Focus follows the pick, so the next digit goes to the same question.
      question.querySelectorAll<HTMLInputElement>('input[type="radio"], input[type="checkbox"]')[n - 1]?.focus();
      return true;
    },
    [form, readOnly, setAnswer],
  );

  const focusFirstQuestion = useCallback(() => focusQuestion(rootRef.current?.querySelector('[data-label-question]')), []);

  return {
    form,
    schemas,
    readOnly,
    idPrefix,
    rootRef,
    dirty: form.formState.isDirty,
    busy,
    error,
    submit,
    skip,
    pickOption,
    focusFirstQuestion,
    setAnswer,
  };
}
