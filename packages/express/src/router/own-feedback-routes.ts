import { DeleteFeedbackQuerySchema, MyFeedbackQuerySchema, VerdictError, parseOrThrow } from '@verdict/core';
import type { MyFeedbackEntry, MyFeedbackResponse } from '@verdict/core';
import type { Request, Response, Router } from 'express';
import * as z from 'zod/mini';
import { checkFeedbackToken } from '../feedback-token';
import { ownFeedback } from './own-feedback';
import { safeQuery } from './route-context';
import type { RouteContext } from './route-context';

// Strict, like the POST routes: a typo in a parameter is an error, not a silent miss.
const ReadQuerySchema = z.strictObject(MyFeedbackQuerySchema.shape);
const DeleteQuerySchema = z.strictObject(DeleteFeedbackQuerySchema.shape);

async function assessmentsOf(context: RouteContext, traceId: string) {
  const trace = await context.service.getTrace(traceId);
  if (trace === null) throw new VerdictError('NOT_FOUND', `trace ${traceId} not found`);
  return trace.info.assessments;
}

/**
 * `GET /feedback?trace_id=&user_id=&feedback_token=`: the user's current (valid, HUMAN) votes of
 * the end-user names on a trace, newest per name, so a UI shows the vote again after a reload.
 */
async function getOwnFeedback(context: RouteContext, req: Request, res: Response): Promise<void> {
  const query = parseOrThrow(ReadQuerySchema, safeQuery(req), 'feedback query');
  checkFeedbackToken(context.feedbackSecret, query.feedback_token, query.trace_id);
  const feedback: Record<string, MyFeedbackEntry> = {};
  // Newest first: the first of each name is the current one.
  for (const assessment of ownFeedback(await assessmentsOf(context, query.trace_id), query.user_id ?? 'anonymous')) {
    if (feedback[assessment.assessment_name] !== undefined || assessment.feedback?.value === undefined) continue;
    feedback[assessment.assessment_name] = {
      assessment_id: assessment.assessment_id,
      value: assessment.feedback.value,
      ...(assessment.rationale === undefined ? {} : { rationale: assessment.rationale }),
    };
  }
  const body: MyFeedbackResponse = { trace_id: query.trace_id, feedback };
  res.json(body);
}

/**
 * `DELETE /feedback?trace_id=&user_id=&name=&feedback_token=`: undoes the user's vote of that
 * name. Deleting an override revives the vote it replaced, so the whole chain goes, until the
 * user has no valid vote of that name left. Nothing to undo is still a 204 (a retried undo is fine).
 */
async function deleteOwnFeedback(context: RouteContext, req: Request, res: Response): Promise<void> {
  const query = parseOrThrow(DeleteQuerySchema, safeQuery(req), 'feedback query');
  checkFeedbackToken(context.feedbackSecret, query.feedback_token, query.trace_id);
  const userId = query.user_id ?? 'anonymous';
  for (;;) {
    const [current] = ownFeedback(await assessmentsOf(context, query.trace_id), userId, query.name);
    if (current === undefined) break;
    await context.service.remove(query.trace_id, current.assessment_id);
  }
  res.status(204).end();
}

/**
 * Mounts `GET /feedback` and `DELETE /feedback`: an end user reads and undoes their own votes.
 * @example mountOwnFeedbackRoutes(router, context)
 */
export function mountOwnFeedbackRoutes(router: Router, context: RouteContext): void {
  router.get('/feedback', (req, res) => getOwnFeedback(context, req, res));
  router.delete('/feedback', (req, res) => deleteOwnFeedback(context, req, res));
}
