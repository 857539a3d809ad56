import { AssessmentIdSchema, TraceIdSchema, parseOrThrow } from '@verdict/core';
import type { VerdictUser } from '@verdict/core';
import type { Request, Response } from 'express';
import type { AssessmentService } from '../assessment-service';
import type { JsonBodyReader } from './body-parsing';
import { assertSafeQuery } from './safe-keys';

/**
 * Verdict's per-request state, kept under `res.locals.verdict` (and nowhere else) so host
 * middleware running after a Verdict route or `chatHandler` (logging, metrics) can read it.
 */
export interface VerdictLocals {
  /** The trace the request answered or rated. */
  traceId?: string;
  /** The feedback token handed out with an answer (`chatHandler`, when a secret is set). */
  feedbackToken?: string;
  /** Ids of the assessments the request wrote. */
  assessmentIds?: string[];
  /** Who the `authorize` hook said is calling (review, dataset and evaluation routes only). */
  user?: VerdictUser;
}

/** What every route module needs from its `verdict()` instance. */
export interface RouteContext {
  service: AssessmentService;
  readBody: JsonBodyReader;
  feedbackSecret: string | undefined;
}

/**
 * Merges `state` into `res.locals.verdict`.
 * @example setVerdictLocals(res, { traceId })
 */
export function setVerdictLocals(res: Response, state: VerdictLocals): void {
  const locals = res.locals as { verdict?: VerdictLocals };
  locals.verdict = { ...locals.verdict, ...state };
}

/**
 * The request's query, after refusing prototype keys.
 * @example const query = safeQuery(req)
 */
export function safeQuery(req: Request): Record<string, unknown> {
  const query = req.query as Record<string, unknown>;
  assertSafeQuery(query);
  return query;
}

/**
 * The `:trace_id` path parameter, checked (400 when it is not `tr-` + 32 hex).
 * @example const traceId = traceIdParam(req)
 */
export function traceIdParam(req: Request): string {
  return parseOrThrow(TraceIdSchema, req.params.trace_id, 'trace_id');
}

/**
 * The `:assessment_id` path parameter, checked (400 when it is not `a-` + 32 hex).
 * @example const assessmentId = assessmentIdParam(req)
 */
export function assessmentIdParam(req: Request): string {
  return parseOrThrow(AssessmentIdSchema, req.params.assessment_id, 'assessment_id');
}
