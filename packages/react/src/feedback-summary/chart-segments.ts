import type { FeedbackSummaryBucket, SummaryBucket } from '@verdict/core';

/** How long one bucket lasts, in ms. Buckets are UTC hours or UTC days, so no DST shifts. */
export const BUCKET_MS: Record<SummaryBucket, number> = { hour: 3_600_000, day: 86_400_000 };

/** True when a bucket holds votes, so its positive rate means something (otherwise it is a placeholder 0). */
export function hasVotes(entry: FeedbackSummaryBucket): boolean {
  return entry.positive_count + entry.negative_count > 0;
}

/**
 * Splits buckets (oldest first) into runs a chart may join with one line: a run ends where the
 * next bucket does not follow directly (the summary leaves out buckets without traces, so a
 * larger step is a gap) or where `include` rejects a bucket (e.g. no votes, so no positive rate).
 * Drawing each run separately keeps a line from bridging hours nobody used or dipping to 0 %.
 * @example chartSegments(summary.buckets, 'hour', hasVotes) // [[b0, b1], [b3]]
 */
export function chartSegments(
  buckets: readonly FeedbackSummaryBucket[],
  bucket: SummaryBucket,
  include: (entry: FeedbackSummaryBucket) => boolean = () => true,
): FeedbackSummaryBucket[][] {
  const step = BUCKET_MS[bucket];
  const segments: FeedbackSummaryBucket[][] = [];
  let current: FeedbackSummaryBucket[] = [];
  let previous: FeedbackSummaryBucket | undefined;
  for (const entry of buckets) {
    const follows = previous !== undefined && entry.start_time_ms - previous.start_time_ms <= step;
    if (!follows || !include(entry)) {
      if (current.length > 0) segments.push(current);
      current = [];
    }
    if (include(entry)) current.push(entry);
    previous = entry;
  }
  if (current.length > 0) segments.push(current);
  return segments;
}
