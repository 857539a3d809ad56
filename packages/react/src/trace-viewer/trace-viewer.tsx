import type { AssessmentSource, VerdictClient } from '@verdict/core';
import { TraceView } from './trace-view';
import { useTrace } from './use-trace';

/** Props of {@link TraceViewer}. */
export interface TraceViewerProps {
  /** The trace to show; null or empty shows an empty state. */
  traceId: string | null | undefined;
  /** Hides every way to write assessments. @default false */
  readOnly?: boolean;
  /** Who is assessing (sent with writes); without it the server records HUMAN `anonymous`. */
  source?: AssessmentSource;
  /** A client to use instead of the nearest `VerdictProvider`'s. */
  client?: VerdictClient;
  /** Opens the add-assessment form at first. @default false */
  defaultAdding?: boolean;
  className?: string;
}

/**
 * Loads a trace (`GET /traces/:id`) and shows it: span tree with timing waterfall, span details
 * (inputs, outputs, documents, chat transcript, attributes, events, exception) and the
 * assessments panel, where new assessments appear without a reload. Classes `vd-trace*`.
 * @example
 * <VerdictProvider baseUrl="/api"><TraceViewer traceId={traceId} source={{ source_type: 'HUMAN', source_id: user.id }} /></VerdictProvider>
 */
export function TraceViewer({ traceId, readOnly, source, client, defaultAdding, className }: TraceViewerProps) {
  const state = useTrace(traceId, { client });
  const classes = ['vd-trace-viewer', className].filter(Boolean).join(' ');
  if (state.status === 'idle') {
    return (
      <div className={classes} data-state="idle">
        <p className="vd-muted">No trace selected.</p>
      </div>
    );
  }
  if (state.status === 'loading') {
    return (
      <div className={classes} data-state="loading" aria-busy="true">
        <p role="status" className="vd-muted">
          Loading trace…
        </p>
      </div>
    );
  }
  if (state.status === 'error' || state.trace === null) {
    return (
      <div className={classes} data-state="error">
        <div role="alert" className="vd-trace-viewer__error">
          <p>{state.notFound ? `Trace ${traceId ?? ''} was not found.` : `Could not load the trace: ${state.error?.message ?? 'unknown error'}`}</p>
        </div>
        {!state.notFound && (
          <button type="button" className="vd-button" onClick={state.reload}>
            Try again
          </button>
        )}
      </div>
    );
  }
  return (
    <div className={classes} data-state="ready">
      <TraceView
        // Another trace starts with its own selection and open subtrees.
        key={state.trace.info.trace_id}
        trace={state.trace}
        readOnly={readOnly}
        source={source}
        onAddAssessment={state.addAssessment}
        onOverrideAssessment={state.overrideAssessment}
        onDeleteAssessment={state.deleteAssessment}
        defaultAdding={defaultAdding}
      />
    </div>
  );
}
