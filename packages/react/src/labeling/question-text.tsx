import type { QuestionState } from './labeling-form-context';

/**
 * A question's instruction, when its schema has one (referenced by the control's aria-describedby).
 * @example <Instruction question={question} />
 */
export function Instruction({ question }: { question: QuestionState }) {
  if (question.schema.instruction === undefined) return null;
  return (
    <p id={question.ids.instruction} className="vd-label-question__instruction">
      {question.schema.instruction}
    </p>
  );
}

/**
 * A question's validation message, tied to its control by id; empty when the answer is valid.
 * @example <QuestionMessage question={question} />
 */
export function QuestionMessage({ question }: { question: QuestionState }) {
  if (question.message === null) return null;
  return (
    <p id={question.ids.error} className="vd-label-question__error">
      {question.message}
    </p>
  );
}
