import { forwardRef } from 'react';
import type { HTMLAttributes } from 'react';
import { CategoricalInput, CategoricalListInput } from './choice-inputs';
import { MAX_COMMENT_LENGTH } from './label-form-values';
import { useQuestion } from './labeling-form-context';
import { NumericInput } from './numeric-input';
import { TextInput } from './text-input';
import { TextListInput } from './text-list-input';

/** Props of {@link LabelQuestion}: which question, and a `div`'s attributes. */
export interface LabelQuestionProps extends HTMLAttributes<HTMLDivElement> {
  /** The question's position in the form's `schemas`. */
  index: number;
  /** Label of the comment box (when the schema enables comments). @default 'Comment (optional)' */
  commentLabel?: string;
}

/**
 * One question of a labeling form: the control its input kind asks for, its instruction, its
 * message, and a comment box when the schema has `enable_comment`. The wrapper carries
 * `data-label-question`, `data-kind`, `data-index` and `data-invalid` (the keyboard helpers and
 * styles read them).
 * @example <LabelingForm.Question index={0} />
 */
export const LabelQuestion = /* @__PURE__ */ forwardRef<HTMLDivElement, LabelQuestionProps>(function LabelQuestion(props, ref) {
  const { index, commentLabel = 'Comment (optional)', ...rest } = props;
  const question = useQuestion(index);
  const { schema, labeling } = question;
  const answerErrors = labeling.form.formState.errors.answers?.[index];
  const commentError = answerErrors?.comment?.message;
  const commentId = `${question.ids.control}-comment`;
  return (
    <div
      ref={ref}
      data-label-question=""
      data-kind={schema.input.kind}
      data-index={index}
      data-invalid={answerErrors?.value === undefined ? undefined : ''}
      {...rest}
    >
      {schema.input.kind === 'categorical' && <CategoricalInput index={index} />}
      {schema.input.kind === 'categorical_list' && <CategoricalListInput index={index} />}
      {schema.input.kind === 'numeric' && <NumericInput index={index} />}
      {schema.input.kind === 'text' && <TextInput index={index} />}
      {schema.input.kind === 'text_list' && <TextListInput index={index} />}
      {schema.enable_comment === true && (
        <div className="vd-label-comment">
          <label htmlFor={commentId}>
            {commentLabel}
            <span className="vd-visually-hidden"> on {schema.title}</span>
          </label>
          <textarea
            id={commentId}
            className="vd-label-comment__input"
            rows={2}
            readOnly={labeling.readOnly}
            aria-invalid={commentError !== undefined}
            aria-describedby={commentError === undefined ? undefined : `${commentId}-error`}
            maxLength={MAX_COMMENT_LENGTH}
            {...labeling.form.register(`answers.${index}.comment`)}
          />
          {commentError !== undefined && (
            <p id={`${commentId}-error`} className="vd-label-question__error">
              Comment {commentError}
            </p>
          )}
        </div>
      )}
    </div>
  );
});
