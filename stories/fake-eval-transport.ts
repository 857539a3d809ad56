// A scripted stand-in for the evaluation routes, so the EvalResults stories (and their tests) run
// without a server: runs as stored, rows scored live one by one, cancel, and compare.
import type { CompareEvaluationsResponse, EvalAgreementResponse, EvalEvent, EvalRow, EvalRun } from '@verdict/core';
import { aggregatesOf } from './eval-fixtures';
import { json, notScripted, requestOf, sseEvent } from './scripted-response';

/** Rows a running run goes on to score once the page connects, then how it ends. */
export interface LiveScript {
  rows: readonly EvalRow[];
  /** `hang` stays running after the last row (for a story that must stay mid-run). @default 'completed' */
  end?: 'completed' | 'hang';
}

/** How the fake routes answer; a route left out answers 404. */
export interface EvalScript {
  /** The stored runs, as `GET /evaluations/:id` first answers them. */
  runs: readonly EvalRun[];
  /** Per run id: rows scored live after the events stream opens. */
  live?: Record<string, LiveScript>;
  comparison?: CompareEvaluationsResponse;
  /** What `GET /evaluations/:id/agreement` answers for any run and scorer. */
  agreement?: EvalAgreementResponse;
  /** Milliseconds between live rows; small enough for tests, visible in Storybook. @default 30 */
  tickMs?: number;
}

/**
 * A `fetch` answering `GET /evaluations/:id`, `GET /evaluations/:id/events` (SSE: the rows so far,
 * progress, then live rows), `POST /evaluations/:id/cancel`, `…/agreement` and `GET /evaluations/compare` from `script`.
 * @example <VerdictProvider baseUrl="/api" fetch={scriptedEvalFetch({ runs: [run] })}>…</VerdictProvider>
 */
export function scriptedEvalFetch(script: EvalScript): typeof globalThis.fetch {
  const runs = new Map(script.runs.map((run) => [run.evaluation_id, structuredClone(run)]));
  const tickMs = script.tickMs ?? 30;
  // One live timeline per run, shared by every stream and GET: the run moves on whoever watches.
  const started = new Set<string>();
  const listeners = new Map<string, Set<(event: EvalEvent) => void>>();

  function emit(id: string, event: EvalEvent): void {
    const run = runs.get(id)!;
    if (event.type === 'row') run.rows.push(event.row);
    if (event.type === 'progress') Object.assign(run, { progress: event.progress, aggregates: event.aggregates });
    if (event.type === 'finished') Object.assign(run, { status: event.status, end_time: run.create_time + 60_000 });
    for (const listener of listeners.get(id) ?? []) listener(event);
  }

  function startLive(id: string): void {
    const live = script.live?.[id];
    if (live === undefined || started.has(id)) return;
    started.add(id);
    let next = 0;
    const timer = setInterval(() => {
      const run = runs.get(id)!;
      if (run.status !== 'running') return clearInterval(timer);
      const row = live.rows[next];
      next += 1;
      if (row !== undefined) {
        emit(id, { type: 'row', row });
        emit(id, { type: 'progress', progress: { done: run.rows.length, total: run.progress.total }, aggregates: aggregatesOf(run.rows, run.scorers) });
      } else {
        clearInterval(timer);
        if (live.end !== 'hang') emit(id, { type: 'finished', status: 'completed' });
      }
    }, tickMs);
  }

  function events(run: EvalRun, signal: AbortSignal | undefined): Response {
    const id = run.evaluation_id;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: EvalEvent) => controller.enqueue(sseEvent(event));
        for (const row of run.rows) send({ type: 'row', row });
        send({ type: 'progress', progress: run.progress, aggregates: run.aggregates });
        if (run.status !== 'running') {
          send({ type: 'finished', status: run.status });
          return controller.close();
        }
        const listener = (event: EvalEvent) => {
          send(event);
          if (event.type === 'finished') {
            listeners.get(id)?.delete(listener);
            controller.close();
          }
        };
        const open = listeners.get(id) ?? new Set();
        open.add(listener);
        listeners.set(id, open);
        signal?.addEventListener('abort', () => open.delete(listener), { once: true });
        startLive(id);
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }

  return async (input, init) => {
    const { method, path: route } = requestOf(input, init);
    if (method === 'GET' && route === '/evaluations/compare') return script.comparison ? json(script.comparison) : notScripted(route);
    const match = /^\/evaluations\/([^/]+)(\/events|\/cancel|\/agreement)?$/.exec(route);
    const run = match ? runs.get(decodeURIComponent(match[1]!)) : undefined;
    if (match === null || run === undefined) return notScripted(`${method} ${route}`);
    if (method === 'GET' && match[2] === undefined) return json(run);
    if (method === 'GET' && match[2] === '/events') return events(run, init?.signal ?? undefined);
    if (method === 'GET' && match[2] === '/agreement') return script.agreement ? json(script.agreement) : notScripted(route);
    if (method === 'POST' && match[2] === '/cancel') {
      if (run.status === 'running') emit(run.evaluation_id, { type: 'finished', status: 'cancelled' });
      return json(run);
    }
    return notScripted(`${method} ${route}`);
  };
}
