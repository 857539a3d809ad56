import { TraceViewer, TracesTable } from '@verdict/react';
import { useState } from 'react';
import { SendToReview } from './send-to-review';

/** The table with a checkbox per row, and the selection one click from a new labeling session. */
function TraceList() {
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <>
      <div className="traces__actions">
        <SendToReview traceIds={selected} />
      </div>
      <TracesTable onOpenTrace={(id) => (window.location.hash = `#/traces/${id}`)} defaultPageSize={50} selectable onSelectionChange={setSelected} />
    </>
  );
}

/**
 * The Traces page: every answer's trace in a table (rated, filtered, paged by the server); a row
 * opens `#/traces/<id>`, which shows that trace in the viewer, where assessments can be added.
 * Selected rows can be sent to a new labeling session for expert review.
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
      <TraceList />
    </section>
  );
}
