import type { LabelAnswer, LabelSchema, LabelValue } from '@verdict/core';
import { forwardRef, useEffect, useImperativeHandle } from 'react';
import { LabelQuestion } from './label-question';
import { LabelingFormError, LabelingFormProvider, LabelingFormSkip, LabelingFormSubmit } from './labeling-form-parts';
import { useLabelingForm } from './use-labeling-form';

/** Texts of {@link LabelingForm}; every one can be replaced (e.g. translated). */
export interface LabelingFormLabels {
  /** @default 'Submit' */
  submit: string;
  /** @default 'Skip' */
  skip: string;
  /** @default 'Comment (optional)' */
  comment: string;
  /** Accessible name of the form. @default 'Labels' */
  form: string;
}

const DEFAULT_LABELS: LabelingFormLabels = { submit: 'Submit', skip: 'Skip', comment: 'Comment (optional)', form: 'Labels' };

/** What a `ref` on {@link LabelingForm} can do: the keyboard shortcuts of a queue use it. */
export interface LabelingFormHandle {
  /** Validates and submits, as the Submit button does. */
  submit(): Promise<void>;
  skip(): Promise<void>;
  /** Picks option `n` (1-based) of the focused, else the first, categorical question. */
  pickOption(n: number): boolean;
  focusFirstQuestion(): void;
  setAnswer(schemaName: string, value: LabelValue): void;
  /** True while answers differ from the saved ones. */
  isDirty(): boolean;
}

/** Props of {@link LabelingForm}. */
export interface LabelingFormProps {
  /** The questions, in order. */
  schemas: LabelSchema[];
  /** Earlier answers by schema name (e.g. `item.labels[userId]`). */
  defaultValues?: Record<string, LabelAnswer>;
  /** Called with valid answers by schema name and the comments written; may return a promise. */
  onSubmit: (labels: Record<string, LabelValue>, comments: Record<string, string>) => unknown;
  /** Called by Skip; without it there is no Skip button. */
  onSkip?: () => unknown;
  /** Shows the answers without controls to change or send them. @default false */
  readOnly?: boolean;
  /** Told whenever answers become unsaved, or saved again (a queue asks before leaving a dirty item). */
  onDirtyChange?: (dirty: boolean) => void;
  /** Focuses the first question on mount (a queue moving to the next item). @default false */
  autoFocus?: boolean;
  labels?: Partial<LabelingFormLabels>;
  className?: string;
}

/**
 * A ready-made labeling form: one question per label schema (radio group, checkboxes, number
 * with slider, textarea with counter, or rows of text), inline validation against the schemas,
 * optional comments, Submit and Skip. While answers are unsaved the page asks before unloading.
 * Classes `vd-labeling-form*`, `vd-label-*`.
 * @example
 * <LabelingForm schemas={schemas} onSubmit={(labels, comments) => review.submitLabels(sessionId, itemId, { labels, comments })} onSkip={skip} />
 */
export const LabelingForm = /* @__PURE__ */ forwardRef<LabelingFormHandle, LabelingFormProps>(function LabelingForm(props, ref) {
  const { schemas, defaultValues, onSubmit, onSkip, readOnly = false, onDirtyChange, autoFocus = false, className } = props;
  const labels = { ...DEFAULT_LABELS, ...props.labels };
  const labeling = useLabelingForm({ schemas, defaultValues, onSubmit, onSkip, readOnly });
  const { submit, skip, pickOption, focusFirstQuestion, setAnswer, form } = labeling;
  useImperativeHandle(ref, () => ({ submit, skip, pickOption, focusFirstQuestion, setAnswer, isDirty: () => form.formState.isDirty }), [
    submit,
    skip,
    pickOption,
    focusFirstQuestion,
    setAnswer,
    form,
  ]);
  useEffect(() => {
    if (autoFocus) focusFirstQuestion();
  }, [autoFocus, focusFirstQuestion]);
  return (
    <LabelingFormProvider labeling={labeling} onDirtyChange={onDirtyChange} aria-label={labels.form} className={['vd-labeling-form', className].filter(Boolean).join(' ')}>
      <fieldset className="vd-labeling-form__questions" disabled={readOnly}>
        <legend className="vd-visually-hidden">{labels.form}</legend>
        {schemas.map((schema, index) => (
          <LabelQuestion key={schema.name} index={index} className="vd-label-question" commentLabel={labels.comment} />
        ))}
      </fieldset>
      <LabelingFormError className="vd-labeling-form__error" />
      {!readOnly && (
        <div className="vd-labeling-form__actions">
          <LabelingFormSubmit className="vd-button vd-button--primary vd-labeling-form__submit">{labels.submit}</LabelingFormSubmit>
          {onSkip !== undefined && <LabelingFormSkip className="vd-button vd-labeling-form__skip">{labels.skip}</LabelingFormSkip>}
        </div>
      )}
    </LabelingFormProvider>
  );
});
