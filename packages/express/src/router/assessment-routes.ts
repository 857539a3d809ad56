import { CreateAssessmentBodySchema, OverrideAssessmentBodySchema, parseOrThrow } from '@verdict/core';
import type { AssessmentResponse } from '@verdict/core';
import type { Router } from 'express';
import { jsonBody } from './body-parsing';
import { assessmentIdParam, setVerdictLocals, traceIdParam } from './route-context';
import type { RouteContext } from './route-context';

/**
 * Mounts the assessment routes:
 * - `POST /traces/:trace_id/assessments` (a feedback or an expectation; `source` defaults to
 *   HUMAN `'anonymous'`) → 201 `{ assessment }`.
 * - `PATCH /traces/:trace_id/assessments/:assessment_id` overrides: a new assessment with the old
 *   one's name and span, `overrides` pointing to the old one, which the store keeps with
 *   `valid: false` → `{ assessment }`. The value must be of the old one's kind (400 otherwise);
 *   overriding an assessment that is already invalid is a 409.
 * - `DELETE /traces/:trace_id/assessments/:assessment_id` → 204.
 *
 * These are developer routes: they need no feedback token. Who may write here is decided by
 * `mountTraceAccess` (router/trace-access.ts), mounted before them: with an `authorize` hook set,
 * developers only; without one every caller is a developer.
 * @example mountAssessmentRoutes(router, context)
 */
export function mountAssessmentRoutes(router: Router, context: RouteContext): void {
  const body = jsonBody(context.readBody);

  router.post('/traces/:trace_id/assessments', body, async (req, res) => {
    const traceId = traceIdParam(req);
    const input = parseOrThrow(CreateAssessmentBodySchema, req.body, 'assessment');
    const assessment = await context.service.create(traceId, input);
    setVerdictLocals(res, { traceId, assessmentIds: [assessment.assessment_id] });
    res.status(201).json({ assessment } satisfies AssessmentResponse);
  });

  router.patch('/traces/:trace_id/assessments/:assessment_id', body, async (req, res) => {
    const traceId = traceIdParam(req);
    const assessmentId = assessmentIdParam(req);
    const input = parseOrThrow(OverrideAssessmentBodySchema, req.body, 'assessment override');
    const assessment = await context.service.override(traceId, assessmentId, input);
    setVerdictLocals(res, { traceId, assessmentIds: [assessment.assessment_id] });
    res.json({ assessment } satisfies AssessmentResponse);
  });

  router.delete('/traces/:trace_id/assessments/:assessment_id', async (req, res) => {
    const traceId = traceIdParam(req);
    const assessmentId = assessmentIdParam(req);
    await context.service.remove(traceId, assessmentId);
    setVerdictLocals(res, { traceId, assessmentIds: [assessmentId] });
    res.status(204).end();
  });
}
