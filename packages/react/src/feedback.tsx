import { createContext, forwardRef, useContext, useId } from 'react';
import type { ButtonHTMLAttributes, FormHTMLAttributes, HTMLAttributes } from 'react';
import { useFeedback } from './use-feedback';
import type { UseFeedbackOptions, UseFeedbackResult } from './use-feedback';

// Marked pure (here and on every forwardRef) so bundlers drop the components an app does not use.
const FeedbackContext = /* @__PURE__ */ createContext<UseFeedbackResult | null>(null);

function useFeedbackContext(part: string): UseFeedbackResult {
  const feedback = useContext(FeedbackContext);
  if (feedback === null) throw new Error(`<Feedback.${part}> must be inside <Feedback.Root>.`);
  return feedback;
}

/** Props of {@link FeedbackRoot}: {@link useFeedback}'s options and a `div`'s attributes. */
export type FeedbackRootProps = UseFeedbackOptions & Omit<HTMLAttributes<HTMLDivElement>, 'onSubmit'>;

/**
 * Holds one answer's vote for the parts inside it; a `role="group"` with `data-state` (the
 * request status) and `data-disabled` when there is no trace id yet.
 * @example <Feedback.Root traceId={id} feedbackToken={token} aria-label="Rate this answer">…</Feedback.Root>
 */
export const FeedbackRoot = /* @__PURE__ */ forwardRef<HTMLDivElement, FeedbackRootProps>(function FeedbackRoot(props, ref) {
  const { traceId, feedbackToken, userId, name, onSubmit, client, baseUrl, children, ...rest } = props;
  const feedback = useFeedback({ traceId, feedbackToken, userId, name, onSubmit, client, baseUrl });
  return (
    <FeedbackContext.Provider value={feedback}>
      <div role="group" ref={ref} data-state={feedback.status} data-disabled={feedback.disabled ? '' : undefined} {...rest}>
        {children}
      </div>
    </FeedbackContext.Provider>
  );
});

/** Props of the vote buttons: a `button`'s attributes. */
export type FeedbackVoteProps = ButtonHTMLAttributes<HTMLButtonElement>;

function voteButton(vote: boolean, part: string) {
  return forwardRef<HTMLButtonElement, FeedbackVoteProps>(function FeedbackVote({ onClick, disabled, ...rest }, ref) {
    const feedback = useFeedbackContext(part);
    const pressed = feedback.value === vote;
    return (
      <button
        type="button"
        ref={ref}
        aria-pressed={pressed}
        data-state={pressed ? 'on' : 'off'}
        disabled={disabled === true || feedback.disabled}
        onClick={(event) => {
          onClick?.(event);
          if (!event.defaultPrevented) feedback.vote(vote);
        }}
        {...rest}
      />
    );
  });
}

/**
 * The 👍 toggle: `aria-pressed` when voted up; pressing it again undoes the vote.
 * @example <Feedback.Positive aria-label="Good answer">👍</Feedback.Positive>
 */
export const FeedbackPositive = /* @__PURE__ */ voteButton(true, 'Positive');
/**
 * The 👎 toggle: `aria-pressed` when voted down; pressing it again undoes the vote.
 * @example <Feedback.Negative aria-label="Bad answer">👎</Feedback.Negative>
 */
export const FeedbackNegative = /* @__PURE__ */ voteButton(false, 'Negative');

/** Props of {@link FeedbackComment}. */
export interface FeedbackCommentProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'children'> {
  /** @default 'Tell us more (optional)' */
  label?: string;
  /** @default 'Send comment' */
  submitLabel?: string;
  placeholder?: string;
  /** Shows the box before a vote too. @default false */
  forceMount?: boolean;
}

/**
 * A comment box sent with the current vote (as an override of it); it appears once there is a
 * vote, unless `forceMount`.
 * @example <Feedback.Comment label="What was wrong?" />
 */
export const FeedbackComment = /* @__PURE__ */ forwardRef<HTMLFormElement, FeedbackCommentProps>(function FeedbackComment(props, ref) {
  const { label = 'Tell us more (optional)', submitLabel = 'Send comment', placeholder, forceMount = false, onSubmit, ...rest } = props;
  const feedback = useFeedbackContext('Comment');
  const id = useId();
  if (feedback.value === null && !forceMount) return null;
  const busy = feedback.status === 'submitting';
  return (
    <form
      ref={ref}
      data-state={feedback.status}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit?.(event);
        feedback.submitComment();
      }}
      {...rest}
    >
      <label htmlFor={id}>{label}</label>
      <textarea id={id} value={feedback.comment} placeholder={placeholder} onChange={(event) => feedback.setComment(event.target.value)} />
      <button type="submit" disabled={busy || feedback.value === null || feedback.comment.trim() === ''}>
        {submitLabel}
      </button>
    </form>
  );
});

/**
 * The headless thumbs feedback parts: compose them, style them, or use `<FeedbackButtons>`.
 * @example
 * <Feedback.Root traceId={id} feedbackToken={token}>
 *   <Feedback.Positive aria-label="Good">👍</Feedback.Positive>
 *   <Feedback.Negative aria-label="Bad">👎</Feedback.Negative>
 *   <Feedback.Comment />
 * </Feedback.Root>
 */
export const Feedback = { Root: FeedbackRoot, Positive: FeedbackPositive, Negative: FeedbackNegative, Comment: FeedbackComment };

/**
 * The feedback state of the nearest `<Feedback.Root>`, for custom parts (status lines, undo links).
 * @example const { status, undo } = useFeedbackPart()
 */
export function useFeedbackPart(): UseFeedbackResult {
  return useFeedbackContext('Part');
}
