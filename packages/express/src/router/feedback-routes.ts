import {
  DetailedFeedbackQuerySchema,
  GeneralFeedbackBodySchema,
  RATING_DIMENSIONS,
  SimpleFeedbackBodySchema,
  SimpleFeedbackQuerySchema,
  normalizeRating,
  parseOrThrow,
} from '@verdict/core';
import type { Assessment, AssessmentSource, CreateAssessmentBody, FeedbackResponse } from '@verdict/core';
import type { Request, Response, Router } from 'express';
import * as z from 'zod/mini';
import { jsonBody } from './body-parsing';
import { checkFeedbackToken } from '../feedback-token';
import { createIdempotencyCache, idempotencyKeyOf } from './idempotency';
import type { IdempotencyCache } from './idempotency';
import { mountOwnFeedbackRoutes } from './own-feedback-routes';
import { writeOwnFeedback } from './own-feedback';
import { safeQuery, setVerdictLocals } from './route-context';
import type { RouteContext } from './route-context';

// Unknown query parameters are refused, so a typo (`?userid=`, `?acuracy=5`) is an error, not silently lost.
const SimpleQuerySchema = z.strictObject(SimpleFeedbackQuerySchema.shape);
// catchall(never) is strictObject that keeps the schema's refinement (at least one rating).
const DetailedQuerySchema = z.catchall(DetailedFeedbackQuerySchema, z.never());
// The general form and /detailed-feedback carry nothing but the token outside their main input.
const TokenOnlySchema = z.strictObject(z.pick(SimpleFeedbackQuerySchema, { feedback_token: true }).shape);

function humanSource(userId: string | undefined): AssessmentSource {
  return { source_type: 'HUMAN', source_id: userId ?? 'anonymous' };
}

function hasOwn(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key);
}

function answer(res: Response, traceId: string, assessments: Assessment[]): void {
  const assessmentIds = assessments.map((assessment) => assessment.assessment_id);
  setVerdictLocals(res, { traceId, assessmentIds });
  const body: FeedbackResponse = { status: 'success', trace_id: traceId, assessment_ids: assessmentIds };
  res.json(body);
}

type FeedbackContext = RouteContext & { idempotency: IdempotencyCache };

/** Runs a write once per `Idempotency-Key` (scoped to the trace and user), then answers. */
async function once(context: FeedbackContext, req: Request, res: Response, traceId: string, userId: string | undefined, write: () => Promise<Assessment[]>) {
  const key = idempotencyKeyOf(req);
  const assessments = await context.idempotency.run(`${traceId}\n${userId ?? ''}`, key, write);
  answer(res, traceId, assessments);
}

/**
 * `POST /feedback`, two forms told apart by their shape: the MLflow example's
 * `?trace_id=&user_id=` + `{ is_correct, comment? }` (chosen when the query has `trace_id` or the
 * body has `is_correct`) logs `user_feedback`; otherwise the body is the general
 * `{ trace_id, name, value, rationale?, span_id?, metadata?, user_id? }` form. A known user's
 * second `user_*` vote on a trace overrides the first; an `Idempotency-Key` header makes a
 * retried request count once.
 */
async function postFeedback(context: FeedbackContext, req: Request, res: Response): Promise<void> {
  const query = safeQuery(req);
  const body: unknown = req.body;
  if (query.trace_id !== undefined || hasOwn(body, 'is_correct')) {
    const { trace_id, user_id, feedback_token } = parseOrThrow(SimpleQuerySchema, query, 'feedback query');
    const simple = parseOrThrow(SimpleFeedbackBodySchema, body, 'feedback body');
    checkFeedbackToken(context.feedbackSecret, simple.feedback_token ?? feedback_token, trace_id);
    const vote: CreateAssessmentBody = {
      assessment_name: 'user_feedback',
      source: humanSource(user_id),
      feedback: { value: simple.is_correct },
      ...(simple.comment === undefined ? {} : { rationale: simple.comment }),
    };
    await once(context, req, res, trace_id, user_id, async () => [await writeOwnFeedback(context.service, trace_id, user_id, vote)]);
    return;
  }
  const { feedback_token } = parseOrThrow(TokenOnlySchema, query, 'feedback query');
  const general = parseOrThrow(GeneralFeedbackBodySchema, body, 'feedback body');
  checkFeedbackToken(context.feedbackSecret, general.feedback_token ?? feedback_token, general.trace_id);
  const { trace_id, name, value, user_id, feedback_token: _token, ...rest } = general;
  const feedback: CreateAssessmentBody = { ...rest, assessment_name: name, source: humanSource(user_id), feedback: { value } };
  await once(context, req, res, trace_id, user_id, async () => [await writeOwnFeedback(context.service, trace_id, user_id, feedback)]);
}

/**
 * `POST /detailed-feedback?trace_id=&accuracy=&helpfulness=&relevance=&user_id=&comment=`: each
 * 1–5 rating given becomes `user_<dimension>` normalised to 0–1 (the raw rating kept in
 * `metadata.rating`). The comment becomes the rationale of `user_accuracy`, or, without an
 * accuracy rating, of the first dimension given (in the order accuracy, helpfulness, relevance),
 * so it is never lost. A JSON body is optional and may carry only `feedback_token`. A known
 * user's new rating of a dimension overrides their previous one.
 */
async function postDetailedFeedback(context: FeedbackContext, req: Request, res: Response): Promise<void> {
  const query = parseOrThrow(DetailedQuerySchema, safeQuery(req), 'detailed feedback query');
  const body = parseOrThrow(z.optional(TokenOnlySchema), req.body, 'detailed feedback body');
  checkFeedbackToken(context.feedbackSecret, body?.feedback_token ?? query.feedback_token, query.trace_id);
  const rated = RATING_DIMENSIONS.flatMap((dimension) => {
    const rating = query[dimension];
    return rating === undefined ? [] : [{ dimension, rating }];
  });
  const commented = query.accuracy !== undefined ? 'accuracy' : rated[0]?.dimension;
  const bodies: CreateAssessmentBody[] = rated.map(({ dimension, rating }) => ({
    assessment_name: `user_${dimension}`,
    source: humanSource(query.user_id),
    feedback: { value: normalizeRating(rating) },
    metadata: { rating: String(rating) },
    ...(dimension === commented && query.comment !== undefined ? { rationale: query.comment } : {}),
  }));
  await once(context, req, res, query.trace_id, query.user_id, async () => {
    // One after another: the first write proves the trace exists, so a 404 leaves nothing behind.
    const assessments: Assessment[] = [];
    for (const assessmentBody of bodies) assessments.push(await writeOwnFeedback(context.service, query.trace_id, query.user_id, assessmentBody));
    return assessments;
  });
}

/**
 * Mounts the end-user feedback routes (`POST|GET|DELETE /feedback`, `POST /detailed-feedback`).
 * With a `feedbackSecret`, all require a feedback token for the trace they touch (403 otherwise).
 * @example mountFeedbackRoutes(router, context)
 */
export function mountFeedbackRoutes(router: Router, routeContext: RouteContext): void {
  const context: FeedbackContext = { ...routeContext, idempotency: createIdempotencyCache() };
  const body = jsonBody(context.readBody);
  mountOwnFeedbackRoutes(router, context);
  router.post('/feedback', body, (req, res) => postFeedback(context, req, res));
  router.post('/detailed-feedback', body, (req, res) => postDetailedFeedback(context, req, res));
}
