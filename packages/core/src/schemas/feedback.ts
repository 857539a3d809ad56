import * as z from 'zod/mini';
import { TraceIdSchema, SpanIdSchema } from './span';
import { AssessmentValueSchema, StringMapSchema } from './value';

const userId = z.string().check(z.minLength(1), z.maxLength(256));
const token = z.string().check(z.minLength(1), z.maxLength(1024));
const comment = z.string().check(z.maxLength(10_000));

/** Query of the MLflow-example form: `POST /feedback?trace_id=&user_id=`. */
export const SimpleFeedbackQuerySchema = z.object({
  trace_id: TraceIdSchema,
  user_id: z.optional(userId),
  feedback_token: z.optional(token),
});
export type SimpleFeedbackQuery = z.infer<typeof SimpleFeedbackQuerySchema>;

/** Body of the MLflow-example form: thumbs up/down with an optional comment. */
export const SimpleFeedbackBodySchema = z.strictObject({
  is_correct: z.boolean(),
  comment: z.optional(comment),
  feedback_token: z.optional(token),
});
export type SimpleFeedbackBody = z.infer<typeof SimpleFeedbackBodySchema>;

/** Body of the general form: any named feedback on a trace or one of its spans. */
export const GeneralFeedbackBodySchema = z.strictObject({
  trace_id: TraceIdSchema,
  name: z.string().check(z.minLength(1), z.maxLength(256)),
  value: AssessmentValueSchema,
  rationale: z.optional(comment),
  span_id: z.optional(SpanIdSchema),
  metadata: z.optional(StringMapSchema),
  user_id: z.optional(userId),
  feedback_token: z.optional(token),
});
export type GeneralFeedbackBody = z.infer<typeof GeneralFeedbackBodySchema>;

/** The 1–5 rating dimensions of `POST /detailed-feedback`. */
export const RATING_DIMENSIONS = ['accuracy', 'helpfulness', 'relevance'] as const;
export type RatingDimension = (typeof RATING_DIMENSIONS)[number];

const rating = z.coerce.number().check(z.int(), z.gte(1), z.lte(5));

/** Query of `POST /detailed-feedback` (query parameters, as in the documented MLflow example). */
export const DetailedFeedbackQuerySchema = z
  .object({
    trace_id: TraceIdSchema,
    accuracy: z.optional(rating),
    helpfulness: z.optional(rating),
    relevance: z.optional(rating),
    user_id: z.optional(userId),
    comment: z.optional(comment),
    feedback_token: z.optional(token),
  })
  .check(
    z.refine((query) => RATING_DIMENSIONS.some((dimension) => query[dimension] !== undefined), {
      message: `give at least one rating of ${RATING_DIMENSIONS.join(', ')} (1-5)`,
      path: ['accuracy'],
    }),
  );
export type DetailedFeedbackQuery = z.infer<typeof DetailedFeedbackQuerySchema>;

/** Answer of every feedback route. */
export const FeedbackResponseSchema = z.object({
  status: z.literal('success'),
  trace_id: z.string(),
  assessment_ids: z.optional(z.array(z.string())),
});
export type FeedbackResponse = z.infer<typeof FeedbackResponseSchema>;

/**
 * Maps a 1–5 rating onto 0–1 (1 → 0, 3 → 0.5, 5 → 1), so ratings and thumbs share one scale.
 * @example normalizeRating(4) // 0.75
 */
export function normalizeRating(rating: number): number {
  return (rating - 1) / 4;
}

/**
 * Query of `GET /feedback` (one user's own votes on a trace) and, with `name`, of
 * `DELETE /feedback` (undo one of them). Without `user_id` the user is `anonymous`.
 */
// The same three facts as a vote's query: which trace, who, and the token proving it was served.
export const MyFeedbackQuerySchema = SimpleFeedbackQuerySchema;
export type MyFeedbackQuery = z.infer<typeof MyFeedbackQuerySchema>;

/** Query of `DELETE /feedback`: which of the user's votes to undo. */
export const DeleteFeedbackQuerySchema = z.object({
  ...MyFeedbackQuerySchema.shape,
  name: z.string().check(z.minLength(1), z.maxLength(256)),
});
export type DeleteFeedbackQuery = z.infer<typeof DeleteFeedbackQuerySchema>;

/** One of the user's current votes, as `GET /feedback` answers it. */
export const MyFeedbackEntrySchema = z.object({
  assessment_id: z.string(),
  value: AssessmentValueSchema,
  rationale: z.optional(z.string()),
});
export type MyFeedbackEntry = z.infer<typeof MyFeedbackEntrySchema>;

/** Answer of `GET /feedback`: the user's valid end-user feedback (`user_feedback`, `user_<dimension>`) by name. */
export const MyFeedbackResponseSchema = z.object({
  trace_id: z.string(),
  feedback: z.record(z.string(), MyFeedbackEntrySchema),
});
export type MyFeedbackResponse = z.infer<typeof MyFeedbackResponseSchema>;

export { IDEMPOTENCY_KEY_HEADER } from './idempotency';
