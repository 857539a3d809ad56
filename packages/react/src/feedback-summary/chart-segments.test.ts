import type { FeedbackSummaryBucket } from '@verdict/core';
import { describe, expect, it } from 'vitest';
import { chartSegments, hasVotes } from './chart-segments';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2023, 10, 14);

const bucketAt = (start_time_ms: number, positive_count = 1, negative_count = 1): FeedbackSummaryBucket => ({
  start_time_ms,
  total_traces: 2,
  traces_with_feedback: positive_count + negative_count > 0 ? 2 : 0,
  feedback_rate: positive_count + negative_count > 0 ? 100 : 0,
  positive_rate: positive_count + negative_count > 0 ? (positive_count / (positive_count + negative_count)) * 100 : 0,
  positive_count,
  negative_count,
});
const starts = (segments: FeedbackSummaryBucket[][]) => segments.map((segment) => segment.map((entry) => (entry.start_time_ms - T0) / HOUR));

describe('chartSegments', () => {
  it('keeps adjacent hours in one run and breaks where hours are missing', () => {
    const buckets = [0, 1, 2, 5, 6, 9].map((hour) => bucketAt(T0 + hour * HOUR));
    expect(starts(chartSegments(buckets, 'hour'))).toEqual([[0, 1, 2], [5, 6], [9]]);
  });

  it('measures gaps in the bucket size it is given', () => {
    const buckets = [0, 1, 3].map((day) => bucketAt(T0 + day * DAY));
    // By day: days 0 and 1 are adjacent, day 3 stands alone.
    expect(chartSegments(buckets, 'day').map((segment) => segment.length)).toEqual([2, 1]);
    // Read as hours, every step is a gap.
    expect(chartSegments(buckets, 'hour').map((segment) => segment.length)).toEqual([1, 1, 1]);
  });

  it('leaves out rejected buckets and breaks the run there', () => {
    const buckets = [bucketAt(T0), bucketAt(T0 + HOUR, 0, 0), bucketAt(T0 + 2 * HOUR), bucketAt(T0 + 3 * HOUR), bucketAt(T0 + 4 * HOUR, 0, 0)];
    expect(starts(chartSegments(buckets, 'hour', hasVotes))).toEqual([[0], [2, 3]]);
    expect(starts(chartSegments(buckets, 'hour'))).toEqual([[0, 1, 2, 3, 4]]);
  });

  it('gives no runs for no buckets or no votes', () => {
    expect(chartSegments([], 'day')).toEqual([]);
    expect(chartSegments([bucketAt(T0, 0, 0)], 'day', hasVotes)).toEqual([]);
  });
});
