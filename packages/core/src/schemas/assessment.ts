import * as z from 'zod/mini';
import { ASSESSMENT_ID_PATTERN } from '../ids';
import { SpanIdSchema, TraceIdSchema } from './span';
import { AssessmentValueSchema, StringMapSchema } from './value';

export const AssessmentIdSchema = z.string().check(z.regex(ASSESSMENT_ID_PATTERN, 'must be a- followed by 32 hex digits'));

/** Who made an assessment: a person, an LLM judge, or code. */
export const AssessmentSourceSchema = z.object({
  source_type: z.enum(['HUMAN', 'LLM_JUDGE', 'CODE']),
  source_id: z.string().check(z.minLength(1), z.maxLength(256)),
});
export type AssessmentSource = z.infer<typeof AssessmentSourceSchema>;

/** Why a scorer could not produce a value (MLflow's shape). */
export const AssessmentErrorSchema = z.object({
  error_code: z.string().check(z.minLength(1)),
  error_message: z.optional(z.string()),
  stack_trace: z.optional(z.string()),
});
export type AssessmentError = z.infer<typeof AssessmentErrorSchema>;

/** A judgement of quality. `value` may be missing only when `error` says why. */
export const FeedbackSchema = z
  .object({
    value: z.optional(AssessmentValueSchema),
    error: z.optional(AssessmentErrorSchema),
  })
  .check(
    z.refine((feedback) => feedback.value !== undefined || feedback.error !== undefined, {
      message: 'feedback needs a value or an error',
      path: ['value'],
    }),
  );
export type Feedback = z.infer<typeof FeedbackSchema>;

/** Ground truth: what the answer should have been. */
export const ExpectationSchema = z.object({ value: AssessmentValueSchema });
export type Expectation = z.infer<typeof ExpectationSchema>;

const assessmentFields = {
  assessment_id: AssessmentIdSchema,
  assessment_name: z.string().check(z.minLength(1), z.maxLength(256)),
  trace_id: TraceIdSchema,
  span_id: z.optional(SpanIdSchema),
  source: AssessmentSourceSchema,
  create_time: z.number(),
  last_update_time: z.number(),
  rationale: z.optional(z.string()),
  metadata: z.optional(StringMapSchema),
  overrides: z.optional(AssessmentIdSchema),
  valid: z.boolean(),
};

/** A feedback or an expectation logged on a trace (or on one of its spans). */
export const AssessmentSchema = z.union([
  z.object({ ...assessmentFields, feedback: FeedbackSchema, expectation: z.optional(z.undefined()) }),
  z.object({ ...assessmentFields, expectation: ExpectationSchema, feedback: z.optional(z.undefined()) }),
]);
export type Assessment = z.infer<typeof AssessmentSchema>;
