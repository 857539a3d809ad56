import { HttpError } from '@verdict/core';
import type { LabelingSession } from '@verdict/core';
import { AdjudicationPanel, LabelingQueue, useReviewClient } from '@verdict/react';
import { useEffect, useState } from 'react';

const problem = (error: unknown) => (error instanceof Error ? error.message : String(error));

function SessionPicker() {
  const review = useReviewClient();
  const [state, setState] = useState<{ sessions: LabelingSession[] } | { error: string } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    review.listLabelingSessions({ signal: controller.signal }).then(
      ({ labeling_sessions }) => setState({ sessions: labeling_sessions }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ error: problem(error) });
      },
    );
    return () => controller.abort();
  }, [review]);
  if (state === null) return <p>Loading sessions…</p>;
  if ('error' in state) return <p role="alert">Could not list the sessions: {state.error}</p>;
  if (state.sessions.length === 0) {
    return <p>No labeling sessions for you yet. A developer creates them from the Traces page (select traces, then Send to review).</p>;
  }
  return (
    <ul className="review__sessions" aria-label="Labeling sessions">
      {state.sessions.map((session) => (
        <li key={session.labeling_session_id}>
          <a href={`#/review/${session.labeling_session_id}`}>{session.name}</a>{' '}
          <span className="page__note">
            {session.progress.completed} / {session.progress.total} labeled
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Developers copy the session's expectation labels into a dataset (the ground truth for evaluations). */
function SyncToDataset({ sessionId }: { sessionId: string }) {
  const review = useReviewClient();
  const [name, setName] = useState('reviewed-answers');
  const [status, setStatus] = useState('');
  const sync = async () => {
    setStatus('Syncing…');
    try {
      // A dataset is made once; later syncs merge into it (same inputs, same record).
      await review.getDataset(name).catch(async (error: unknown) => {
        if (error instanceof HttpError && error.status === 404) return review.createDataset({ name });
        throw error;
      });
      const { inserted, updated } = await review.syncExpectations(sessionId, name);
      setStatus(`Synced to ${name}: ${inserted} inserted, ${updated} updated.`);
    } catch (error) {
      setStatus(`Could not sync: ${problem(error)}`);
    }
  };
  return (
    <form
      className="review__sync"
      aria-label="Sync expectations to a dataset"
      onSubmit={(event) => {
        event.preventDefault();
        void sync();
      }}
    >
      <label htmlFor="review-dataset">Dataset</label>
      <input id="review-dataset" value={name} onChange={(event) => setName(event.target.value)} />
      <button type="submit">Sync expectations</button>
      <p role="status">{status}</p>
    </form>
  );
}

function SessionView({ sessionId }: { sessionId: string }) {
  const [showDisagreements, setShowDisagreements] = useState(false);
  return (
    <>
      <p>
        <a href="#/review">← All sessions</a>
      </p>
      <LabelingQueue sessionId={sessionId} />
      <section className="review__tools" aria-labelledby="review-tools">
        <h3 id="review-tools">Developer tools</h3>
        <SyncToDataset sessionId={sessionId} />
        <button type="button" aria-expanded={showDisagreements} onClick={() => setShowDisagreements((open) => !open)}>
          {showDisagreements ? 'Hide disagreements' : 'Show disagreements'}
        </button>
        {showDisagreements && <AdjudicationPanel sessionId={sessionId} />}
      </section>
    </>
  );
}

/**
 * The Review page: pick a labeling session at `#/review`, label it at `#/review/<id>` with the
 * keyboard-first queue, then sync its expectations into a dataset or settle disagreements. Who
 * is asking comes from the one sign-in in the page header (see `sign-in.tsx`).
 */
export function ReviewPage({ sessionId }: { sessionId?: string }) {
  return (
    <section aria-labelledby="review-heading" className="review">
      <h2 id="review-heading">Review</h2>
      {sessionId === undefined ? <SessionPicker /> : <SessionView sessionId={sessionId} />}
    </section>
  );
}
