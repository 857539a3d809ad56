import { useController } from 'react-hook-form';
import { useQuestion } from './labeling-form-context';
import { Instruction, QuestionMessage } from './question-text';

/** Props of the question controls: which question of the form they render. */
export interface QuestionControlProps {
  /** The question's position in the form's `schemas`. */
  index: number;
}

// Shortcut digits 1–9 are shown beside the first nine options.
const keyOf = (position: number) => (position < 9 ? String(position + 1) : null);

/**
 * A categorical question: a radio group in a fieldset whose legend is the title. Option `n` is
 * shown with its shortcut digit. State on each option: `data-state="checked|unchecked"`.
 * @example <CategoricalInput index={0} />
 */
export function CategoricalInput({ index }: QuestionControlProps) {
  const question = useQuestion(index);
  const { field } = useController({ name: question.name, control: question.labeling.form.control });
  const input = question.schema.input;
  if (input.kind !== 'categorical') return null;
  return (
    <fieldset
      role="radiogroup"
      className="vd-label-question__group"
      aria-describedby={question.describedBy}
      aria-invalid={question.message !== null}
      aria-required="true"
      disabled={question.readOnly}
    >
      <legend id={question.ids.title} className="vd-label-question__title">
        {question.schema.title}
      </legend>
      <Instruction question={question} />
      <div className="vd-label-options">
        {input.options.map((option, position) => {
          const checked = field.value === option;
          const key = keyOf(position);
          return (
            <label key={option} className="vd-label-option" data-state={checked ? 'checked' : 'unchecked'}>
              <input
                type="radio"
                name={`${question.labeling.idPrefix}-q${index}`}
                value={option}
                checked={checked}
                onChange={() => field.onChange(option)}
                onBlur={field.onBlur}
                ref={position === 0 ? field.ref : undefined}
              />
              <span className="vd-label-option__text">{option}</span>
              {key !== null && (
                <kbd className="vd-label-option__key" aria-hidden="true">
                  {key}
                </kbd>
              )}
            </label>
          );
        })}
      </div>
      <QuestionMessage question={question} />
    </fieldset>
  );
}

/**
 * A categorical-list question: checkboxes in a fieldset; the answer is the checked options, in
 * the schema's order. Digits toggle option `n` when the question has focus.
 * @example <CategoricalListInput index={1} />
 */
export function CategoricalListInput({ index }: QuestionControlProps) {
  const question = useQuestion(index);
  const { field } = useController({ name: question.name, control: question.labeling.form.control });
  const input = question.schema.input;
  if (input.kind !== 'categorical_list') return null;
  const chosen = Array.isArray(field.value) ? field.value : [];
  const toggle = (option: string) => {
    const next = new Set(chosen.includes(option) ? chosen.filter((value) => value !== option) : [...chosen, option]);
    field.onChange(input.options.filter((candidate) => next.has(candidate)));
  };
  return (
    <fieldset className="vd-label-question__group" aria-describedby={question.describedBy} aria-invalid={question.message !== null} disabled={question.readOnly}>
      <legend id={question.ids.title} className="vd-label-question__title">
        {question.schema.title}
      </legend>
      <Instruction question={question} />
      <div className="vd-label-options">
        {input.options.map((option, position) => {
          const checked = chosen.includes(option);
          const key = keyOf(position);
          return (
            <label key={option} className="vd-label-option" data-state={checked ? 'checked' : 'unchecked'}>
              <input type="checkbox" value={option} checked={checked} onChange={() => toggle(option)} onBlur={field.onBlur} ref={position === 0 ? field.ref : undefined} />
              <span className="vd-label-option__text">{option}</span>
              {key !== null && (
                <kbd className="vd-label-option__key" aria-hidden="true">
                  {key}
                </kbd>
              )}
            </label>
          );
        })}
      </div>
      <QuestionMessage question={question} />
    </fieldset>
  );
}
