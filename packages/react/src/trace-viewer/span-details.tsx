import type { JsonValue, Span } from '@verdict/core';
import { FoldedText } from './folded-text';
import { JsonTree } from './json-tree';
import { RequestResponseView } from './request-response-view';
import { formatDuration, spanDuration } from './span-tree-model';
import { SpanTypeBadge } from './span-type';

/** Props of {@link SpanDetails}. */
export interface SpanDetailsProps {
  span: Span;
  className?: string;
}

const text = (value: JsonValue | undefined) => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** What went wrong in a span: its ERROR status message and its `exception` events. */
function ExceptionView({ span }: { span: Span }) {
  const exceptions = span.events.filter((event) => event.name === 'exception');
  if (span.status.code !== 'ERROR' && exceptions.length === 0) return null;
  return (
    <section className="vd-exception" aria-label="Exception">
      <h3 className="vd-io__title">Exception</h3>
      {span.status.code === 'ERROR' && <p className="vd-exception__message">{span.status.message ?? 'The span failed.'}</p>}
      {exceptions.map((event, index) => (
        <div key={index} className="vd-exception__event">
          <p>
            <strong>{text(event.attributes['exception.type']) || 'Error'}</strong>: {text(event.attributes['exception.message'])}
          </p>
          {event.attributes['exception.stacktrace'] !== undefined && (
            <pre className="vd-exception__stack">
              <FoldedText text={text(event.attributes['exception.stacktrace'])} limit={1200} />
            </pre>
          )}
        </div>
      ))}
    </section>
  );
}

/**
 * Everything about one span: type, timing, status, inputs and outputs (as transcript or
 * documents when they are), exception, attributes and events. All rendered as text.
 * @example <SpanDetails span={selectedSpan} />
 */
export function SpanDetails({ span, className }: SpanDetailsProps) {
  const attributes = Object.keys(span.attributes).length > 0;
  return (
    <article className={['vd-span-details', className].filter(Boolean).join(' ')} aria-label={`Span ${span.name}`} data-status={span.status.code}>
      <header className="vd-span-details__header">
        <h2 className="vd-span-details__name">{span.name}</h2>
        <p className="vd-span-details__facts">
          <SpanTypeBadge type={span.span_type} /> · {formatDuration(spanDuration(span))} · <span className="vd-status" data-status={span.status.code}>{span.status.code}</span>
        </p>
      </header>
      <ExceptionView span={span} />
      <RequestResponseView span={span} />
      <section className="vd-io" aria-label="Attributes">
        <h3 className="vd-io__title">Attributes</h3>
        {attributes ? <JsonTree value={span.attributes} label="Attributes" defaultOpenDepth={1} /> : <p className="vd-muted">No attributes.</p>}
      </section>
      {span.events.length > 0 && (
        <section className="vd-io" aria-label="Events">
          <h3 className="vd-io__title">Events</h3>
          <ol className="vd-events">
            {span.events.map((event, index) => (
              <li key={index}>
                <span className="vd-events__name">{event.name}</span> <span className="vd-muted">+{formatDuration(event.time_ms - span.start_time_ms)}</span>
                {Object.keys(event.attributes).length > 0 && <JsonTree value={event.attributes} label={`Event ${event.name}`} defaultOpenDepth={0} />}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
