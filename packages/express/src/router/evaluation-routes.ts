import { EvalAgreementQuerySchema, EvaluationIdSchema, StartEvaluationBodySchema, compareEvaluations, parseOrThrow } from '@verdict/core';
import type { EvalEvent, StartEvaluationResponse, Store } from '@verdict/core';
import type { Request, Response, Router } from 'express';
import { evalAgreement } from '../evaluation/eval-agreement';
import type { EvalRunManager } from '../evaluation/eval-run-manager';
import { requireUser, userOf } from '../review/authorize';
import type { Authorizer } from '../review/authorize';
import { HEARTBEAT, SSE_HEADERS } from '../stream/sse-response';
import { jsonBody } from './body-parsing';
import type { JsonBodyReader } from './body-parsing';
import { safeQuery } from './route-context';

/** What the evaluation routes need from their `verdict()` instance. */
export interface EvaluationRouteDeps {
  store: Store;
  runs: EvalRunManager;
  readBody: JsonBodyReader;
  authorizer: Authorizer;
  /** Idle time before an SSE heartbeat comment. @default 15_000 */
  heartbeatMs?: number;
}

function idParam(req: Request): string {
  return parseOrThrow(EvaluationIdSchema, req.params.id, 'evaluation_id');
}

function lastValues(req: Request): Record<string, unknown> {
  // The last of a repeated key wins, as for /traces.
  return Object.fromEntries(Object.entries(safeQuery(req)).map(([key, value]) => [key, Array.isArray(value) ? value[value.length - 1] : value]));
}

function openEvents(res: Response, heartbeatMs: number): { send(event: EvalEvent): void; end(): void } {
  res.writeHead(200, SSE_HEADERS);
  res.flushHeaders();
  let wrote = true;
  const timer = heartbeatMs > 0 ? setInterval(() => {
    if (!wrote && !res.writableEnded) res.write(HEARTBEAT);
    wrote = false;
  }, heartbeatMs) : undefined;
  timer?.unref();
  return {
    send(event) {
      if (res.writableEnded || res.destroyed) return;
      wrote = true;
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    },
    end() {
      if (timer !== undefined) clearInterval(timer);
      if (!res.writableEnded) res.end();
    },
  };
}

/**
 * Mounts the evaluation routes (developer actions `evaluations:read` / `evaluations:run` of the
 * `authorize` hook):
 * - `POST /evaluations` {@link StartEvaluationBodySchema} → 202 `{ evaluation_id, status }` at once; the run goes on in the background.
 * - `GET /evaluations` → `{ evaluations }` without rows, newest first.
 * - `GET /evaluations/compare?base=&candidate=` → per-scorer and per-row deltas (core's `compareEvaluations`).
 * - `GET /evaluations/:id` → the run (live while running).
 * - `GET /evaluations/:id/events` → SSE: the rows so far and a `progress`, then live `row` +
 *   `progress` events, then `finished` (at once for an ended run); `: ping` heartbeats while idle.
 * - `POST /evaluations/:id/cancel` → the run once it has ended `cancelled`.
 * - `GET /evaluations/:id/agreement?scorer=&label_schema=` → Cohen's kappa and confusion matrix, judge vs human.
 * @example mountEvaluationRoutes(router, { store, runs, readBody, authorizer })
 */
export function mountEvaluationRoutes(router: Router, deps: EvaluationRouteDeps): void {
  const read = requireUser(deps.authorizer, 'evaluations:read');
  const run = requireUser(deps.authorizer, 'evaluations:run');
  const heartbeatMs = deps.heartbeatMs ?? 15_000;

  router.post('/evaluations', run, jsonBody(deps.readBody), async (req, res) => {
    const body = parseOrThrow(StartEvaluationBodySchema, req.body, 'evaluation');
    const started = await deps.runs.start(body, userOf(res));
    res.status(202).json({ evaluation_id: started.evaluation_id, status: started.status } satisfies StartEvaluationResponse);
  });

  router.get('/evaluations', read, async (_req, res) => {
    res.json(await deps.runs.list());
  });

  // Before `/evaluations/:id`, so `compare` is never read as an id.
  router.get('/evaluations/compare', read, async (req, res) => {
    const query = lastValues(req);
    const base = parseOrThrow(EvaluationIdSchema, query.base, 'base');
    const candidate = parseOrThrow(EvaluationIdSchema, query.candidate, 'candidate');
    const [baseRun, candidateRun] = await Promise.all([deps.runs.get(base), deps.runs.get(candidate)]);
    res.json(compareEvaluations(baseRun, candidateRun));
  });

  router.get('/evaluations/:id', read, async (req, res) => {
    res.json(await deps.runs.get(idParam(req)));
  });

  router.get('/evaluations/:id/agreement', read, async (req, res) => {
    const id = idParam(req);
    const query = parseOrThrow(EvalAgreementQuerySchema, lastValues(req), 'agreement query');
    res.json(await evalAgreement(deps.store, await deps.runs.get(id), query.scorer, query.label_schema));
  });

  router.post('/evaluations/:id/cancel', run, async (req, res) => {
    res.json(await deps.runs.cancel(idParam(req)));
  });

  router.get('/evaluations/:id/events', read, async (req, res) => {
    const id = idParam(req);
    // Live events that arrive before the current state is written wait here, so order holds.
    let backlog: EvalEvent[] | undefined = [];
    // Opened only after `follow` succeeded, so an unknown id is still answered with a JSON 404.
    const output: { stream?: ReturnType<typeof openEvents> } = {};
    const listener = (event: EvalEvent) => {
      if (backlog !== undefined) backlog.push(event);
      else output.stream?.send(event);
      if (event.type === 'finished') output.stream?.end();
    };
    const { run: current, unsubscribe } = await deps.runs.follow(id, listener);
    const stream = openEvents(res, heartbeatMs);
    output.stream = stream;
    res.on('close', () => {
      unsubscribe?.();
      stream.end();
    });
    for (const row of current.rows) stream.send({ type: 'row', row });
    stream.send({ type: 'progress', progress: current.progress, aggregates: current.aggregates });
    // The snapshot and the subscription were taken in one tick: the backlog is exactly what came after.
    const waiting = backlog;
    backlog = undefined;
    for (const event of waiting) listener(event);
    if (unsubscribe === undefined) {
      stream.send({ type: 'finished', status: current.status });
      stream.end();
    }
  });
}
