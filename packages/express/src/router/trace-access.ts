import { VerdictError } from '@verdict/core';
import type { Store } from '@verdict/core';
import type { RequestHandler, Router } from 'express';
import { assertSessionAccess, requireUser, userOf } from '../review/authorize';
import type { Authorizer } from '../review/authorize';
import { COPY_METADATA } from '../review/trace-copy';
import { traceIdParam } from './route-context';

const developersOnly =
  (what: string): RequestHandler =>
  (_req, res, next) => {
    const user = userOf(res);
    if (user.role !== 'developer') throw new VerdictError('PERMISSION_DENIED', `a ${user.role} may not ${what}`);
    next();
  };

/**
 * Guards the developer routes with the `authorize` hook, mounted before them:
 * - `GET /traces` and `GET /feedback/summary` (`traces:read`): developers only.
 * - `GET /traces/:trace_id` (`traces:read`): developers any trace; reviewers only the session
 *   copies of items in sessions they are assigned to (what their labeling queue shows).
 * - `POST|PATCH|DELETE /traces/:trace_id/assessments[/:assessment_id]` (`assessments:write`): developers.
 * End users get none of these; their `/feedback` routes never ask the hook. Without a hook everyone
 * is a developer, so nothing changes for a trusted setup.
 * @example mountTraceAccess(router, { authorizer, store }); mountTraceRoutes(router, context);
 */
export function mountTraceAccess(router: Router, context: { authorizer: Authorizer; store: Store }): void {
  const { authorizer, store } = context;
  const traceResource = { kind: 'trace' as const };

  router.get('/traces', requireUser(authorizer, 'traces:read'), developersOnly('search traces'));
  router.get('/feedback/summary', requireUser(authorizer, 'traces:read'), developersOnly('read the feedback summary'));

  for (const path of ['/traces/:trace_id/assessments', '/traces/:trace_id/assessments/:assessment_id']) {
    router.all(path, requireUser(authorizer, 'assessments:write', (req) => ({ ...traceResource, id: String(req.params.trace_id) })));
  }

  router.get('/traces/:trace_id', requireUser(authorizer, 'traces:read', (req) => ({ ...traceResource, id: String(req.params.trace_id) })), async (req, res, next) => {
    const user = userOf(res);
    if (user.role === 'developer') return next();
    const trace = await store.traces.get(traceIdParam(req));
    const sessionId = trace?.info.trace_metadata[COPY_METADATA.labelingSessionId];
    const stored = sessionId === undefined ? null : await store.labelingSessions.get(sessionId);
    // The same answer for a missing trace and a forbidden one: a reviewer learns nothing about other traces.
    if (stored === null || !stored.items.some((item) => item.trace_id === trace?.info.trace_id)) {
      throw new VerdictError('PERMISSION_DENIED', `${user.id} may read only the traces of labeling sessions assigned to them`);
    }
    assertSessionAccess(user, stored.session);
    next();
  });
}
