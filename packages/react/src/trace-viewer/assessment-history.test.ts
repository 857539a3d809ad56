import { describe, expect, it } from 'vitest';
import { fixtureAssessmentId, overriddenAssessments } from '../test-support/trace-fixtures';
import { groupAssessments } from './assessment-history';
import { withCreatedAssessment, withDeletedAssessment } from './assessment-merge';
import { checkJson, checkNumber, initialFormValues, toAssessmentBody } from './assessment-form-values';

describe('groupAssessments', () => {
  it('folds the overridden chain under the valid assessment, newest first', () => {
    const entries = groupAssessments(overriddenAssessments());
    const correctness = entries.find((entry) => entry.current.assessment_name === 'correctness')!;
    expect(correctness.current.assessment_id).toBe(fixtureAssessmentId(3));
    expect(correctness.history.map((older) => older.assessment_id)).toEqual([fixtureAssessmentId(2), fixtureAssessmentId(1)]);
    expect(entries).toHaveLength(5);
  });

  it('keeps invalid assessments that no valid one reaches, and survives an overrides loop', () => {
    const [first, second] = overriddenAssessments();
    const looped = [{ ...first!, overrides: second!.assessment_id, valid: true }, { ...second!, valid: false }];
    expect(groupAssessments(looped).map((entry) => entry.history.length)).toEqual([1]);
    expect(groupAssessments([{ ...first!, valid: false }]).map((entry) => entry.current.valid)).toEqual([false]);
  });
});

describe('merging writes into the shown trace', () => {
  it('an override invalidates the old one; deleting the override restores it', () => {
    const [judge, human] = overriddenAssessments();
    const start = [{ ...judge!, valid: true }];
    const overridden = withCreatedAssessment(start, { ...human!, valid: true });
    expect(overridden.map((assessment) => [assessment.assessment_id, assessment.valid])).toEqual([
      [judge!.assessment_id, false],
      [human!.assessment_id, true],
    ]);
    expect(withDeletedAssessment(overridden, human!.assessment_id)).toEqual(start);
  });
});

describe('assessment form values', () => {
  it('validate numbers and JSON values with messages people understand', () => {
    expect([checkNumber(''), checkNumber('abc'), checkNumber('0.75')]).toEqual(['Enter a number', 'Enter a number, e.g. 0.75', true]);
    expect(checkJson('{')).toMatch(/^Not valid JSON/);
    expect([checkJson('3'), checkJson('[1]'), checkJson('["a"]'), checkJson('{"a":1}')]).toEqual([
      'Enter a JSON object, e.g. {"score": 1}, or a list of strings',
      'A JSON list may hold only strings',
      true,
      true,
    ]);
  });

  it('builds the request body, and starts an override from the old value', () => {
    const values = { ...initialFormValues(), name: ' tone ', valueType: 'number' as const, numberValue: '0.5', rationale: ' ok ', target: 'span' as const };
    expect(toAssessmentBody(values, '0000000000000003', { source_type: 'HUMAN', source_id: 'ana' })).toEqual({
      assessment_name: 'tone',
      span_id: '0000000000000003',
      feedback: { value: 0.5 },
      rationale: 'ok',
      source: { source_type: 'HUMAN', source_id: 'ana' },
    });
    const expectation = overriddenAssessments()[3 + 2]!;
    expect(initialFormValues(expectation)).toMatchObject({ kind: 'expectation', name: 'expected_facts', valueType: 'json', jsonValue: JSON.stringify(['3 to 5 business days', 'EU only'], null, 2) });
  });
});
