import type { Dataset, ListEvaluationsResponse } from '@verdict/core';
import { EvalResults, evalRowColumns, useEvaluationClient, useReviewClient } from '@verdict/react';
import type { EvalRunViewStatus } from '@verdict/react';
import { useEffect, useState } from 'react';
import { JudgeVsHuman } from './judge-vs-human';

/**
 * The two settings of the example app the server registers with `verdict({ apps })`
 * (../../src/evaluation-apps.ts): today's pipeline and a cheaper candidate. The routes have no
 * list of apps, so the page names them.
 */
export const EVAL_APPS = [
  { name: 'three-articles', label: 'Three articles' },
  { name: 'one-article-terse', label: 'One article, terse' },
] as const;

/** Scorers offered: the code scorers run offline; the judges need a model (OPENAI_API_KEY or OPENAI_BASE_URL). */
const SCORERS = [
  { name: 'contains_all', label: 'Contains all expected facts', checked: true },
  { name: 'exact_match', label: 'Exact match', checked: false },
  { name: 'correctness', label: 'Correctness (LLM judge)', checked: false },
  { name: 'relevance_to_query', label: 'Relevance (LLM judge)', checked: false },
] as const;

// Side by side there is room for inputs and outputs; expectations show when a row is opened.
const RUN_COLUMNS = evalRowColumns.filter((column) => column.id !== 'expectations');

const problem = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Pair {
  base: string;
  candidate: string;
}

function DatasetPicker({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const review = useReviewClient();
  const [state, setState] = useState<{ datasets: Dataset[] } | { error: string } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    review.listDatasets({ signal: controller.signal }).then(
      ({ datasets }) => {
        setState({ datasets });
        if (datasets[0] !== undefined) onChange(datasets[0].name);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ error: problem(error) });
      },
    );
    return () => controller.abort();
  }, [review, onChange]);
  if (state === null) return <p>Loading datasets…</p>;
  if ('error' in state) return <p role="alert">Could not list the datasets: {state.error}</p>;
  if (state.datasets.length === 0) {
    return <p>No datasets yet. Label some answers on the Review page and sync their expectations into a dataset.</p>;
  }
  return (
    <p className="evaluate__field">
      <label htmlFor="evaluate-dataset">Dataset</label>
      <select id="evaluate-dataset" value={value} onChange={(event) => onChange(event.target.value)}>
        {state.datasets.map((dataset) => (
          <option key={dataset.dataset_id} value={dataset.name}>
            {`${dataset.name} (${dataset.record_count} records)`}
          </option>
        ))}
      </select>
    </p>
  );
}

