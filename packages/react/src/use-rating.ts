import type { MyFeedbackEntry, RatingDimension } from '@verdict/core';
import type { FeedbackConnectionProps } from './use-feedback-client';
import { useStoredVote } from './use-stored-vote';
import type { FeedbackStatus } from './use-stored-vote';

/** Options of {@link useRating}. */
export interface UseRatingOptions extends FeedbackConnectionProps {
  traceId?: string | null;
  feedbackToken?: string | null;
  userId?: string;
  /** What is rated; stored as `user_<dimension>`, normalised to 0–1. */
  dimension: RatingDimension;
  onSubmit?: (submission: { traceId: string; dimension: RatingDimension; rating: number | null }) => void;
}

/** What {@link useRating} returns. */
export interface UseRatingResult {
  /** 1–5, or null when not rated; optimistic while submitting. */
  rating: number | null;
  status: FeedbackStatus;
  error: string | null;
  disabled: boolean;
  /** Rates 1–5 (a new rating overrides the user's previous one). */
  rate(rating: number): void;
  undo(): void;
}

/** Ratings are stored normalised (1 → 0, 5 → 1): this maps one back onto the stars. */
function starsOf({ value }: MyFeedbackEntry): number | undefined {
  return typeof value === 'number' ? Math.round(value * 4 + 1) : undefined;
}

/**
 * A 1–5 rating of one dimension through `POST /detailed-feedback`: read on mount, optimistic,
 * rolled back on failure, writes in order with one idempotency key each.
 * @example const { rating, rate } = useRating({ traceId, feedbackToken, dimension: 'accuracy' })
 */
export function useRating(options: UseRatingOptions): UseRatingResult {
  const { dimension } = options;
  const { value: rating, status, error, disabled, write } = useStoredVote({
    ...options,
    name: `user_${dimension}`,
    fromStored: starsOf,
    send: ({ client, target: { trace_id, ...voter }, value, idempotencyKey }) =>
      client.sendDetailedFeedback({ trace_id, [dimension]: value, ...voter }, { idempotencyKey }),
    submission: (traceId, next) => ({ traceId, dimension, rating: next }),
  });

  return {
    rating,
    status,
    error,
    disabled,
    rate: (next) => {
      if (Number.isInteger(next) && next >= 1 && next <= 5 && next !== rating) write(next);
    },
    undo: () => write(null),
  };
}
