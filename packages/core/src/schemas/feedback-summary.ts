import * as z from 'zod/mini';

// Query strings carry numbers as text (see search.ts for why the input is typed `number | string`).
const queryInt = () => z.coerce.number<number | string>().check(z.int());

/** How `GET /feedback/summary` groups traces over time: UTC hours or UTC days. */
export const SummaryBucketSchema = z.enum(['hour', 'day']);
export type SummaryBucket = z.infer<typeof SummaryBucketSchema>;

/** What `GET /feedback/summary` and `store.traces.summary()` take. */
export const FeedbackSummaryQuerySchema = z
  .strictObject({
    /** Only traces whose request started at or after this time (ms since epoch). */
    start_time_ms: z.optional(queryInt().check(z.nonnegative())),
    /** Only traces whose request started before this time (ms since epoch, exclusive). */
    end_time_ms: z.optional(queryInt().check(z.nonnegative())),
    /** @default 'day' */
    bucket: z._default(SummaryBucketSchema, 'day'),
  })
  .check(
    z.refine(
      (query) => query.start_time_ms === undefined || query.end_time_ms === undefined || query.start_time_ms <= query.end_time_ms,
      { message: 'start_time_ms must not be after end_time_ms', path: ['end_time_ms'] },
    ),
  );
export type FeedbackSummaryQuery = z.input<typeof FeedbackSummaryQuerySchema>;
export type ParsedFeedbackSummaryQuery = z.output<typeof FeedbackSummaryQuerySchema>;

/** The feedback figures of a set of traces; rates are percentages (0–100), 0 when nothing was counted. */
export const FeedbackFiguresSchema = z.object({
  /** Traces whose request started in the window (or bucket). */
  total_traces: z.number(),
  /** Traces with at least one valid boolean `user_feedback`, each counted once. */
  traces_with_feedback: z.number(),
  /** `traces_with_feedback / total_traces × 100`. */
  feedback_rate: z.number(),
  /** `positive_count / (positive_count + negative_count) × 100`: per vote, so several voters on one trace each count. */
  positive_rate: z.number(),
  /** Valid `user_feedback: true` votes. */
  positive_count: z.number(),
  /** Valid `user_feedback: false` votes. */
  negative_count: z.number(),
});
export type FeedbackFigures = z.infer<typeof FeedbackFiguresSchema>;

/** One time bucket of a summary: the figures of the traces whose request started in it. */
export const FeedbackSummaryBucketSchema = z.object({
  /** Where the bucket starts (ms since epoch, a UTC hour or day boundary). */
  start_time_ms: z.number(),
  ...FeedbackFiguresSchema.shape,
});
export type FeedbackSummaryBucket = z.infer<typeof FeedbackSummaryBucketSchema>;

/** The answer of `GET /feedback/summary`. */
export const FeedbackSummarySchema = z.object({
  ...FeedbackFiguresSchema.shape,
  /** Average of the valid numeric `user_<dimension>` feedback (0–1, from `/detailed-feedback`), by dimension. */
  dimensions: z.record(z.string(), z.number()),
  /** Buckets holding at least one trace, oldest first; empty buckets are left out rather than shown as a 0 % rate. */
  buckets: z.array(FeedbackSummaryBucketSchema),
});
export type FeedbackSummary = z.infer<typeof FeedbackSummarySchema>;
