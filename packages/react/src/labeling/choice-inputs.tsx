import type { ReactNode } from 'react';
import { useController } from 'react-hook-form';
import { useQuestion } from './labeling-form-context';
import type { QuestionState } from './labeling-form-context';
import { Instruction, QuestionMessage } from './question-text';

/** Props of the question controls: which question of the form they render. */
export interface QuestionControlProps {
  /** The question's position in the form's `schemas`. */
  index: number;
}

/** The fieldset of a choice question: the title as its legend, the instruction, the options, the message. A radio group is required. */
function ChoiceGroup({ question, radio = false, children }: { question: QuestionState; radio?: boolean; children: ReactNode }) {
  return (
    <fieldset
      role={radio ? 'radiogroup' : undefined}
      className="vd-label-question__group"
      aria-describedby={question.describedBy}
      aria-invalid={question.message !== null}
      aria-required={radio ? 'true' : undefined}
      disabled={question.readOnly}
    >
      <legend id={question.ids.title} className="vd-label-question__title">
        {question.schema.title}
      </legend>
      <Instruction question={question} />
      <div className="vd-label-options">{children}</div>
      <QuestionMessage question={question} />
    </fieldset>
  );
}

/** One option of a choice question: its input (radio or checkbox), its text and, for the first nine, its shortcut digit. */
function ChoiceOption({ option, position, checked, children }: { option: string; position: number; checked: boolean; children: ReactNode }) {
  return (
    <label className="vd-label-option" data-state={checked ? 'checked' : 'unchecked'}>
      {children}
      <span className="vd-label-option__text">{option}</span>
      {position < 9 && (
        <kbd className="vd-label-option__key" aria-hidden="true">
          {position + 1}
        </kbd>
      )}
    </label>
  );
}

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
    <ChoiceGroup question={question} radio>
      {input.options.map((option, position) => (
        <ChoiceOption key={option} option={option} position={position} checked={field.value === option}>
          <input
            type="radio"
            name={`${question.labeling.idPrefix}-q${index}`}
            value={option}
            checked={field.value === option}
            onChange={() => field.onChange(option)}
            onBlur={field.onBlur}
            ref={position === 0 ? field.ref : undefined}
          />
        </ChoiceOption>
      ))}
    </ChoiceGroup>
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
    <ChoiceGroup question={question}>
      {input.options.map((option, position) => (
        <ChoiceOption key={option} option={option} position={position} checked={chosen.includes(option)}>
          <input type="checkbox" value={option} checked={chosen.includes(option)} onChange={() => toggle(option)} onBlur={field.onBlur} ref={position === 0 ? field.ref : undefined} />
        </ChoiceOption>
      ))}
    </ChoiceGroup>
  );
}
