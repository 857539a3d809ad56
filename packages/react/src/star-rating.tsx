import { forwardRef, useId, useRef } from 'react';
import type { HTMLAttributes, KeyboardEvent } from 'react';
import { useRating } from './use-rating';
import type { UseRatingOptions } from './use-rating';

/** Props of {@link StarRating}. */
export type StarRatingProps = UseRatingOptions &
  Omit<HTMLAttributes<HTMLDivElement>, 'onSubmit'> & {
    /** The group's accessible name. @default the dimension, capitalised */
    label?: string;
  };

const STARS = [1, 2, 3, 4, 5];
const STEP: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };

/**
 * 1–5 stars for one dimension with radio-group semantics: one tab stop, arrows move and rate,
 * Home/End jump. Class `vd-stars`, `data-state` the request status.
 * @example <StarRating traceId={id} feedbackToken={token} dimension="accuracy" />
 */
export const StarRating = /* @__PURE__ */ forwardRef<HTMLDivElement, StarRatingProps>(function StarRating(props, ref) {
  const { traceId, feedbackToken, userId, dimension, onSubmit, client, baseUrl, label, className, ...rest } = props;
  const { rating, status, error, disabled, rate } = useRating({ traceId, feedbackToken, userId, dimension, onSubmit, client, baseUrl });
  const labelId = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const name = label ?? dimension.charAt(0).toUpperCase() + dimension.slice(1);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const step = STEP[event.key];
    let next: number | undefined;
    if (step !== undefined) next = Math.min(5, Math.max(1, (rating ?? (step > 0 ? 0 : 6)) + step));
    else if (event.key === 'Home') next = 1;
    else if (event.key === 'End') next = 5;
    if (next === undefined || disabled) return;
    event.preventDefault();
    rate(next);
    buttons.current[next - 1]?.focus();
  }

  return (
    <div className={['vd-stars', className].filter(Boolean).join(' ')} data-state={status} ref={ref} {...rest}>
      <span className="vd-stars__label" id={labelId}>
        {name}
      </span>
      <div role="radiogroup" aria-labelledby={labelId} aria-disabled={disabled || undefined} onKeyDown={onKeyDown}>
        {STARS.map((star) => (
          <button
            key={star}
            type="button"
            role="radio"
            ref={(element) => void (buttons.current[star - 1] = element)}
            className="vd-stars__star"
            aria-checked={rating === star}
            aria-label={`${star} of 5`}
            data-state={rating !== null && star <= rating ? 'on' : 'off'}
            // Roving tab stop: the checked star, or the first when none is.
            tabIndex={(rating ?? 1) === star ? 0 : -1}
            disabled={disabled}
            onClick={() => rate(star)}
          >
            {rating !== null && star <= rating ? '★' : '☆'}
          </button>
        ))}
      </div>
      {error !== null && (
        <p role="alert" className="vd-feedback__error">
          {error}
        </p>
      )}
    </div>
  );
});
