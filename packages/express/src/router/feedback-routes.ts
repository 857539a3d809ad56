import {
  DetailedFeedbackQuerySchema,
  GeneralFeedbackBodySchema,
  RATING_DIMENSIONS,
  SimpleFeedbackBodySchema,
  SimpleFeedbackQuerySchema,
  VerdictError,
  normalizeRating,
  parseOrThrow,
} from '@verdict/core';
import type { Assessment, AssessmentSource, CreateAssessmentBody, FeedbackResponse } from '@verdict/core';
import type { Request, Response, Router } from 'express';
import * as z from 'zod/mini';
import { verifyFeedbackToken } from '../feedback-token';
import { jsonBody } from './body-parsing';
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

/**
 * Refuses feedback without a valid, unexpired token for exactly this trace, when the instance
 * has a secret: a client may rate only answers it was served.
 */
function checkFeedbackToken(secret: string | undefined, token: string | undefined, traceId: string): void {
  if (secret === undefined) return;
  if (token === undefined) {
    throw new VerdictError(
      'PERMISSION_DENIED',
      'feedback needs the feedback_token that came with the answer: send it as ?feedback_token= in the query string or as "feedback_token" in the JSON body',
    );
  }
  if (!verifyFeedbackToken(secret, token, traceId)) {
    throw new VerdictError('PERMISSION_DENIED', `the feedback token is not valid for trace ${traceId} (wrong trace, tampered or expired)`);
  }
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

/**
 * `POST /feedback`, two forms told apart by their shape: the MLflow example's
 * `?trace_id=&user_id=` + `{ is_correct, comment? }` (chosen when the query has `trace_id` or the
 * body has `is_correct`) logs `user_feedback`; otherwise the body is the general
 * `{ trace_id, name, value, rationale?, span_id?, metadata?, user_id? }` form.
 */
async function postFeedback(context: RouteContext, req: Request, res: Response): Promise<void> {
  const query = safeQuery(req);
  const body: unknown = req.body;
  if (query.trace_id !== undefined || hasOwn(body, 'is_correct')) {
    const { trace_id, user_id, feedback_token } = parseOrThrow(SimpleQuerySchema, query, 'feedback query');
    const simple = parseOrThrow(SimpleFeedbackBodySchema, body, 'feedback body');
    checkFeedbackToken(context.feedbackSecret, simple.feedback_token ?? feedback_token, trace_id);
    const assessment = await context.service.create(trace_id, {
      assessment_name: 'user_feedback',
      source: humanSource(user_id),
      feedback: { value: simple.is_correct },
      ...(simple.comment === undefined ? {} : { rationale: simple.comment }),
    });
    answer(res, trace_id, [assessment]);
    return;
  }
  const { feedback_token } = parseOrThrow(TokenOnlySchema, query, 'feedback query');
  const general = parseOrThrow(GeneralFeedbackBodySchema, body, 'feedback body');
  checkFeedbackToken(context.feedbackSecret, general.feedback_token ?? feedback_token, general.trace_id);
  const { trace_id, name, value, user_id, feedback_token: _token, ...rest } = general;
  const assessment = await context.service.create(trace_id, {
    ...rest,
    assessment_name: name,
    source: humanSource(user_id),
    feedback: { value },
  });
  answer(res, trace_id, [assessment]);
}

/**
 * `POST /detailed-feedback?trace_id=&accuracy=&helpfulness=&relevance=&user_id=&comment=`: each
 * 1–5 rating given becomes `user_<dimension>` normalised to 0–1 (the raw rating kept in
 * `metadata.rating`). The comment becomes the rationale of `user_accuracy`, or, without an
 * accuracy rating, of the first dimension given (in the order accuracy, helpfulness, relevance),
 * so it is never lost. A JSON body is optional and may carry only `feedback_token`.
 */
async function postDetailedFeedback(context: RouteContext, req: Request, res: Response): Promise<void> {
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
  // One after another: the first write proves the trace exists, so a 404 leaves nothing behind.
  const assessments: Assessment[] = [];
  for (const assessmentBody of bodies) assessments.push(await context.service.create(query.trace_id, assessmentBody));
  answer(res, query.trace_id, assessments);
}

/**
 * Mounts the end-user feedback routes (`/feedback`, `/detailed-feedback`). With a
 * `feedbackSecret`, both require a feedback token for the trace they rate (403 otherwise).
 * @example mountFeedbackRoutes(router, context)
 */
export function mountFeedbackRoutes(router: Router, context: RouteContext): void {
  const body = jsonBody(context.readBody);
  router.post('/feedback', body, (req, res) => postFeedback(context, req, res));
  router.post('/detailed-feedback', body, (req, res) => postDetailedFeedback(context, req, res));
}
