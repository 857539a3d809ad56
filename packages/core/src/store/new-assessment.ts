import { newAssessmentId } from '../ids';
import type { Assessment } from '../schemas/assessment';
import type { CreateAssessmentBody } from '../schemas/assessment-input';

/** What a caller says about a new assessment; ids, times and `valid` are filled in. */
export type NewAssessmentInput = CreateAssessmentBody & {
  trace_id: string;
  source: NonNullable<CreateAssessmentBody['source']>;
  overrides?: string;
};

/**
 * Builds a complete, valid assessment from what a caller gives.
 * @example newAssessment({ trace_id, assessment_name: 'user_feedback', source: { source_type: 'HUMAN', source_id: 'u1' }, feedback: { value: true } })
 */
export function newAssessment(input: NewAssessmentInput, now: number = Date.now()): Assessment {
  const { feedback, expectation, ...rest } = input;
  const base = { ...rest, assessment_id: newAssessmentId(), create_time: now, last_update_time: now, valid: true };
  return expectation !== undefined ? { ...base, expectation } : { ...base, feedback: feedback ?? { value: true } };
}
