import { FeedbackSummaryQuerySchema, VerdictError, parseOrThrow } from '@verdict/core';
import type { Store } from '@verdict/core';
import type { Router } from 'express';
import { safeQuery } from './route-context';

/**
 * Mounts `GET /feedback/summary?start_time_ms=&end_time_ms=&bucket=hour|day` → the store's
 * `FeedbackSummary`: feedback rate, positive rate, vote counts and `user_<dimension>` averages,
 * overall and per UTC hour or day (see core's `summarizeFeedback` for the exact definitions). An
 * unknown key or a bad value is a 400 with zod's issues.
 *
 * A developer route, like `GET /traces`: it needs no feedback token; `mountTraceAccess`
 * (router/trace-access.ts) guards it, developers only when an `authorize` hook is set. Labeling
 * copies never count (they keep their original's request_time).
 * @example mountSummaryRoutes(router, store)
 */
export function mountSummaryRoutes(router: Router, store: Store): void {
  router.get('/feedback/summary', async (req, res) => {
    // The last of a repeated key wins, as for /traces.
    const query = Object.fromEntries(
      Object.entries(safeQuery(req)).map(([key, value]) => [key, Array.isArray(value) ? value[value.length - 1] : value]),
    );
    const params = parseOrThrow(FeedbackSummaryQuerySchema, query, 'summary params');
    // A store written (in plain JS) before summaries existed: say what is missing rather than a bare TypeError.
    if (typeof store.traces.summary !== 'function') {
      throw new VerdictError('INTERNAL', 'this store has no traces.summary(): update it (core exports summarizeFeedback to compute one)');
    }
    res.json(await store.traces.summary(params));
  });
}
