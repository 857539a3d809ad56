import { beforeEach, expect, it } from 'vitest';
import type { Assessment } from '../schemas/assessment';
import type { Store } from '../store/store';
import { expectVerdictError } from './expect-verdict-error';
import { makeAssessment, makeTrace } from './fixtures';

type Broken = (valid: Assessment) => unknown;

/** Assessments every store must refuse: values no store can round-trip, and malformed ids. */
const BROKEN: Array<[string, Broken]> = [
  ['a null value', (valid) => ({ ...valid, feedback: { value: null } })],
  ['a nested list of numbers', (valid) => ({ ...valid, feedback: { value: [[1, 2], [3]] } })],
  ['a list of numbers', (valid) => ({ ...valid, feedback: { value: [1, 2] } })],
  ['a non-finite number', (valid) => ({ ...valid, feedback: { value: Number.NaN } })],
  ['a feedback with neither value nor error', (valid) => ({ ...valid, feedback: {} })],
  ['an expectation without value', ({ feedback: _feedback, ...valid }) => ({ ...valid, expectation: {} })],
  ['both feedback and expectation', (valid) => ({ ...valid, expectation: { value: 'x' } })],
  ['neither feedback nor expectation', ({ feedback: _feedback, ...valid }) => valid],
  ['a malformed assessment_id', (valid) => ({ ...valid, assessment_id: 'a-123' })],
  ['a malformed trace_id', (valid) => ({ ...valid, trace_id: 'tr-XYZ' })],
  ['a malformed span_id', (valid) => ({ ...valid, span_id: 'not-hex' })],
  ['a malformed overrides id', (valid) => ({ ...valid, overrides: 'previous' })],
  ['an empty name', (valid) => ({ ...valid, assessment_name: '' })],
  ['an unknown source type', (valid) => ({ ...valid, source: { source_type: 'ROBOT', source_id: 'r1' } })],
  ['a missing valid flag', ({ valid: _valid, ...rest }) => rest],
];

/** Validation of `assessments.create`: INVALID_ARGUMENT with issues, and the store unchanged. */
export function describeAssessmentValidationContract(store: () => Store): void {
  let traceId: string;
  let existing: Assessment;

  beforeEach(async () => {
    const trace = makeTrace();
    traceId = trace.info.trace_id;
    await store().traces.put(trace);
    existing = await store().assessments.create(makeAssessment(traceId));
  });

  it.each(BROKEN)('refuses %s with INVALID_ARGUMENT and changes nothing', async (_label, broken) => {
    const input = broken(makeAssessment(traceId, { assessment_name: 'broken' }));
    const error = await expectVerdictError(store().assessments.create(input as Assessment), 'INVALID_ARGUMENT');
    expect(error.issues?.length).toBeGreaterThan(0);
    expect((await store().traces.get(traceId))?.info.assessments).toEqual([existing]);
    expect((await store().traces.search({ assessment_name: 'broken' })).traces).toEqual([]);
  });

  it('refuses an invalid override without invalidating the assessment it names', async () => {
    const input = { ...makeAssessment(traceId, { overrides: existing.assessment_id }), feedback: { value: null } };
    await expectVerdictError(store().assessments.create(input as unknown as Assessment), 'INVALID_ARGUMENT');
    expect(await store().assessments.get(traceId, existing.assessment_id)).toEqual(existing);
  });
}
