import type { RatingDimension } from '@verdict/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FeedbackStatus } from './use-feedback';
import { messageOf, newIdempotencyKey, useFeedbackClient } from './use-feedback-client';
import type { FeedbackConnectionProps } from './use-feedback-client';

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

/**
 * A 1–5 rating of one dimension through `POST /detailed-feedback`: read on mount, optimistic,
 * rolled back on failure, writes in order with one idempotency key each.
 * @example const { rating, rate } = useRating({ traceId, feedbackToken, dimension: 'accuracy' })
 */
export function useRating(options: UseRatingOptions): UseRatingResult {
  const { traceId, feedbackToken, userId, dimension } = options;
  const client = useFeedbackClient(options);
  const [rating, setRating] = useState<number | null>(null);
  const [status, setStatus] = useState<FeedbackStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const confirmed = useRef<number | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  // Set by the first write: a stored vote that arrives after the user already acted must not undo it.
  const acted = useRef(false);
  const onSubmit = useRef(options.onSubmit);
  onSubmit.current = options.onSubmit;
  const token = feedbackToken ?? undefined;

  useEffect(() => {
    confirmed.current = null;
    setRating(null);
    setStatus('idle');
    setError(null);
    acted.current = false;
    if (!traceId) return;
    const controller = new AbortController();
    client.getMyFeedback({ trace_id: traceId, user_id: userId, feedback_token: token }, { signal: controller.signal }).then(
      ({ feedback }) => {
        const value = feedback[`user_${dimension}`]?.value;
        if (typeof value !== 'number' || acted.current) return;
        // Stored normalised (1 → 0, 5 → 1): map back onto the stars.
        confirmed.current = Math.round(value * 4 + 1);
        setRating(confirmed.current);
        setStatus('submitted');
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [client, traceId, userId, token, dimension]);

  const write = useCallback(
    (next: number | null) => {
      if (!traceId) return;
      acted.current = true;
      const previous = confirmed.current;
      setRating(next);
      setStatus('submitting');
      setError(null);
      const idempotencyKey = newIdempotencyKey();
      const request = () =>
        next === null
          ? client.deleteFeedback({ trace_id: traceId, user_id: userId, name: `user_${dimension}`, feedback_token: token })
          : client.sendDetailedFeedback({ trace_id: traceId, [dimension]: next, user_id: userId, feedback_token: token }, { idempotencyKey });
      queue.current = queue.current.then(() =>
        request().then(
          () => {
            confirmed.current = next;
            setStatus(next === null ? 'idle' : 'submitted');
            onSubmit.current?.({ traceId, dimension, rating: next });
          },
          (failure: unknown) => {
            setRating(previous);
            setStatus('error');
            setError(messageOf(failure));
          },
        ),
      );
    },
    [client, traceId, userId, token, dimension],
  );

  return {
    rating,
    status,
    error,
    disabled: !traceId,
    rate: (next) => {
      if (Number.isInteger(next) && next >= 1 && next <= 5 && next !== rating) write(next);
    },
    undo: () => write(null),
  };
}
