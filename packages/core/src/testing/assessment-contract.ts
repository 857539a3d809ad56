import { beforeEach, expect, it } from 'vitest';
import { VerdictError } from '../errors';
import { newAssessmentId, newTraceId } from '../ids';
import type { Assessment } from '../schemas/assessment';
import type { Store } from '../store/store';
import { expectVerdictError } from './expect-verdict-error';
import { makeAssessment, makeTrace } from './fixtures';

const T = 1_700_000_000_000;

/** The fields a store must keep as given (a remote store may assign its own ids and times). */
function content(assessment: Assessment): Partial<Assessment> {
  const { assessment_id: _id, create_time: _created, last_update_time: _updated, ...rest } = assessment;
  return rest;
}

/** The `assessments` part of the Store contract: create, get, delete and overrides. */
export function describeAssessmentContract(store: () => Store): void {
  let traceId: string;
  const assessmentsOf = async (id: string) => (await store().traces.get(id))?.info.assessments;

  beforeEach(async () => {
    const trace = makeTrace();
    traceId = trace.info.trace_id;
    await store().traces.put(trace);
  });

  it('creates assessments of every value type and returns them from get and traces.get', async () => {
    const [span] = (await store().traces.get(traceId))?.data.spans ?? [];
    const inputs = [
      makeAssessment(traceId, { create_time: T + 1, feedback: { value: true } }),
      makeAssessment(traceId, { create_time: T + 2, assessment_name: 'score', feedback: { value: 0.75 }, rationale: 'mostly right' }),
      makeAssessment(traceId, { create_time: T + 3, assessment_name: 'tone', feedback: { value: 'friendly' }, metadata: { k: 'v' } }),
      makeAssessment(traceId, { create_time: T + 4, assessment_name: 'facts', expectation: { value: ['a', 'b'] } }),
      makeAssessment(traceId, { create_time: T + 5, assessment_name: 'shape', expectation: { value: { answer: 'Paris', n: [1, 2] } } }),
      makeAssessment(traceId, {
        create_time: T + 6,
        assessment_name: 'groundedness',
        source: { source_type: 'LLM_JUDGE', source_id: 'judge-1' },
        feedback: { error: { error_code: 'RATE_LIMITED', error_message: 'try later' } },
        ...(span === undefined ? {} : { span_id: span.span_id }),
      }),
    ];
    const created: Assessment[] = [];
    for (const input of inputs) created.push(await store().assessments.create(input));
    expect(created.map(content)).toEqual(inputs.map(content));
    for (const assessment of created) {
      expect(await store().assessments.get(traceId, assessment.assessment_id)).toEqual(assessment);
    }
    expect(await assessmentsOf(traceId)).toEqual(created);
  });

  it('returns null for an unknown assessment or trace', async () => {
    expect(await store().assessments.get(traceId, newAssessmentId())).toBeNull();
    expect(await store().assessments.get(newTraceId(), newAssessmentId())).toBeNull();
  });

  it('refuses an assessment on an unknown trace with NOT_FOUND', async () => {
    await expectVerdictError(store().assessments.create(makeAssessment(newTraceId())), 'NOT_FOUND');
  });

  it('overrides: the old one becomes invalid, the new one points to it, deleting the new one restores it', async () => {
    const old = await store().assessments.create(makeAssessment(traceId, { create_time: T + 1 }));
    const replacement = await store().assessments.create(
      makeAssessment(traceId, { create_time: T + 2, feedback: { value: false }, overrides: old.assessment_id }),
    );
    expect(replacement).toMatchObject({ overrides: old.assessment_id, valid: true, feedback: { value: false } });
    expect(await store().assessments.get(traceId, old.assessment_id)).toMatchObject({ valid: false, feedback: { value: true } });
    expect((await assessmentsOf(traceId))?.map((assessment) => assessment.valid)).toEqual([false, true]);

    await store().assessments.delete(traceId, replacement.assessment_id);
    expect(await store().assessments.get(traceId, replacement.assessment_id)).toBeNull();
    expect(await store().assessments.get(traceId, old.assessment_id)).toMatchObject({ valid: true });
    // A store may touch last_update_time when it restores the old assessment.
    expect(await assessmentsOf(traceId)).toMatchObject([{ ...content(old), valid: true }]);
  });

  it('refuses to override an unknown assessment with NOT_FOUND and changes nothing', async () => {
    const existing = await store().assessments.create(makeAssessment(traceId));
    await expectVerdictError(
      store().assessments.create(makeAssessment(traceId, { overrides: newAssessmentId() })),
      'NOT_FOUND',
    );
    expect(await assessmentsOf(traceId)).toEqual([existing]);
  });

  it('refuses to override an assessment that is already overridden with CONFLICT, racing or not', async () => {
    const old = await store().assessments.create(makeAssessment(traceId, { create_time: T + 1 }));
    const racing = await Promise.allSettled(
      [2, 3].map((offset) => store().assessments.create(makeAssessment(traceId, { create_time: T + offset, overrides: old.assessment_id }))),
    );
    expect(racing.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = racing.find((result) => result.status === 'rejected');
    expect(VerdictError.isInstance(refused?.reason) && refused.reason.code).toBe('CONFLICT');
    expect((await assessmentsOf(traceId))?.filter((assessment) => assessment.valid)).toHaveLength(1);
  });

  it('deletes an assessment; deleting it again, or on an unknown trace, is NOT_FOUND', async () => {
    const kept = await store().assessments.create(makeAssessment(traceId, { create_time: T + 1 }));
    const gone = await store().assessments.create(makeAssessment(traceId, { create_time: T + 2, assessment_name: 'tone', feedback: { value: 'ok' } }));
    await store().assessments.delete(traceId, gone.assessment_id);
    expect(await assessmentsOf(traceId)).toEqual([kept]);
    await expectVerdictError(store().assessments.delete(traceId, gone.assessment_id), 'NOT_FOUND');
    await expectVerdictError(store().assessments.delete(newTraceId(), kept.assessment_id), 'NOT_FOUND');
    await expectVerdictError(store().assessments.delete(traceId, 'not-an-id'), 'NOT_FOUND');
  });

  it('copies assessments in and out, so callers cannot change the store', async () => {
    const input = makeAssessment(traceId, { feedback: { value: { nested: 'x' } } });
    const created = await store().assessments.create(input);
    const snapshot = structuredClone(created);
    (input.feedback!.value as Record<string, string>).nested = 'mutated';
    (created.feedback!.value as Record<string, string>).nested = 'mutated';
    const fetched = await store().assessments.get(traceId, created.assessment_id);
    (fetched!.feedback!.value as Record<string, string>).nested = 'mutated';
    expect(await store().assessments.get(traceId, created.assessment_id)).toEqual(snapshot);
  });
}
