import { SearchTracesParamsSchema, VerdictError, parseOrThrow, searchParamsFromQuery } from '@verdict/core';
import type { Router } from 'express';
import { safeQuery, setVerdictLocals, traceIdParam } from './route-context';
import type { RouteContext } from './route-context';

type Query = Parameters<typeof searchParamsFromQuery>[0];

/**
 * Mounts the read routes:
 * - `GET /traces` → `{ traces, next_page_token? }`: query keys as `SearchTracesParams`
 *   (`tag.<key>=` and `metadata.<key>=` for maps); an unknown key is a 400 naming it.
 * - `GET /traces/:trace_id` → the trace with spans and assessments; 404 when unknown. Waits for a
 *   write of that trace still in flight, so reading right after an answer finds it.
 *
 * These are developer routes: they need no feedback token. Who may read traces is decided by
 * `mountTraceAccess` (router/trace-access.ts), mounted before them: with an `authorize` hook set,
 * `GET /traces` is for developers only and a reviewer reads only their sessions' trace copies;
 * without one every caller is a developer. Labeling copies are left out of `GET /traces` unless
 * it asks for them (`?tag.verdict.labeling_copy=true`).
 * @example mountTraceRoutes(router, context)
 */
export function mountTraceRoutes(router: Router, context: RouteContext): void {
  router.get('/traces', async (req, res) => {
    const raw = searchParamsFromQuery(safeQuery(req) as Query);
    const params = parseOrThrow(SearchTracesParamsSchema, raw, 'search params');
    res.json(await context.service.searchTraces(params));
  });

  router.get('/traces/:trace_id', async (req, res) => {
    const traceId = traceIdParam(req);
    const trace = await context.service.getTrace(traceId);
    if (trace === null) throw new VerdictError('NOT_FOUND', `trace ${traceId} not found`);
    setVerdictLocals(res, { traceId });
    res.json(trace);
  });
}