function Runner() {
  const evals = useEvaluationClient();
  const [dataset, setDataset] = useState('');
  const [scorers, setScorers] = useState<string[]>(SCORERS.filter((entry) => entry.checked).map((entry) => entry.name));
  const [pair, setPair] = useState<Pair | null>(null);
  // The scorers the pair was started with: the checkboxes may change after.
  const [pairScorers, setPairScorers] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<Record<string, EvalRunViewStatus>>({});
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const start = async () => {
    setStarting(true);
    setError(null);
    setStatuses({});
    try {
      // Both start at once and run side by side, each watched live below.
      const [base, candidate] = await Promise.all(
        EVAL_APPS.map((app) => evals.startEvaluation({ name: `${dataset} · ${app.label}`, dataset, app: app.name, scorers })),
      );
      setPair({ base: base!.evaluation_id, candidate: candidate!.evaluation_id });
      setPairScorers(scorers);
    } catch (caught) {
      setError(problem(caught));
    } finally {
      setStarting(false);
    }
  };
  const finished = (id: string) => ['completed', 'cancelled'].includes(statuses[id] ?? '');
  const toggle = (name: string, on: boolean) => setScorers((current) => (on ? [...current, name] : current.filter((entry) => entry !== name)));

  return (
    <>
      <form
        className="evaluate__form"
        aria-label="Start an evaluation"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <DatasetPicker value={dataset} onChange={setDataset} />
        <fieldset className="evaluate__scorers">
          <legend>Scorers</legend>
          {SCORERS.map((entry) => (
            <label key={entry.name}>
              <input type="checkbox" checked={scorers.includes(entry.name)} onChange={(event) => toggle(entry.name, event.target.checked)} /> {entry.label}
            </label>
          ))}
        </fieldset>
        <p className="page__note">{`Runs the app twice, as “${EVAL_APPS[0].label}” (base) and “${EVAL_APPS[1].label}” (candidate), then compares them.`}</p>
        <button type="submit" disabled={starting || dataset === '' || scorers.length === 0}>
          {starting ? 'Starting…' : 'Run and compare'}
        </button>
        {error !== null && <p role="alert">Could not start: {error}</p>}
      </form>
      {pair !== null && (
        <div className="evaluate__runs">
          {[pair.base, pair.candidate].map((id) => (
            <EvalResults
              key={id}
              evaluationId={id}
              charts={false}
              columns={RUN_COLUMNS}
              traceHref={(traceId) => `#/traces/${traceId}`}
              onStatusChange={(status) => setStatuses((current) => ({ ...current, [id]: status }))}
            />
          ))}
        </div>
      )}
      {pair !== null && finished(pair.base) && finished(pair.candidate) && (
        <>
          <EvalResults compare={pair} />
          <JudgeVsHuman
            key={`${pair.base}:${pair.candidate}`}
            runs={[
              { id: pair.base, label: `${EVAL_APPS[0].label} (base)` },
              { id: pair.candidate, label: `${EVAL_APPS[1].label} (candidate)` },
            ]}
            scorers={pairScorers}
          />
        </>
      )}
    </>
  );
}

/** Any two earlier runs (`GET /evaluations`), compared on demand. */
function EarlierRuns() {
  const evals = useEvaluationClient();
  const [runs, setRuns] = useState<ListEvaluationsResponse['evaluations'] | null>(null);
  const [choice, setChoice] = useState<Pair>({ base: '', candidate: '' });
  const [shown, setShown] = useState<Pair | null>(null);
  const load = () => {
    evals.listEvaluations().then(
      ({ evaluations }) => setRuns(evaluations),
      () => setRuns([]),
    );
  };
  if (runs === null) {
    return (
      <button type="button" onClick={load}>
        Compare earlier runs…
      </button>
    );
  }
  if (runs.length < 2) return <p className="page__note">Fewer than two runs so far.</p>;
  const picker = (key: keyof Pair, label: string) => (
    <label>
      {`${label} `}
      <select value={choice[key]} onChange={(event) => setChoice((current) => ({ ...current, [key]: event.target.value }))}>
        <option value="">Pick a run</option>
        {runs.map((run) => (
          <option key={run.evaluation_id} value={run.evaluation_id}>
            {`${run.name} (${run.status}, ${new Date(run.create_time).toLocaleString()})`}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <form
        className="evaluate__field"
        aria-label="Compare earlier runs"
        onSubmit={(event) => {
          event.preventDefault();
          setShown(choice);
        }}
      >
        {picker('base', 'Base')}
        {picker('candidate', 'Candidate')}
        <button type="submit" disabled={choice.base === '' || choice.candidate === '' || choice.base === choice.candidate}>
          Compare
        </button>
      </form>
      {shown !== null && <EvalResults key={`${shown.base}:${shown.candidate}`} compare={shown} />}
    </>
  );
}

/**
 * The Evaluate page (`#/evaluate`): pick a dataset, run the example app with two prompts on it,
 * watch both runs' progress live, and compare them once both have finished — regressions first.
 * Then hold one run's scorer against human labels of a feedback schema (judge vs human: kappa, confusion matrix).
 */
export function EvaluatePage() {
  return (
    <section aria-labelledby="evaluate-heading" className="evaluate">
      <h2 id="evaluate-heading">Evaluate</h2>
      <p className="page__note">With VERDICT_USERS set, sign in above as a developer first.</p>
      <Runner />
      <section className="evaluate__earlier" aria-labelledby="evaluate-earlier">
        <h3 id="evaluate-earlier">Earlier runs</h3>
        <EarlierRuns />
      </section>
    </section>
  );
}
