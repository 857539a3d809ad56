import { StreamingChat, VerdictProvider } from '@verdict/react';
import { useEffect, useState } from 'react';
import { authHeaders, useToken } from './auth-token';
import { Nav } from './nav';
import { ReviewPage } from './review-page';
import { SignIn } from './sign-in';
import { SummaryPage } from './summary-page';
import { EvaluatePage } from './evaluate-page';
import { TracesPage } from './traces-page';
import { useHashRoute } from './use-hash-route';

// Must match the demo model's name in ../../src/models.ts: the page has no other way to tell.
const DEMO_MODEL = 'verdict-demo-model';
const USER_KEY = 'verdict-example-user';

/** Votes are per user, so each browser keeps one id and finds its votes again after a reload. */
function browserUserId(): string {
  const known = localStorage.getItem(USER_KEY);
  if (known !== null) return known;
  const fresh = `browser-${crypto.randomUUID()}`;
  localStorage.setItem(USER_KEY, fresh);
  return fresh;
}

function useModelName(): string | null {
  const [model, setModel] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/health', { signal: controller.signal, headers: authHeaders() })
      .then((response) => response.json() as Promise<{ model?: string }>)
      .then((health) => setModel(health.model ?? 'unknown'))
      // The header is informative only; a failed health check must not break the chat.
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return model;
}

function ModelNote({ model }: { model: string | null }) {
  if (model === null) return <p className="page__note">Checking the model…</p>;
  if (model === DEMO_MODEL) {
    return (
      <p className="page__note">
        Model: <code>{model}</code>, the offline demo. Set <code>OPENAI_API_KEY</code> or <code>OPENAI_BASE_URL</code> for a real one.
      </p>
    );
  }
  return (
    <p className="page__note">
      Model: <code>{model}</code>
    </p>
  );
}

export function App() {
  const [userId] = useState(browserUserId);
  const model = useModelName();
  const route = useHashRoute();
  const token = useToken();
  return (
    <main className={route.page === 'chat' ? 'page' : 'page page--wide'}>
      <header>
        <h1>Verdict example: help-centre chat</h1>
        <ModelNote model={model} />
        <p className="page__note">Answers stream from a small traced RAG pipeline. Rate them: each vote lands on the answer's trace.</p>
        <Nav route={route} />
        <SignIn />
      </header>
      {/* One provider for every page: the headers function reads the signed-in token at each call. */}
      <VerdictProvider baseUrl="/api" headers={authHeaders}>
        {/* Kept mounted while another page shows, so the conversation survives a look at a trace. */}
        <div hidden={route.page !== 'chat'}>
          <StreamingChat
            userId={userId}
            placeholder="How long does shipping take?"
            renderAnswerFooter={(answer) => answer.trace_id !== undefined && <a href={`#/traces/${answer.trace_id}`}>View trace</a>}
          />
        </div>
        {/* Keyed by the token: signing in as someone else loads the page again, as them. */}
        <div key={token}>
          {route.page === 'traces' && <TracesPage userId={userId} {...(route.traceId === undefined ? {} : { traceId: route.traceId })} />}
          {route.page === 'summary' && <SummaryPage />}
          {route.page === 'review' && <ReviewPage {...(route.sessionId === undefined ? {} : { sessionId: route.sessionId })} />}
          {route.page === 'evaluate' && <EvaluatePage />}
        </div>
      </VerdictProvider>
    </main>
  );
}
