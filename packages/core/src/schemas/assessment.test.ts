import { describe, expect, it } from 'vitest';
import { newTraceId } from '../ids';
import { newAssessment } from '../store/new-assessment';
import { AssessmentSchema, FeedbackSchema } from './assessment';
import { CreateAssessmentBodySchema, OverrideAssessmentBodySchema } from './assessment-input';
import { TraceInfoSchema } from './trace';

const source = { source_type: 'HUMAN', source_id: 'u1' } as const;
const trace_id = newTraceId();

describe('assessment schemas', () => {
  it('an assessment holds exactly one of feedback or expectation', () => {
    const feedback = newAssessment({ trace_id, assessment_name: 'ok', source, feedback: { value: true } });
    expect(AssessmentSchema.parse(feedback)).toEqual(feedback);
    const expectation = newAssessment({ trace_id, assessment_name: 'ok', source, expectation: { value: 'Paris' } });
    expect(AssessmentSchema.parse(expectation)).toEqual(expectation);
    expect(expectation.feedback).toBeUndefined();
    expect(AssessmentSchema.safeParse({ ...feedback, expectation: { value: 'x' } }).success).toBe(false);
    const { feedback: _feedback, ...neither } = feedback;
    expect(AssessmentSchema.safeParse(neither).success).toBe(false);
  });

  it('a feedback needs a value or an error', () => {
    expect(FeedbackSchema.safeParse({ value: false }).success).toBe(true);
    expect(FeedbackSchema.safeParse({ error: { error_code: 'TIMEOUT' } }).success).toBe(true);
    expect(FeedbackSchema.safeParse({}).success).toBe(false);
  });

  it('create and override bodies are strict and take exactly one kind', () => {
    expect(CreateAssessmentBodySchema.safeParse({ assessment_name: 'x', feedback: { value: 1 } }).success).toBe(true);
    expect(CreateAssessmentBodySchema.safeParse({ assessment_name: 'x' }).success).toBe(false);
    expect(
      CreateAssessmentBodySchema.safeParse({ assessment_name: 'x', feedback: { value: 1 }, expectation: { value: 1 } }).success,
    ).toBe(false);
    expect(CreateAssessmentBodySchema.safeParse({ assessment_name: 'x', feedback: { value: 1 }, valid: false }).success).toBe(false);
    expect(OverrideAssessmentBodySchema.safeParse({ expectation: { value: ['a'] }, rationale: 'fixed' }).success).toBe(true);
    expect(OverrideAssessmentBodySchema.safeParse({ assessment_name: 'renamed', feedback: { value: 1 } }).success).toBe(false);
  });

  it('newAssessment fills id, times and valid', () => {
    const assessment = newAssessment({ trace_id, assessment_name: 'ok', source, feedback: { value: 0.5 } }, 1234);
    expect(assessment).toMatchObject({ create_time: 1234, last_update_time: 1234, valid: true, trace_id });
    expect(assessment.assessment_id).toMatch(/^a-[0-9a-f]{32}$/);
  });

  it('trace infos default tags, metadata and assessments to empty', () => {
    const info = TraceInfoSchema.parse({
      trace_id,
      request_time: 1,
      execution_duration: null,
      state: 'IN_PROGRESS',
      request_preview: '',
      response_preview: '',
    });
    expect(info).toMatchObject({ tags: {}, trace_metadata: {}, assessments: [] });
  });
});
