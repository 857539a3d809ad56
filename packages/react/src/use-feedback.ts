import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf, newIdempotencyKey, useFeedbackClient } from './use-feedback-client';
import type { FeedbackConnectionProps } from './use-feedback-client';

/** Where a feedback request is. */
export type FeedbackStatus = 'idle' | 'submitting' | 'submitted' | 'error';

/** What {@link useFeedback} tells `onSubmit` after each successful write. */
export interface FeedbackSubmission {
  traceId: string;
  name: string;
  /** The vote now stored, or null after an undo. */
  value: boolean | null;
  comment: string;
}

/** Options of {@link useFeedback}. */
export interface UseFeedbackOptions extends FeedbackConnectionProps {
  /** The rated answer's trace; without it, voting is disabled. */
  traceId?: string | null;
  /** The token that came with the answer (required when the server has a feedback secret). */
  feedbackToken?: string | null;
  /** Who votes; the server reads, overrides and undoes this user's vote. @default anonymous */
  userId?: string;
  /** @default 'user_feedback' */
  name?: string;
  onSubmit?: (submission: FeedbackSubmission) => void;
}

/** What {@link useFeedback} returns. */
export interface UseFeedbackResult {
  /** The vote shown: optimistic while submitting, rolled back on failure. */
  value: boolean | null;
  comment: string;
  status: FeedbackStatus;
  error: string | null;
  /** True without a trace id: there is nothing to rate yet. */
  disabled: boolean;
  /** Votes; the same value again undoes the vote, the other value overrides it. */
  vote(value: boolean): void;
  setComment(comment: string): void;
  /** Sends the comment with the current vote (an override of it). */
  submitComment(): void;
  /** Deletes the user's vote. */
  undo(): void;
}

/**
 * Thumbs up/down behaviour: reads the user's vote on mount, votes optimistically (rolled back on
 * failure), a change overrides, the same vote again undoes. Writes run one at a time, in order,
 * each with its own idempotency key.
 * @example
 * const feedback = useFeedback({ traceId, feedbackToken, userId: 'u1' });
 * <button aria-pressed={feedback.value === true} onClick={() => feedback.vote(true)}>👍</button>
 */
export function useFeedback(options: UseFeedbackOptions): UseFeedbackResult {
  const { traceId, feedbackToken, userId, name = 'user_feedback' } = options;
  const client = useFeedbackClient(options);
  const [value, setValue] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState<FeedbackStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  // The confirmed (server) state, for rollback; a ref so queued writes see the latest one.
  const confirmed = useRef<boolean | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  // Set by the first write: a stored vote that arrives after the user already acted must not undo it.
  const acted = useRef(false);
  const onSubmit = useRef(options.onSubmit);
  onSubmit.current = options.onSubmit;
  const token = feedbackToken ?? undefined;

  useEffect(() => {
    confirmed.current = null;
    setValue(null);
    setComment('');
    setStatus('idle');
    setError(null);
    acted.current = false;
    if (!traceId) return;
    const controller = new AbortController();
    client.getMyFeedback({ trace_id: traceId, user_id: userId, feedback_token: token }, { signal: controller.signal }).then(
      ({ feedback }) => {
        const mine = feedback[name];
        if (typeof mine?.value !== 'boolean' || acted.current) return;
        confirmed.current = mine.value;
        setValue(mine.value);
        setComment(mine.rationale ?? '');
        setStatus('submitted');
      },
      // No stored vote to show is not an error the user can act on: the buttons still work.
      () => undefined,
    );
    return () => controller.abort();
  }, [client, traceId, userId, token, name]);

  const write = useCallback(
    (next: boolean | null, text: string) => {
      if (!traceId) return;
      acted.current = true;
      const previous = confirmed.current;
      setValue(next);
      setStatus('submitting');
      setError(null);
      const idempotencyKey = newIdempotencyKey();
      const request = () => {
        if (next === null) return client.deleteFeedback({ trace_id: traceId, user_id: userId, name, feedback_token: token });
        const rationale = text === '' ? undefined : text;
        return name === 'user_feedback'
          ? client.sendFeedback({ trace_id: traceId, user_id: userId, is_correct: next, comment: rationale, feedback_token: token }, { idempotencyKey })
          : client.logFeedback({ trace_id: traceId, name, value: next, rationale, user_id: userId, feedback_token: token }, { idempotencyKey });
      };
      queue.current = queue.current.then(() =>
        request().then(
          () => {
            confirmed.current = next;
            setStatus(next === null ? 'idle' : 'submitted');
            onSubmit.current?.({ traceId, name, value: next, comment: text });
          },
          (failure: unknown) => {
            setValue(previous);
            setStatus('error');
            setError(messageOf(failure));
          },
        ),
      );
    },
    [client, traceId, userId, token, name],
  );

  return {
    value,
    comment,
    status,
    error,
    disabled: !traceId,
    vote(next) {
      // The comment belonged to the vote being replaced or undone.
      setComment('');
      write(next === value ? null : next, '');
    },
    setComment,
    submitComment() {
      if (value !== null) write(value, comment.trim());
    },
    undo() {
      setComment('');
      write(null, '');
    },
  };
}
