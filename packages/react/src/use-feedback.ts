import type { MyFeedbackEntry } from '@verdict/core';
import type { FeedbackConnectionProps } from './use-feedback-client';
import { useStoredVote } from './use-stored-vote';
import type { FeedbackStatus } from './use-stored-vote';

export type { FeedbackStatus } from './use-stored-vote';

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

/** Only a boolean is a thumbs vote; any other value stored under the name is not shown. */
function thumbOf({ value }: MyFeedbackEntry): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
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
  const { name = 'user_feedback' } = options;
  const { value, comment, setComment, status, error, disabled, write } = useStoredVote({
    ...options,
    name,
    fromStored: thumbOf,
    send: ({ client, target: { trace_id, ...voter }, value: next, comment: text, idempotencyKey }) => {
      const rationale = text === '' ? undefined : text;
      return name === 'user_feedback'
        ? client.sendFeedback({ trace_id, ...voter, is_correct: next, comment: rationale }, { idempotencyKey })
        : client.logFeedback({ trace_id, name, value: next, rationale, ...voter }, { idempotencyKey });
    },
    submission: (traceId, next, text): FeedbackSubmission => ({ traceId, name, value: next, comment: text }),
  });

  return {
    value,
    comment,
    status,
    error,
    disabled,
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
