// Test-only: a `fetch` answering the evaluation routes from fixtures, with live events the test
// pushes one by one — for states a real run passes through too fast to assert on.
import type { CompareEvaluationsResponse, EvalEvent, EvalRun } from '@verdict/core';

/** A scripted evaluation server: its `fetch`, and controls of each run's event stream. */
export interface ScriptedEvalRoutes {
  fetch: typeof globalThis.fetch;
  /** Sends events to every open event stream of run `id` (and remembers them for later streams). */
  push(id: string, ...events: EvalEvent[]): void;
  /** Replaces what `GET /evaluations/:id` answers. */
  setRun(run: EvalRun): void;
  /** Closes the open event streams of `id` without `finished` (a dropped connection). */
  drop(id: string): void;
  /** Every request, as `METHOD /path?query`. */
  requests: string[];
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Makes the routes. `GET /evaluations/:id/events` first replays the run's rows and progress (as
 * the real server does), then whatever the test pushes; `POST …/cancel` ends the run `cancelled`.
 * @example const routes = scriptedEvalRoutes([run]); render(<EvalResults evaluationId={run.evaluation_id} client={createEvaluationClient({ baseUrl: '/api', fetch: routes.fetch })} />)
 */
export function scriptedEvalRoutes(runs: EvalRun[], comparison?: CompareEvaluationsResponse): ScriptedEvalRoutes {
  const byId = new Map(runs.map((run) => [run.evaluation_id, structuredClone(run)]));
  const streams = new Map<string, Set<ReadableStreamDefaultController<Uint8Array>>>();
  const encoder = new TextEncoder();
  const requests: string[] = [];
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, event: EvalEvent) => controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));

  function push(id: string, ...events: EvalEvent[]): void {
    const run = byId.get(id);
    for (const event of events) {
      if (run !== undefined) {
        // The run moves with its events, so a later GET answers what was already streamed.
        if (event.type === 'row') run.rows = [...run.rows.filter((row) => row.row_id !== event.row.row_id), event.row];
        if (event.type === 'progress') Object.assign(run, { progress: event.progress, aggregates: event.aggregates });
        if (event.type === 'finished') run.status = event.status;
      }
      for (const controller of streams.get(id) ?? []) {
        send(controller, event);
        if (event.type === 'finished') controller.close();
      }
      if (event.type === 'finished') streams.delete(id);
    }
  }

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), 'http://tests.invalid');
    const method = init?.method ?? 'GET';
    const path = url.pathname.replace(/^\/api/, '');
    requests.push(`${method} ${path}${url.search}`);
    if (method === 'GET' && path === '/evaluations/compare') {
      return comparison ? json(comparison) : json({ error: { code: 'NOT_FOUND', message: 'no such runs' } }, 404);
    }
    const match = /^\/evaluations\/([^/]+)(\/events|\/cancel)?$/.exec(path);
    const run = match ? byId.get(decodeURIComponent(match[1]!)) : undefined;
    if (match === null || run === undefined) return json({ error: { code: 'NOT_FOUND', message: `no evaluation at ${path}` } }, 404);
    if (method === 'GET' && match[2] === undefined) return json(run);
    if (method === 'POST' && match[2] === '/cancel') {
      if (run.status === 'running') push(run.evaluation_id, { type: 'finished', status: 'cancelled' });
      return json(run);
    }
    if (method === 'GET' && match[2] === '/events') {
      const id = run.evaluation_id;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const row of run.rows) send(controller, { type: 'row', row });
          send(controller, { type: 'progress', progress: run.progress, aggregates: run.aggregates });
          if (run.status !== 'running') {
            send(controller, { type: 'finished', status: run.status });
            controller.close();
            return;
          }
          const open = streams.get(id) ?? new Set();
          open.add(controller);
          streams.set(id, open);
          init?.signal?.addEventListener('abort', () => open.delete(controller));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    }
    return json({ error: { code: 'NOT_FOUND', message: `no route ${method} ${path}` } }, 404);
  };

  return {
    fetch,
    push,
    setRun: (run) => void byId.set(run.evaluation_id, structuredClone(run)),
    drop(id) {
      for (const controller of streams.get(id) ?? []) controller.close();
      streams.delete(id);
    },
    requests,
  };
}
