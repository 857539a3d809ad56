import { describe, expect, it } from 'vitest';
import { describeStoreConformance, makeAssessment, makeTrace } from '../testing';
import { memoryStore } from './memory-store';

describeStoreConformance('memoryStore', memoryStore);

describe('memoryStore', () => {
  it('orders a trace’s assessments by create_time, whatever the insertion order', async () => {
    const store = memoryStore();
    const trace = makeTrace();
    await store.traces.put(trace);
    for (const create_time of [3000, 1000, 2000]) {
      await store.assessments.create(makeAssessment(trace.info.trace_id, { create_time }));
    }
    const stored = await store.traces.get(trace.info.trace_id);
    expect(stored?.info.assessments.map((assessment) => assessment.create_time)).toEqual([1000, 2000, 3000]);
  });

  it('refuses a second assessment with the same id with CONFLICT', async () => {
    const store = memoryStore();
    const trace = makeTrace();
    await store.traces.put(trace);
    const assessment = makeAssessment(trace.info.trace_id);
    await store.assessments.create(assessment);
    await expect(store.assessments.create(assessment)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a page token made for the other sort direction', async () => {
    const store = memoryStore();
    for (const request_time of [1, 2, 3]) await store.traces.put(makeTrace({ request_time }));
    const { next_page_token } = await store.traces.search({ max_results: 1 });
    await expect(
      store.traces.search({ max_results: 1, order_by: 'request_time ASC', page_token: next_page_token! }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('keeps no state between stores', async () => {
    const first = memoryStore();
    await first.traces.put(makeTrace());
    expect((await memoryStore().traces.search()).traces).toEqual([]);
  });
});
