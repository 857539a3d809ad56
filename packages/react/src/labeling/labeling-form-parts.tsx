import { forwardRef, useEffect } from 'react';
import type { ButtonHTMLAttributes, FormHTMLAttributes, HTMLAttributes, Ref } from 'react';
import { LabelQuestion } from './label-question';
import { LabelingFormContext, useLabelingFormPart } from './labeling-form-context';
import { useLabelingForm } from './use-labeling-form';
import type { UseLabelingFormOptions } from './use-labeling-form';
import { useUnsavedChangesGuard } from './use-unsaved-changes-guard';

/** Props of {@link LabelingFormRoot}: {@link useLabelingForm}'s options and a `form`'s attributes. */
export type LabelingFormRootProps = UseLabelingFormOptions &
  Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'defaultValue'> & {
    /** Told whenever the answers become different from the saved ones, or equal again. */
    onDirtyChange?: (dirty: boolean) => void;
  };

/**
 * The `<form>` holding one item's questions for the parts inside it. `data-state` is
 * `idle | submitting | skipping`, `data-dirty` is set while answers are unsaved (and the page then
 * asks before unloading), `data-readonly` in read-only mode.
 * @example <LabelingForm.Root schemas={schemas} onSubmit={save}>…</LabelingForm.Root>
 */
export const LabelingFormRoot = /* @__PURE__ */ forwardRef<HTMLFormElement, LabelingFormRootProps>(function LabelingFormRoot(props, ref) {
  const { schemas, defaultValues, onSubmit, onSkip, readOnly, onDirtyChange, children, ...rest } = props;
  const labeling = useLabelingForm({ schemas, defaultValues, onSubmit, onSkip, readOnly });
  return <LabelingFormProvider labeling={labeling} onDirtyChange={onDirtyChange} formRef={ref} {...rest}>{children}</LabelingFormProvider>;
});

/** Renders the `<form>` for a {@link useLabelingForm} result made by the caller (internal). */
export function LabelingFormProvider(
  props: { labeling: ReturnType<typeof useLabelingForm>; onDirtyChange?: (dirty: boolean) => void; formRef?: Ref<HTMLFormElement> } & Omit<
    FormHTMLAttributes<HTMLFormElement>,
    'onSubmit'
  >,
) {
  const { labeling, onDirtyChange, formRef, children, ...rest } = props;
  useUnsavedChangesGuard(labeling.dirty);
  useEffect(() => onDirtyChange?.(labeling.dirty), [labeling.dirty, onDirtyChange]);
  const setRefs = (node: HTMLFormElement | null) => {
    labeling.rootRef.current = node;
    if (typeof formRef === 'function') formRef(node);
    else if (formRef !== null && formRef !== undefined) formRef.current = node;
  };
  return (
    <LabelingFormContext.Provider value={labeling}>
      <form
        ref={setRefs}
        noValidate
        data-state={labeling.busy ?? 'idle'}
        data-dirty={labeling.dirty ? '' : undefined}
        data-readonly={labeling.readOnly ? '' : undefined}
        onSubmit={(event) => {
          event.preventDefault();
          void labeling.submit();
        }}
        {...rest}
      >
        {children}
      </form>
    </LabelingFormContext.Provider>
  );
}

/**
 * Sends the answers; disabled while sending or read-only.
 * @example <LabelingForm.Submit>Submit</LabelingForm.Submit>
 */
export const LabelingFormSubmit = /* @__PURE__ */ forwardRef<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement>>(function LabelingFormSubmit(props, ref) {
  const labeling = useLabelingFormPart('Submit');
  return <button ref={ref} type="submit" disabled={labeling.busy !== null || labeling.readOnly} data-state={labeling.busy === 'submitting' ? 'busy' : 'idle'} {...props} />;
});

/**
 * Skips the item without answers; disabled while sending or read-only.
 * @example <LabelingForm.Skip>Skip</LabelingForm.Skip>
 */
export const LabelingFormSkip = /* @__PURE__ */ forwardRef<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement>>(function LabelingFormSkip(props, ref) {
  const { onClick, ...rest } = props;
  const labeling = useLabelingFormPart('Skip');
  return (
    <button
      ref={ref}
      type="button"
      disabled={labeling.busy !== null || labeling.readOnly}
      data-state={labeling.busy === 'skipping' ? 'busy' : 'idle'}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) void labeling.skip();
      }}
      {...rest}
    />
  );
});

/**
 * The form-level failure (a submit the server refused without naming a question), as an alert.
 * @example <LabelingForm.Error className="my-error" />
 */
export function LabelingFormError(props: HTMLAttributes<HTMLParagraphElement>) {
  const labeling = useLabelingFormPart('Error');
  if (labeling.error === null) return null;
  return (
    <p role="alert" {...props}>
      {labeling.error}
    </p>
  );
}

/**
 * The headless labeling form parts: compose them, style them, or use `<LabelingForm>`.
 * @example
 * <LabelingFormParts.Root schemas={schemas} onSubmit={save} onSkip={skip}>
 *   {schemas.map((schema, index) => <LabelingFormParts.Question key={schema.name} index={index} />)}
 *   <LabelingFormParts.Error />
 *   <LabelingFormParts.Submit>Submit</LabelingFormParts.Submit>
 * </LabelingFormParts.Root>
 */
export const LabelingFormParts = { Root: LabelingFormRoot, Question: LabelQuestion, Submit: LabelingFormSubmit, Skip: LabelingFormSkip, Error: LabelingFormError };
