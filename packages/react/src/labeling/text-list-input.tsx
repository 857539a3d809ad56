import { useRef } from 'react';
import { useController } from 'react-hook-form';
import type { QuestionControlProps } from './choice-inputs';
import { useQuestion } from './labeling-form-context';
import { Instruction, QuestionMessage } from './question-text';
import { CharacterCounter } from './text-input';

/**
 * Stable React keys for the rows, so removing row 2 keeps rows 3… with their own DOM nodes
 * (and focus) instead of shifting everything up by one.
 */
function useRowKeys(count: number) {
  const keys = useRef<number[]>([]);
  const next = useRef(0);
  // Rows replaced from outside (a reset, another item): start a fresh key list.
  if (keys.current.length !== count) keys.current = Array.from({ length: count }, () => next.current++);
  return {
    keys: keys.current,
    insert(at: number) {
      keys.current = [...keys.current.slice(0, at), next.current++, ...keys.current.slice(at)];
    },
    remove(at: number) {
      keys.current = keys.current.filter((_, position) => position !== at);
    },
  };
}

/**
 * A text-list question: one text box per row with remove buttons and an "Add row" button,
 * bounded by `max_count` rows of `max_length_each` characters. Enter in a row adds the next one.
 * @example <TextListInput index={4} />
 */
export function TextListInput({ index }: QuestionControlProps) {
  const question = useQuestion(index);
  const { field } = useController({ name: question.name, control: question.labeling.form.control });
  const container = useRef<HTMLDivElement>(null);
  const rows = Array.isArray(field.value) ? field.value : [];
  const rowKeys = useRowKeys(rows.length);
  const input = question.schema.input;
  if (input.kind !== 'text_list') return null;
  const { max_count: maxCount, max_length_each: maxEach } = input;
  const full = maxCount !== undefined && rows.length >= maxCount;
  const title = question.schema.title;
  const rowInvalid = rows.some((_, row) => question.rowMessage(row) !== null);
  // Focus moves after React has rendered the new row list.
  const focusRow = (row: number) =>
    queueMicrotask(() => container.current?.querySelectorAll<HTMLInputElement>('.vd-label-row__input')[row]?.focus());

  const addRow = (at: number) => {
    if (full) return;
    rowKeys.insert(at);
    field.onChange([...rows.slice(0, at), '', ...rows.slice(at)]);
    focusRow(at);
  };
  const removeRow = (at: number) => {
    rowKeys.remove(at);
    field.onChange(rows.filter((_, position) => position !== at));
    if (rows.length > 1) focusRow(Math.max(0, at - 1));
    else queueMicrotask(() => container.current?.querySelector<HTMLButtonElement>('.vd-label-rows__add')?.focus());
  };

  return (
    <fieldset
      className="vd-label-question__group"
      aria-describedby={question.describedBy}
      aria-invalid={question.message !== null || rowInvalid}
      disabled={question.readOnly}
    >
      <legend id={question.ids.title} className="vd-label-question__title">
        {title}
      </legend>
      <Instruction question={question} />
      <div className="vd-label-rows" ref={container}>
        {rows.map((text, row) => {
          const message = question.rowMessage(row);
          const errorId = `${question.ids.control}-row${row}-error`;
          const counterId = `${question.ids.control}-row${row}-counter`;
          const describedBy = [message === null ? null : errorId, maxEach === undefined ? null : counterId].filter(Boolean).join(' ') || undefined;
          return (
            <div key={rowKeys.keys[row]} className="vd-label-row" data-invalid={message === null ? undefined : ''}>
              <input
                type="text"
                className="vd-label-row__input"
                ref={row === 0 ? field.ref : undefined}
                aria-label={`${title}, row ${row + 1}`}
                value={text}
                onChange={(event) => field.onChange(rows.map((old, position) => (position === row ? event.target.value : old)))}
                onBlur={field.onBlur}
                onKeyDown={(event) => {
                  // Enter would submit the whole form; in a list it means "next row".
                  if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
                    event.preventDefault();
                    addRow(row + 1);
                  }
                }}
                aria-invalid={message !== null}
                aria-describedby={describedBy}
              />
              <button type="button" className="vd-button vd-button--ghost vd-label-row__remove" aria-label={`Remove row ${row + 1}`} onClick={() => removeRow(row)}>
                <span aria-hidden="true">×</span>
              </button>
              {maxEach !== undefined && <CharacterCounter id={counterId} length={text.length} max={maxEach} />}
              {message !== null && (
                <p id={errorId} className="vd-label-question__error">
                  {message}
                </p>
              )}
            </div>
          );
        })}
        <button type="button" className="vd-button vd-label-rows__add" onClick={() => addRow(rows.length)} disabled={full}>
          Add row
        </button>
        {maxCount !== undefined && (
          <p className="vd-label-question__hint">
            {rows.length} / {maxCount} rows
          </p>
        )}
      </div>
      <QuestionMessage question={question} />
    </fieldset>
  );
}
