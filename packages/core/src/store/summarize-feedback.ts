import type { FeedbackFigures, FeedbackSummary, FeedbackSummaryBucket, ParsedFeedbackSummaryQuery, SummaryBucket } from '../schemas/feedback-summary';
import type { TraceInfo } from '../schemas/trace';
import { isLabelingCopy } from './labeling-copy';

const BUCKET_MS: Record<SummaryBucket, number> = { hour: 3_600_000, day: 86_400_000 };
const VOTE = 'user_feedback';
const DIMENSION_PREFIX = 'user_';

/** Running counts of one bucket (or of the whole window). */
interface Counts {
  total: number;
  withFeedback: number;
  positive: number;
  negative: number;
}

const emptyCounts = (): Counts => ({ total: 0, withFeedback: 0, positive: 0, negative: 0 });

/** A percentage, 0 (not NaN) when there is nothing to divide by. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}

function figuresOf(counts: Counts): FeedbackFigures {
  return {
    total_traces: counts.total,
    traces_with_feedback: counts.withFeedback,
    feedback_rate: percent(counts.withFeedback, counts.total),
    positive_rate: percent(counts.positive, counts.positive + counts.negative),
    positive_count: counts.positive,
    negative_count: counts.negative,
  };
}

/**
 * Adds one trace to `counts` and its numeric `user_<dimension>` values to `dimensions`
 * (sum, count). Only valid feedback counts: an overridden vote was replaced by its override.
 */
function addTrace(info: TraceInfo, counts: Counts[], dimensions: Map<string, [number, number]>): void {
  let votes = 0;
  let positive = 0;
  for (const assessment of info.assessments) {
    if (!assessment.valid || assessment.feedback === undefined) continue;
    const name = assessment.assessment_name;
    if (!name.startsWith(DIMENSION_PREFIX)) continue;
    const value = assessment.feedback.value;
    if (name === VOTE) {
      if (typeof value !== 'boolean') continue;
      votes += 1;
      if (value) positive += 1;
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      const dimension = name.slice(DIMENSION_PREFIX.length);
      const sums = dimensions.get(dimension);
      if (sums === undefined) dimensions.set(dimension, [value, 1]);
      else {
        sums[0] += value;
        sums[1] += 1;
      }
    }
  }
  for (const target of counts) {
    target.total += 1;
    if (votes > 0) target.withFeedback += 1;
    target.positive += positive;
    target.negative += votes - positive;
  }
}

/**
 * Computes `GET /feedback/summary` over trace infos (with their assessments), as every store must
 * answer it — the reference that `memoryStore` uses and the JSON store feeds from its index.
 *
 * Definitions (those of MLflow's feedback-analysis example, made precise where it is silent):
 * - a trace is in the window when `start_time_ms <= request_time < end_time_ms`;
 * - labeling copies (tag `verdict.labeling_copy`) are not app traffic and never count: a copy keeps
 *   its original's request_time, so counting it would count that request twice;
 * - a vote is a *valid* `user_feedback` feedback with a boolean value: overridden votes no longer
 *   count, and every valid vote counts, so three users rating one trace are three votes;
 * - `traces_with_feedback` counts a trace once however many votes it has, `feedback_rate` =
 *   `traces_with_feedback / total_traces × 100`;
 * - `positive_rate` = `positive_count / (positive_count + negative_count) × 100`, which is MLflow's
 *   "positive / traces with feedback" when each trace has one vote and stays within 0–100 when not;
 * - `dimensions` averages every valid finite numeric `user_<dimension>` feedback by dimension;
 * - buckets are UTC hours or days, oldest first, and only those holding a trace are listed;
 * - an empty window gives zeros (never NaN), no dimensions and no buckets.
 * @example summarizeFeedback(infos, FeedbackSummaryQuerySchema.parse({ bucket: 'hour' }))
 */
export function summarizeFeedback(infos: Iterable<TraceInfo>, query: ParsedFeedbackSummaryQuery): FeedbackSummary {
  const { start_time_ms: start, end_time_ms: end } = query;
  const size = BUCKET_MS[query.bucket];
  const whole = emptyCounts();
  const buckets = new Map<number, Counts>();
  const dimensions = new Map<string, [number, number]>();
  const both: Counts[] = [whole, whole];
  for (const info of infos) {
    if (isLabelingCopy(info)) continue;
    const time = info.request_time;
    if ((start !== undefined && time < start) || (end !== undefined && time >= end)) continue;
    const at = Math.floor(time / size) * size;
    let bucket = buckets.get(at);
    if (bucket === undefined) buckets.set(at, (bucket = emptyCounts()));
    both[1] = bucket;
    addTrace(info, both, dimensions);
  }
  const sorted: FeedbackSummaryBucket[] = [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start_time_ms, counts]) => ({ start_time_ms, ...figuresOf(counts) }));
  // Null prototype: a `user___proto__` feedback is a dimension named `__proto__`, not a prototype.
  const averages: Record<string, number> = Object.create(null);
  for (const [dimension, [sum, count]] of [...dimensions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    averages[dimension] = sum / count;
  }
  return { ...figuresOf(whole), dimensions: averages, buckets: sorted };
}
