import * as z from 'zod';
import { AssessmentSchema, AssessmentSourceSchema, ExpectationSchema, FeedbackSchema } from './assessment';
import { SpanIdSchema } from './span';
import { StringMapSchema } from './value';

const exactlyOneKind = {
  check: (body: { feedback?: unknown; expectation?: unknown }) =>
    (body.feedback === undefined) !== (body.expectation === undefined),
  message: { message: 'give exactly one of feedback or expectation', path: ['feedback'] },
};

/** Body of `POST /traces/:trace_id/assessments`; the server fills ids, times and `valid`. */
export const CreateAssessmentBodySchema = z
  .strictObject({
    assessment_name: z.string().min(1).max(256),
    span_id: SpanIdSchema.optional(),
    source: AssessmentSourceSchema.optional(),
    rationale: z.string().max(10_000).optional(),
    metadata: StringMapSchema.optional(),
    feedback: FeedbackSchema.optional(),
    expectation: ExpectationSchema.optional(),
  })
  .refine(exactlyOneKind.check, exactlyOneKind.message);
export type CreateAssessmentBody = z.infer<typeof CreateAssessmentBodySchema>;

/**
 * Body of `PATCH /traces/:trace_id/assessments/:assessment_id`: a new value overriding the old one.
 * The old assessment is kept with `valid: false`; the new one points to it with `overrides`.
 */
export const OverrideAssessmentBodySchema = z
  .strictObject({
    source: AssessmentSourceSchema.optional(),
    rationale: z.string().max(10_000).optional(),
    metadata: StringMapSchema.optional(),
    feedback: FeedbackSchema.optional(),
    expectation: ExpectationSchema.optional(),
  })
  .refine(exactlyOneKind.check, exactlyOneKind.message);
export type OverrideAssessmentBody = z.infer<typeof OverrideAssessmentBodySchema>;

/** Answer of the assessment routes. */
export const AssessmentResponseSchema = z.object({ assessment: AssessmentSchema });
export type AssessmentResponse = z.infer<typeof AssessmentResponseSchema>;
