import { HttpError } from '@verdict/core';
import type { LabelingSession } from '@verdict/core';
import { AdjudicationPanel, LabelingQueue, VerdictProvider, useReviewClient } from '@verdict/react';
import { useEffect, useMemo, useState } from 'react';

const TOKEN_KEY = 'verdict-example-review-token';

const problem = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Who the review routes see: with `VERDICT_USERS` the server wants `Authorization: Bearer <token>`,
 * so the page keeps the token a reviewer typed; without it, no token is needed (one developer).
 */
function SignIn({ token, onChange }: { token: string; onChange: (token: string) => void }) {
  const [draft, setDraft] = useState(token);
  return (
    <form
      className="review__sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(draft.trim());
      }}
    >
      <label htmlFor="review-token">Your token</label>
      <input id="review-token" type="password" autoComplete="off" value={draft} onChange={(event) => setDraft(event.target.value)} />
      <button type="submit">Sign in</button>
      <span className="page__note">{token === '' ? 'Not signed in: fine when the server runs without VERDICT_USERS.' : 'Signed in.'}</span>
    </form>
  );
}

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
    return <p>No labeling sessions for you yet. A developer creates them with POST /api/labeling-sessions.</p>;
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
 * The Review page: sign in with a token (when the server has users), pick a labeling session at
 * `#/review`, label it at `#/review/<id>` with the keyboard-first queue, then sync its expectations
 * into a dataset or settle disagreements.
 */
export function ReviewPage({ sessionId }: { sessionId?: string }) {
  const [token, setToken] = useState(() => localStorage.getItem(TOKEN_KEY) ?? '');
  const headers = useMemo(() => (token === '' ? undefined : { authorization: `Bearer ${token}` }), [token]);
  const signIn = (next: string) => {
    localStorage.setItem(TOKEN_KEY, next);
    setToken(next);
  };
  return (
    <section aria-labelledby="review-heading" className="review">
      <h2 id="review-heading">Review</h2>
      <SignIn token={token} onChange={signIn} />
      {/* Its own provider: the review routes need the token, the chat never does. Keyed so a new token reloads everything. */}
      <VerdictProvider key={token} baseUrl="/api" {...(headers === undefined ? {} : { headers })}>
        {sessionId === undefined ? <SessionPicker /> : <SessionView sessionId={sessionId} />}
      </VerdictProvider>
    </section>
  );
}
