import { TraceViewer, TracesTable } from '@verdict/react';

/**
 * The Traces page: every answer's trace in a table (rated, filtered, paged by the server); a row
 * opens `#/traces/<id>`, which shows that trace in the viewer, where assessments can be added.
 */
export function TracesPage({ traceId, userId }: { traceId?: string; userId: string }) {
  if (traceId !== undefined) {
    return (
      <section>
        <p>
          <a href="#/traces">← All traces</a>
        </p>
        {/* The viewer titles itself with the trace id. */}
        <TraceViewer traceId={traceId} source={{ source_type: 'HUMAN', source_id: userId }} />
      </section>
    );
  }
  return (
    <section aria-labelledby="traces-heading">
      <h2 id="traces-heading">Traces</h2>
      <TracesTable onOpenTrace={(id) => (window.location.hash = `#/traces/${id}`)} defaultPageSize={50} />
    </section>
  );
}
