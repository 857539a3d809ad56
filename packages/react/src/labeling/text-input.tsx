import { useController } from 'react-hook-form';
import type { QuestionControlProps } from './choice-inputs';
import { useQuestion } from './labeling-form-context';
import { Instruction, QuestionMessage } from './question-text';

/**
 * How much of a length limit a text uses: "12 / 500", `data-state="over"` past the limit. The
 * count is in UTF-16 units, as the server's check counts.
 * @example <CharacterCounter id="c" length={text.length} max={500} />
 */
export function CharacterCounter({ id, length, max }: { id: string; length: number; max: number }) {
  return (
    <p id={id} className="vd-label-counter" data-state={length > max ? 'over' : 'within'}>
      {length} / {max}
      <span className="vd-visually-hidden"> characters</span>
    </p>
  );
}

/**
 * A free-text question: a textarea with a live character counter when the schema sets
 * `max_length`. Longer text is allowed in the box (so nothing is cut silently) and refused by
 * validation with a message.
 * @example <TextInput index={3} />
 */
export function TextInput({ index }: QuestionControlProps) {
  const question = useQuestion(index);
  const { field } = useController({ name: question.name, control: question.labeling.form.control });
  const input = question.schema.input;
  if (input.kind !== 'text') return null;
  const text = typeof field.value === 'string' ? field.value : '';
  const max = input.max_length;
  const describedBy = [question.describedBy, max === undefined ? null : question.ids.counter].filter(Boolean).join(' ') || undefined;
  return (
    <div className="vd-label-question__field">
      <label id={question.ids.title} htmlFor={question.ids.control} className="vd-label-question__title">
        {question.schema.title}
      </label>
      <Instruction question={question} />
      <textarea
        id={question.ids.control}
        ref={field.ref}
        className="vd-label-text"
        rows={3}
        value={text}
        onChange={(event) => field.onChange(event.target.value)}
        onBlur={field.onBlur}
        aria-invalid={question.message !== null}
        aria-required="true"
        aria-describedby={describedBy}
        readOnly={question.readOnly}
      />
      {max !== undefined && <CharacterCounter id={question.ids.counter} length={text.length} max={max} />}
      <QuestionMessage question={question} />
    </div>
  );
}
