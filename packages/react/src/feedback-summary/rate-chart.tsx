import type { FeedbackSummaryBucket, SummaryBucket } from '@verdict/core';
import { useId } from 'react';
import { chartSegments, hasVotes } from './chart-segments';

/** Props of {@link RateChart}. */
export interface RateChartProps {
  buckets: readonly FeedbackSummaryBucket[];
  bucket: SummaryBucket;
  /** Width and height of the drawing in SVG units (it scales to its box). @default 640 × 200 */
  width?: number;
  height?: number;
}

/** What the data table shows as the positive rate of a bucket without votes: there is no rate, not 0 %. */
const NO_VOTES = '—';

const PAD = { left: 36, right: 12, top: 10, bottom: 24 };

export function formatBucket(time: number, bucket: SummaryBucket): string {
  const iso = new Date(time).toISOString();
  return bucket === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A rate (0–100) as shown: one decimal, no trailing `.0`. */
export function formatPercent(rate: number): string {
  return `${Number(rate.toFixed(1))} %`;
}

/**
 * Feedback rate and positive rate per bucket as two lines on a 0–100 % scale, in plain SVG. Lines
 * break where buckets are missing (no traces) and the positive rate skips buckets without votes
 * (shown as "—" in the table) rather than drawing them as 0 %. The
 * drawing is an image with a title and summary; the same figures are in a data table below it,
 * the text alternative screen readers and keyboard users can read cell by cell.
 * @example <RateChart buckets={summary.buckets} bucket="day" />
 */
export function RateChart({ buckets, bucket, width = 640, height = 200 }: RateChartProps) {
  const id = useId();
  const innerWidth = width - PAD.left - PAD.right;
  const innerHeight = height - PAD.top - PAD.bottom;
  const first = buckets[0]?.start_time_ms ?? 0;
  const last = buckets[buckets.length - 1]?.start_time_ms ?? 0;
  const x = (time: number) => PAD.left + (last === first ? innerWidth / 2 : ((time - first) / (last - first)) * innerWidth);
  const y = (rate: number) => PAD.top + innerHeight - (rate / 100) * innerHeight;
  const points = (segment: readonly FeedbackSummaryBucket[], pick: (bucket: FeedbackSummaryBucket) => number) =>
    segment.map((entry) => `${x(entry.start_time_ms).toFixed(1)},${y(pick(entry)).toFixed(1)}`).join(' ');
  // One polyline per run of adjacent buckets: no line across hours/days without traces, and the
  // positive rate also breaks where a bucket had no votes (its 0 would be a placeholder, not a rate).
  const feedbackSegments = chartSegments(buckets, bucket);
  const positiveSegments = chartSegments(buckets, bucket, hasVotes);
  const span = buckets.length === 0 ? 'no data' : `${formatBucket(first, bucket)} to ${formatBucket(last, bucket)}`;
  return (
    <figure className="vd-summary__chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} className="vd-summary__svg">
        <title id={`${id}-title`}>Feedback rate and positive rate per {bucket}</title>
        <desc id={`${id}-desc`}>{`${buckets.length} ${bucket === 'day' ? 'days' : 'hours'} with traces, ${span}. The table below lists every value.`}</desc>
        {[0, 50, 100].map((rate) => (
          <g key={rate} className="vd-summary__grid">
            <line x1={PAD.left} x2={width - PAD.right} y1={y(rate)} y2={y(rate)} />
            <text x={PAD.left - 6} y={y(rate) + 4} textAnchor="end">
              {rate}%
            </text>
          </g>
        ))}
        {buckets.length > 0 && (
          <>
            <text className="vd-summary__axis" x={PAD.left} y={height - 6}>
              {formatBucket(first, bucket)}
            </text>
            {last !== first && (
              <text className="vd-summary__axis" x={width - PAD.right} y={height - 6} textAnchor="end">
                {formatBucket(last, bucket)}
              </text>
            )}
            {feedbackSegments.map((segment) => (
              <polyline
                key={segment[0]!.start_time_ms}
                className="vd-summary__line vd-summary__line--feedback"
                points={points(segment, (entry) => entry.feedback_rate)}
              />
            ))}
            {positiveSegments.map((segment) => (
              <polyline
                key={segment[0]!.start_time_ms}
                className="vd-summary__line vd-summary__line--positive"
                points={points(segment, (entry) => entry.positive_rate)}
              />
            ))}
            {buckets.map((entry) => (
              <g key={entry.start_time_ms}>
                <circle className="vd-summary__dot vd-summary__dot--feedback" cx={x(entry.start_time_ms)} cy={y(entry.feedback_rate)} r={3} />
                {hasVotes(entry) && (
                  <circle className="vd-summary__dot vd-summary__dot--positive" cx={x(entry.start_time_ms)} cy={y(entry.positive_rate)} r={3} />
                )}
              </g>
            ))}
          </>
        )}
      </svg>
      <figcaption className="vd-summary__legend">
        <span className="vd-summary__key vd-summary__key--feedback">Feedback rate</span>
        <span className="vd-summary__key vd-summary__key--positive">Positive rate</span>
      </figcaption>
      <details className="vd-summary__data">
        <summary>Data table</summary>
        <table className="vd-summary__table">
          <caption className="vd-visually-hidden">Feedback per {bucket}</caption>
          <thead>
            <tr>
              <th scope="col">{bucket === 'day' ? 'Day' : 'Hour'}</th>
              <th scope="col">Traces</th>
              <th scope="col">With feedback</th>
              <th scope="col">Feedback rate</th>
              <th scope="col">Positive rate</th>
              <th scope="col">👍</th>
              <th scope="col">👎</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((entry) => (
              <tr key={entry.start_time_ms}>
                <th scope="row">{formatBucket(entry.start_time_ms, bucket)}</th>
                <td>{entry.total_traces}</td>
                <td>{entry.traces_with_feedback}</td>
                <td>{formatPercent(entry.feedback_rate)}</td>
                <td>{hasVotes(entry) ? formatPercent(entry.positive_rate) : NO_VOTES}</td>
                <td>{entry.positive_count}</td>
                <td>{entry.negative_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
