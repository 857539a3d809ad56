import type { RatingDimension } from '@verdict/core';
import { forwardRef } from 'react';
import { Feedback, useFeedbackPart } from './feedback';
import { StarRating } from './star-rating';
import type { FeedbackSubmission } from './use-feedback';
import type { FeedbackConnectionProps } from './use-feedback-client';

/** Texts of {@link FeedbackButtons}; every one can be replaced (e.g. translated). */
export interface FeedbackLabels {
  /** Accessible name of 👍. @default 'Good answer' */
  positive: string;
  /** Accessible name of 👎. @default 'Bad answer' */
  negative: string;
  /** @default 'Tell us more (optional)' */
  comment: string;
  /** @default 'Send comment' */
  submitComment: string;
  /** @default 'Thanks for your feedback' */
  submitted: string;
  /** @default 'Rate this answer' */
  group: string;
}

const DEFAULT_LABELS: FeedbackLabels = {
  positive: 'Good answer',
  negative: 'Bad answer',
  comment: 'Tell us more (optional)',
  submitComment: 'Send comment',
  submitted: 'Thanks for your feedback',
  group: 'Rate this answer',
};

/** Props of {@link FeedbackButtons}. */
export interface FeedbackButtonsProps extends FeedbackConnectionProps {
  traceId?: string | null;
  feedbackToken?: string | null;
  userId?: string;
  labels?: Partial<FeedbackLabels>;
  /** Called after each stored thumbs vote, comment or undo (thumbs variant). */
  onSubmit?: (submission: FeedbackSubmission) => void;
  /** Thumbs (`user_feedback`) or 1–5 stars (`/detailed-feedback`). @default 'thumbs' */
  variant?: 'thumbs' | 'stars';
  /** Rated dimensions, one row of stars each (implies stars). @default ['helpfulness'] with variant 'stars' */
  dimensions?: readonly RatingDimension[];
  className?: string;
}

function classes(...names: (string | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

function ThumbsStatus({ labels }: { labels: FeedbackLabels }) {
  const { status, error } = useFeedbackPart();
  if (status === 'error') {
    return (
      <p role="alert" className="vd-feedback__error">
        {error}
      </p>
    );
  }
  return (
    <p role="status" className="vd-feedback__status">
      {status === 'submitted' ? labels.submitted : ''}
    </p>
  );
}

/**
 * Ready-made feedback for one answer: 👍/👎 toggles with a comment box after a vote, or stars.
 * Disabled until it has a trace id; reads the user's vote back after a reload. Classes `vd-feedback*`.
 * @example <FeedbackButtons traceId={message.trace_id} feedbackToken={message.feedback_token} userId="u1" />
 * @example <FeedbackButtons traceId={id} dimensions={['accuracy', 'helpfulness']} />
 */
export const FeedbackButtons = /* @__PURE__ */ forwardRef<HTMLDivElement, FeedbackButtonsProps>(function FeedbackButtons(props, ref) {
  const { traceId, feedbackToken, userId, onSubmit, variant = 'thumbs', dimensions, className, client, baseUrl } = props;
  const labels = { ...DEFAULT_LABELS, ...props.labels };
  const connection = { traceId, feedbackToken, userId, client, baseUrl };
  if (variant === 'stars' || dimensions !== undefined) {
    return (
      <div ref={ref} role="group" aria-label={labels.group} className={classes('vd-feedback', 'vd-feedback--stars', className)}>
        {(dimensions ?? ['helpfulness']).map((dimension) => (
          <StarRating key={dimension} {...connection} dimension={dimension} />
        ))}
      </div>
    );
  }
  return (
    <Feedback.Root ref={ref} {...connection} onSubmit={onSubmit} aria-label={labels.group} className={classes('vd-feedback', className)}>
      <div className="vd-feedback__buttons">
        <Feedback.Positive className="vd-feedback__button" aria-label={labels.positive} title={labels.positive}>
          <span aria-hidden="true">👍</span>
        </Feedback.Positive>
        <Feedback.Negative className="vd-feedback__button" aria-label={labels.negative} title={labels.negative}>
          <span aria-hidden="true">👎</span>
        </Feedback.Negative>
      </div>
      <Feedback.Comment className="vd-feedback__comment" label={labels.comment} submitLabel={labels.submitComment} />
      <ThumbsStatus labels={labels} />
    </Feedback.Root>
  );
});
