import type { Assessment, AssessmentSource, CreateAssessmentBody } from '@verdict/core';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import type { FieldError } from 'react-hook-form';
import { checkJson, checkNumber, initialFormValues, toAssessmentBody } from './assessment-form-values';
import type { AssessmentFormValues } from './assessment-form-values';

/** Props of {@link AssessmentForm}. */
export interface AssessmentFormProps {
  /** Saves the assessment; a rejection is shown in the form, which stays open. */
  onSubmit: (body: CreateAssessmentBody) => Promise<unknown>;
  onCancel?: () => void;
  /** Set to override this assessment: its name and kind are kept, the value is replaced. */
  editing?: Assessment;
  /** The selected span, offered as the target besides the whole trace. */
  span?: { spanId: string; name: string } | null;
  /** Who is assessing; without it the server records HUMAN `anonymous`. */
  source?: AssessmentSource;
  /** Starting values (stories show the form in a given state). */
  defaultValues?: Partial<AssessmentFormValues>;
  className?: string;
}

function FieldMessage({ id, error }: { id: string; error: FieldError | undefined }) {
  if (error?.message === undefined) return null;
  return (
    <p id={id} className="vd-field__error">
      {error.message}
    </p>
  );
}

/**
 * Adds a feedback or an expectation (name, a value typed as boolean, number, text or JSON, and a
 * rationale) on the trace or the selected span, or overrides one (`editing`). Validates inline;
 * server refusals appear as an alert. Uses react-hook-form.
 * @example <AssessmentForm span={{ spanId, name: 'retrieve' }} onSubmit={trace.addAssessment} />
 */
export function AssessmentForm({ onSubmit, onCancel, editing, span, source, defaultValues, className }: AssessmentFormProps) {
  const id = useId();
  const {
    register,
    handleSubmit,
    watch,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AssessmentFormValues>({ defaultValues: { ...initialFormValues(editing), ...defaultValues } });
  const valueType = watch('valueType');
  const field = (name: keyof AssessmentFormValues) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] === undefined ? undefined : true,
    'aria-describedby': errors[name] === undefined ? undefined : `${id}-${name}-error`,
  });

  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit(toAssessmentBody(values, span?.spanId ?? null, source));
    } catch (error) {
      setError('root.server', { message: error instanceof Error ? error.message : String(error) });
    }
  });

  const title = editing === undefined ? 'Add assessment' : `Edit ${editing.assessment_name}`;
  return (
    <form className={['vd-assessment-form', className].filter(Boolean).join(' ')} aria-label={title} noValidate onSubmit={submit}>
      {editing === undefined && (
        <>
          <fieldset className="vd-field vd-field--inline">
            <legend>Type</legend>
            <label>
              <input type="radio" value="feedback" {...register('kind')} /> Feedback
            </label>
            <label>
              <input type="radio" value="expectation" {...register('kind')} /> Expectation
            </label>
          </fieldset>
          <div className="vd-field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              type="text"
              className="vd-input"
              placeholder="e.g. correctness"
              {...field('name')}
              {...register('name', {
                validate: (name) => (name.trim() === '' ? 'Give the assessment a name' : name.trim().length > 256 ? 'Use at most 256 characters' : true),
              })}
            />
            <FieldMessage id={`${id}-name-error`} error={errors.name} />
          </div>
          {span != null && (
            <fieldset className="vd-field vd-field--inline">
              <legend>On</legend>
              <label>
                <input type="radio" value="trace" {...register('target')} /> Whole trace
              </label>
              <label>
                <input type="radio" value="span" {...register('target')} /> Span {span.name}
              </label>
            </fieldset>
          )}
        </>
      )}
      <div className="vd-field">
        <label htmlFor={`${id}-valueType`}>Value type</label>
        <select className="vd-input" {...field('valueType')} {...register('valueType')}>
          <option value="boolean">Yes / no</option>
          <option value="number">Number</option>
          <option value="text">Text</option>
          <option value="json">JSON</option>
        </select>
      </div>
      {valueType === 'boolean' && (
        <fieldset className="vd-field vd-field--inline">
          <legend>Value</legend>
          <label>
            <input type="radio" value="true" {...register('booleanValue')} /> <span aria-hidden="true">👍</span> Yes
          </label>
          <label>
            <input type="radio" value="false" {...register('booleanValue')} /> <span aria-hidden="true">👎</span> No
          </label>
        </fieldset>
      )}
      {valueType === 'number' && (
        <div className="vd-field">
          <label htmlFor={`${id}-numberValue`}>Value</label>
          <input
            type="text"
            inputMode="decimal"
            className="vd-input"
            {...field('numberValue')}
            {...register('numberValue', { validate: (text, all) => all.valueType !== 'number' || checkNumber(text) })}
          />
          <FieldMessage id={`${id}-numberValue-error`} error={errors.numberValue} />
        </div>
      )}
      {valueType === 'text' && (
        <div className="vd-field">
          <label htmlFor={`${id}-textValue`}>Value</label>
          <textarea
            className="vd-input"
            rows={2}
            {...field('textValue')}
            {...register('textValue', { validate: (text, all) => all.valueType !== 'text' || text.trim() !== '' || 'Enter a value' })}
          />
          <FieldMessage id={`${id}-textValue-error`} error={errors.textValue} />
        </div>
      )}
      {valueType === 'json' && (
        <div className="vd-field">
          <label htmlFor={`${id}-jsonValue`}>Value (JSON)</label>
          <textarea
            className="vd-input vd-input--code"
            rows={4}
            placeholder='{"score": 1}'
            {...field('jsonValue')}
            {...register('jsonValue', { validate: (text, all) => all.valueType !== 'json' || checkJson(text) })}
          />
          <FieldMessage id={`${id}-jsonValue-error`} error={errors.jsonValue} />
        </div>
      )}
      <div className="vd-field">
        <label htmlFor={`${id}-rationale`}>Rationale (optional)</label>
        <textarea
          className="vd-input"
          rows={2}
          {...field('rationale')}
          {...register('rationale', { validate: (text) => text.length <= 10_000 || 'Use at most 10,000 characters' })}
        />
        <FieldMessage id={`${id}-rationale-error`} error={errors.rationale} />
      </div>
      {errors.root?.server?.message !== undefined && (
        <p role="alert" className="vd-field__error">
          {errors.root.server.message}
        </p>
      )}
      <div className="vd-assessment-form__actions">
        <button type="submit" className="vd-button vd-button--primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : editing === undefined ? 'Add assessment' : 'Save new value'}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="vd-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
