import type { Span } from '@verdict/core';
import { chatTranscript, tokenCounts } from './chat-messages';
import { ChatTranscript } from './chat-transcript';
import { retrievedDocuments } from './documents';
import { DocumentsView } from './documents-view';
import { JsonTree } from './json-tree';

/** Props of {@link RequestResponseView}. */
export interface RequestResponseViewProps {
  /** The span whose inputs and outputs are shown (the root span shows the whole request). */
  span: Pick<Span, 'span_type' | 'inputs' | 'outputs' | 'attributes'>;
  /** Heading level of the "Inputs" / "Outputs" titles. @default 3 */
  headingLevel?: 2 | 3 | 4;
}

/**
 * A span's inputs and outputs, each in the form that reads best: a chat transcript with token
 * usage for chat model calls, documents for a retriever, else a collapsible JSON tree. The raw
 * JSON stays one click away. Reused by the labeling views.
 * @example <RequestResponseView span={rootSpan} />
 */
export function RequestResponseView({ span, headingLevel = 3 }: RequestResponseViewProps) {
  const Heading = `h${headingLevel}` as 'h3';
  const transcript = span.span_type === 'CHAT_MODEL' || span.span_type === 'LLM' ? chatTranscript(span) : null;
  const documents = span.span_type === 'RETRIEVER' ? retrievedDocuments(span.outputs) : null;
  if (transcript !== null) {
    return (
      <section className="vd-io" aria-label="Messages">
        <Heading className="vd-io__title">Messages</Heading>
        <ChatTranscript messages={transcript} usage={tokenCounts(span)} />
        <details className="vd-io__raw">
          <summary>Raw inputs and outputs</summary>
          <JsonTree value={span.inputs} label="Raw inputs" defaultOpenDepth={1} />
          <JsonTree value={span.outputs} label="Raw outputs" defaultOpenDepth={1} />
        </details>
      </section>
    );
  }
  return (
    <>
      <section className="vd-io" aria-label="Inputs">
        <Heading className="vd-io__title">Inputs</Heading>
        {span.inputs === undefined ? <p className="vd-muted">No inputs recorded.</p> : <JsonTree value={span.inputs} label="Inputs" />}
      </section>
      <section className="vd-io" aria-label="Outputs">
        <Heading className="vd-io__title">{documents === null ? 'Outputs' : 'Retrieved documents'}</Heading>
        {documents !== null ? (
          <DocumentsView documents={documents} />
        ) : span.outputs === undefined ? (
          <p className="vd-muted">No outputs recorded.</p>
        ) : (
          <JsonTree value={span.outputs} label="Outputs" />
        )}
      </section>
    </>
  );
}
