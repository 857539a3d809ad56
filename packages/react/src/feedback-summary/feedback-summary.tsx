import type { FeedbackSummary as Summary, SummaryBucket } from '@verdict/core';
import { useId } from 'react';
import type { ClientConnectionProps } from '../traces-table/use-verdict-client-prop';
import { RateChart, formatPercent } from './rate-chart';
import { useFeedbackSummary } from './use-feedback-summary';

/** Props of {@link FeedbackSummary}. */
export interface FeedbackSummaryProps extends ClientConnectionProps {
  /** Window start (ms since epoch); open when absent. */
  startTimeMs?: number;
  /** Window end, exclusive (ms since epoch); open when absent. */
  endTimeMs?: number;
  /** @default 'day' */
  bucket?: SummaryBucket;
  /** The heading above the figures. @default 'Feedback' */
  title?: string;
  className?: string;
}

/** Props of {@link FeedbackSummaryView}: a summary already loaded. */
export interface FeedbackSummaryViewProps {
  summary: Summary;
  bucket: SummaryBucket;
}

/** Dimension names as people write them: `user_accuracy` was stored as `accuracy`, shown "Accuracy". */
const titleCase = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, ' ');

/**
 * A loaded summary: headline figures, the rate chart (with its data table) and one bar per
 * rating dimension. For callers that fetch the summary themselves.
 * @example <FeedbackSummaryView summary={summary} bucket="hour" />
 */
export function FeedbackSummaryView({ summary, bucket }: FeedbackSummaryViewProps) {
  const dimensions = Object.entries(summary.dimensions);
  const dimensionsId = useId();
  const figures: [string, string][] = [
    ['Traces', String(summary.total_traces)],
    ['With feedback', String(summary.traces_with_feedback)],
    ['Feedback rate', formatPercent(summary.feedback_rate)],
    ['Positive rate', formatPercent(summary.positive_rate)],
    ['Thumbs up', String(summary.positive_count)],
    ['Thumbs down', String(summary.negative_count)],
  ];
  return (
    <>
      <dl className="vd-summary__figures">
        {figures.map(([name, value]) => (
          <div className="vd-summary__figure" key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {summary.total_traces === 0 ? <p className="vd-summary__empty">No traces in this window.</p> : <RateChart buckets={summary.buckets} bucket={bucket} />}
      {dimensions.length > 0 && (
        <section className="vd-summary__dimensions" aria-labelledby={dimensionsId}>
          <h3 id={dimensionsId}>Ratings (average, 0–1)</h3>
          <ul>
            {dimensions.map(([name, average]) => (
              <li key={name} className="vd-summary__dimension">
                <span className="vd-summary__dimension-name">{titleCase(name)}</span>
                <span className="vd-summary__bar" aria-hidden="true">
                  <span className="vd-summary__bar-fill" style={{ width: `${Math.max(0, Math.min(1, average)) * 100}%` }} />
                </span>
                <span className="vd-summary__dimension-value">{average.toFixed(2)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * The feedback figures of a time window from `GET /feedback/summary`: traces, feedback rate,
 * positive rate, thumbs counts, a small SVG chart of both rates per hour or day (with a data
 * table as its text alternative) and one bar per rating dimension. Needs a `VerdictProvider`,
 * a `client` or a `baseUrl`.
 * @example <FeedbackSummary baseUrl="/api" startTimeMs={Date.now() - 7 * 86_400_000} bucket="day" />
 */
export function FeedbackSummary(props: FeedbackSummaryProps) {
  const { startTimeMs, endTimeMs, bucket = 'day', title = 'Feedback', className, client, baseUrl } = props;
  const headingId = useId();
  const { summary, status, error, reload } = useFeedbackSummary({
    ...(startTimeMs === undefined ? {} : { start_time_ms: startTimeMs }),
    ...(endTimeMs === undefined ? {} : { end_time_ms: endTimeMs }),
    bucket,
    ...(client ? { client } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  });
  return (
    <section className={['vd-summary', className].filter(Boolean).join(' ')} aria-labelledby={headingId} data-status={status} aria-busy={status === 'loading'}>
      <h2 id={headingId} className="vd-summary__title">
        {title}
      </h2>
      {status === 'loading' && summary === undefined && (
        <p className="vd-summary__status" role="status">
          Loading feedback summary…
        </p>
      )}
      {status === 'error' && (
        <div className="vd-summary__error" role="alert">
          <span>{error}</span>
          <button type="button" className="vd-button" onClick={reload}>
            Retry
          </button>
        </div>
      )}
      {summary !== undefined && <FeedbackSummaryView summary={summary} bucket={bucket} />}
    </section>
  );
}
