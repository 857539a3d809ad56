import type { FeedbackClient, MyFeedbackEntry, MyFeedbackQuery } from '@verdict/core';
import { useEffect, useRef, useState } from 'react';
import { messageOf, newIdempotencyKey, useFeedbackClient } from './use-feedback-client';
import type { FeedbackConnectionProps } from './use-feedback-client';

/** Where a feedback request is. */
export type FeedbackStatus = 'idle' | 'submitting' | 'submitted' | 'error';

/** What a {@link StoredVoteOptions.send} call writes. */
export interface VoteWrite<T> {
  client: FeedbackClient;
  /** The trace, user and feedback token: the part every feedback route takes. */
  target: MyFeedbackQuery;
  value: T;
  /** Empty when the vote comes without one. */
  comment: string;
  idempotencyKey: string;
}

/** Options of {@link useStoredVote}: what one kind of vote adds to the shared behaviour. */
export interface StoredVoteOptions<T, S> extends FeedbackConnectionProps {
  traceId?: string | null;
  feedbackToken?: string | null;
  userId?: string;
  /** The name the vote is stored, read back and undone under. */
  name: string;
  /**
   * The value shown for the stored vote, or undefined when it is not a vote of this kind. Pass a
   * function defined once (module level): a new one restarts the read.
   */
  fromStored: (stored: MyFeedbackEntry) => T | undefined;
  /** Writes a vote to its endpoint; an undo is the same `DELETE` for every kind, so it is done here. */
  send: (write: VoteWrite<T>) => Promise<unknown>;
  /** What `onSubmit` hears of a confirmed write; it sees the options of the render that wrote. */
  submission: (traceId: string, value: T | null, comment: string) => S;
  onSubmit?: (submission: S) => void;
}

/** What {@link useStoredVote} returns. */
export interface StoredVote<T> {
  /** Optimistic while submitting, rolled back to the last confirmed value on failure. */
  value: T | null;
  /** The stored vote's rationale once read; otherwise whatever the caller set. */
  comment: string;
  setComment(comment: string): void;
  status: FeedbackStatus;
  error: string | null;
  /** True without a trace id: there is nothing to vote on yet. */
  disabled: boolean;
  /** Stores `next` (null deletes the vote), optimistically; writes run one at a time, in order. */
  write(next: T | null, comment?: string): void;
}

/**
 * The behaviour every end-user vote shares, whatever its value: reads the user's stored vote on
 * mount (ignored once the user acted), shows writes optimistically and rolls a failed one back to
 * the confirmed server value, queues writes so they run in order, and gives each attempt its own
 * idempotency key. Internal: {@link useFeedback} and {@link useRating} are built on it.
 * @example
 * const vote = useStoredVote({ traceId, userId, name: 'user_feedback', fromStored, send, submission });
 * vote.write(true);
 */
export function useStoredVote<T, S>(options: StoredVoteOptions<T, S>): StoredVote<T> {
  const { traceId, feedbackToken, userId, name, fromStored } = options;
  const client = useFeedbackClient(options);
  const [value, setValue] = useState<T | null>(null);
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState<FeedbackStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  // The confirmed (server) state, for rollback; a ref so queued writes see the latest one.
  const confirmed = useRef<T | null>(null);
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
        if (mine === undefined || acted.current) return;
        const stored = fromStored(mine);
        if (stored === undefined) return;
        confirmed.current = stored;
        setValue(stored);
        setComment(mine.rationale ?? '');
        setStatus('submitted');
      },
      // No stored vote to show is not an error the user can act on: the controls still work.
      () => undefined,
    );
    return () => controller.abort();
  }, [client, traceId, userId, token, name, fromStored]);

  // Rebuilt each render on purpose: a queued write keeps the trace, name and `send` it was made with.
  const write = (next: T | null, text = '') => {
    if (!traceId) return;
    acted.current = true;
    const previous = confirmed.current;
    setValue(next);
    setStatus('submitting');
    setError(null);
    const idempotencyKey = newIdempotencyKey();
    const target = { trace_id: traceId, user_id: userId, feedback_token: token };
    const { send, submission } = options;
    const request = () =>
      next === null ? client.deleteFeedback({ ...target, name }) : send({ client, target, value: next, comment: text, idempotencyKey });
    queue.current = queue.current.then(() =>
      request().then(
        () => {
          confirmed.current = next;
          setStatus(next === null ? 'idle' : 'submitted');
          onSubmit.current?.(submission(traceId, next, text));
        },
        (failure: unknown) => {
          setValue(previous);
          setStatus('error');
          setError(messageOf(failure));
        },
      ),
    );
  };

  return { value, comment, setComment, status, error, disabled: !traceId, write };
}
