import * as z from 'zod/mini';
import { AssessmentSchema, AssessmentSourceSchema, ExpectationSchema, FeedbackSchema } from './assessment';
import { SpanIdSchema } from './span';
import { StringMapSchema } from './value';

const exactlyOneKind = z.refine<{ feedback?: unknown; expectation?: unknown }>(
  (body) => (body.feedback === undefined) !== (body.expectation === undefined),
  { message: 'give exactly one of feedback or expectation', path: ['feedback'] },
);

// What a caller may say about an assessment's value; creating one also names it (and its span).
const valueFields = {
  source: z.optional(AssessmentSourceSchema),
  rationale: z.optional(z.string().check(z.maxLength(10_000))),
  metadata: z.optional(StringMapSchema),
  feedback: z.optional(FeedbackSchema),
  expectation: z.optional(ExpectationSchema),
};

/** Body of `POST /traces/:trace_id/assessments`; the server fills ids, times and `valid`. */
export const CreateAssessmentBodySchema = z
  .strictObject({
    assessment_name: z.string().check(z.minLength(1), z.maxLength(256)),
    span_id: z.optional(SpanIdSchema),
    ...valueFields,
  })
  .check(exactlyOneKind);
export type CreateAssessmentBody = z.infer<typeof CreateAssessmentBodySchema>;

/**
 * Body of `PATCH /traces/:trace_id/assessments/:assessment_id`: a new value overriding the old one.
 * The old assessment is kept with `valid: false`; the new one points to it with `overrides`.
 */
export const OverrideAssessmentBodySchema = z.strictObject(valueFields).check(exactlyOneKind);
export type OverrideAssessmentBody = z.infer<typeof OverrideAssessmentBodySchema>;

/** Answer of the assessment routes. */
export const AssessmentResponseSchema = z.object({ assessment: AssessmentSchema });
export type AssessmentResponse = z.infer<typeof AssessmentResponseSchema>;
