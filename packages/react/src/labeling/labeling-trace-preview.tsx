import type { Trace } from '@verdict/core';
import { retrievedDocuments } from '../trace-viewer/documents';
import { DocumentsView } from '../trace-viewer/documents-view';
import { RequestResponseView } from '../trace-viewer/request-response-view';

/** Props of {@link LabelingTracePreview}. */
export interface LabelingTracePreviewProps {
  trace: Trace;
  className?: string;
}

/**
 * What a reviewer needs to judge an answer, read-only: the request and response (the root span,
 * through TraceViewer's request/response view) and every document a retriever span returned.
 * @example <LabelingTracePreview trace={trace} />
 */
export function LabelingTracePreview({ trace, className }: LabelingTracePreviewProps) {
  const spans = trace.data.spans;
  const root = spans.find((span) => span.parent_span_id === null) ?? spans[0];
  // The root's own view already lists its documents when the root is the retriever.
  const documents = spans.filter((span) => span.span_type === 'RETRIEVER' && span !== root).flatMap((span) => retrievedDocuments(span.outputs) ?? []);
  return (
    <div className={['vd-labeling-trace', className].filter(Boolean).join(' ')}>
      {root === undefined ? (
        <p className="vd-muted">
          Request: {trace.info.request_preview || '(none)'} · Response: {trace.info.response_preview || '(none)'}
        </p>
      ) : (
        <RequestResponseView span={root} headingLevel={3} />
      )}
      {documents.length > 0 && (
        <section className="vd-io" aria-label="Retrieved documents">
          <h3 className="vd-io__title">Retrieved documents</h3>
          <DocumentsView documents={documents} />
        </section>
      )}
    </div>
  );
}
