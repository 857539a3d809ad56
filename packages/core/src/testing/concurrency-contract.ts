import { expect, it } from 'vitest';
import type { Store } from '../store/store';
import { makeAssessment, makeTrace } from './fixtures';

const T = 1_700_000_000_000;

/** Concurrent writes: a store must serialise or merge them, never lose one. */
export function describeConcurrencyContract(store: () => Store): void {
  it('keeps all of 200 concurrent assessment creates on one trace', async () => {
    const trace = makeTrace();
    await store().traces.put(trace);
    const inputs = Array.from({ length: 200 }, (_, index) =>
      makeAssessment(trace.info.trace_id, { create_time: T + index, feedback: { value: index } }),
    );
    const created = await Promise.all(inputs.map((input) => store().assessments.create(input)));
    expect(new Set(created.map((assessment) => assessment.assessment_id)).size).toBe(200);
    const stored = (await store().traces.get(trace.info.trace_id))?.info.assessments ?? [];
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((assessment) => assessment.feedback?.value))).toEqual(new Set(inputs.map((_, index) => index)));
  });

  it('keeps all of 100 concurrent trace puts', async () => {
    const traces = Array.from({ length: 100 }, (_, index) => makeTrace({ request_time: T + index }));
    await Promise.all(traces.map((trace) => store().traces.put(trace)));
    const { traces: found } = await store().traces.search({ max_results: 1000 });
    expect(found.map((info) => info.trace_id).sort()).toEqual(traces.map((trace) => trace.info.trace_id).sort());
  });

  it('loses no assessment when its trace is put again at the same time', async () => {
    const trace = makeTrace({ state: 'IN_PROGRESS' });
    await store().traces.put(trace);
    const writes: Array<Promise<unknown>> = [];
    for (let index = 0; index < 50; index += 1) {
      writes.push(store().assessments.create(makeAssessment(trace.info.trace_id, { create_time: T + index })));
      if (index % 5 === 0) writes.push(store().traces.put({ ...trace, info: { ...trace.info, state: 'OK', response_preview: `v${index}` } }));
    }
    await Promise.all(writes);
    const stored = await store().traces.get(trace.info.trace_id);
    expect(stored?.info.state).toBe('OK');
    expect(stored?.info.assessments).toHaveLength(50);
  });
}
