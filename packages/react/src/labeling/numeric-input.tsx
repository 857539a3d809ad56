import { useController } from 'react-hook-form';
import type { QuestionControlProps } from './choice-inputs';
import { useQuestion } from './labeling-form-context';
import { Instruction, QuestionMessage } from './question-text';

function boundsText(min: number | undefined, max: number | undefined): string | null {
  if (min !== undefined && max !== undefined) return `Between ${min} and ${max}`;
  if (min !== undefined) return `At least ${min}`;
  if (max !== undefined) return `At most ${max}`;
  return null;
}

/**
 * A numeric question: a number input with the schema's bounds, plus a range slider kept in sync
 * when both bounds are set. The slider is for the mouse (out of the tab order): the number input
 * already steps with the arrow keys. `data-state="unset"` on the slider until there is a value.
 * @example <NumericInput index={2} />
 */
export function NumericInput({ index }: QuestionControlProps) {
  const question = useQuestion(index);
  const { field } = useController({ name: question.name, control: question.labeling.form.control });
  const input = question.schema.input;
  if (input.kind !== 'numeric') return null;
  const { min_value: min, max_value: max } = input;
  const value = typeof field.value === 'number' ? field.value : undefined;
  const bounds = boundsText(min, max);
  const boundsId = `${question.ids.control}-bounds`;
  const describedBy = [bounds === null ? null : boundsId, question.describedBy].filter(Boolean).join(' ') || undefined;
  const integral = min !== undefined && max !== undefined && Number.isInteger(min) && Number.isInteger(max);
  return (
    <div className="vd-label-question__field">
      <label id={question.ids.title} htmlFor={question.ids.control} className="vd-label-question__title">
        {question.schema.title}
      </label>
      <Instruction question={question} />
      <div className="vd-label-numeric">
        <input
          id={question.ids.control}
          ref={field.ref}
          type="number"
          inputMode="decimal"
          className="vd-label-numeric__input"
          min={min}
          max={max}
          step="any"
          value={value ?? ''}
          // An unparsable entry reads as '' (the browser's sanitising): that is "no answer yet".
          onChange={(event) => field.onChange(event.target.value === '' ? undefined : Number(event.target.value))}
          onBlur={field.onBlur}
          aria-invalid={question.message !== null}
          aria-required="true"
          aria-describedby={describedBy}
          readOnly={question.readOnly}
        />
        {min !== undefined && max !== undefined && (
          <input
            type="range"
            tabIndex={-1}
            className="vd-label-numeric__slider"
            aria-label={`${question.schema.title} (slider)`}
            min={min}
            max={max}
            step={integral ? 1 : (max - min) / 100 || 'any'}
            value={value ?? (min + max) / 2}
            data-state={value === undefined ? 'unset' : 'set'}
            onChange={(event) => field.onChange(Number(event.target.value))}
            disabled={question.readOnly}
          />
        )}
      </div>
      {bounds !== null && (
        <p id={boundsId} className="vd-label-question__hint">
          {bounds}
        </p>
      )}
      <QuestionMessage question={question} />
    </div>
  );
}
