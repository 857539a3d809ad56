import { beforeEach, expect, it } from 'vitest';
import { LABELING_COPY_TAG } from '../store/labeling-copy';
import type { Store } from '../store/store';
import { expectVerdictError } from './expect-verdict-error';
import { makeAssessment, makeTrace } from './fixtures';
import type { MakeAssessmentOptions } from './fixtures';

/** 2023-11-14T22:13:20Z: 22:00 is its UTC hour, 2023-11-14T00:00Z its UTC day. */
const T = 1_700_000_000_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const hourOf = (time: number) => Math.floor(time / HOUR) * HOUR;
const dayOf = (time: number) => Math.floor(time / DAY) * DAY;

type Key = 'a' | 'b' | 'c' | 'd' | 'e';

/**
 * Five traces whose votes exercise every rule: two voters on one trace, an overridden vote, a
 * trace with no vote, a non-boolean `user_feedback`, an errored one, dimensions, and non-votes.
 */
async function seed(store: Store): Promise<Record<Key, string>> {
  const times: Record<Key, number> = { a: T, b: T + 10 * 60_000, c: T + HOUR, d: T + 2 * HOUR, e: T + 3 * DAY };
  const ids = {} as Record<Key, string>;
  for (const key of Object.keys(times) as Key[]) {
    const trace = makeTrace({ request_time: times[key] });
    await store.traces.put(trace);
    ids[key] = trace.info.trace_id;
  }
  let clock = T + 10 * DAY;
  const create = (key: Key, options: MakeAssessmentOptions) =>
    store.assessments.create(makeAssessment(ids[key], { create_time: (clock += 1000), ...options }));
  // a: two voters disagree, plus two dimensions.
  await create('a', { feedback: { value: true }, source: { source_type: 'HUMAN', source_id: 'u1' } });
  await create('a', { feedback: { value: false }, source: { source_type: 'HUMAN', source_id: 'u2' } });
  await create('a', { assessment_name: 'user_accuracy', feedback: { value: 1 } });
  await create('a', { assessment_name: 'user_helpfulness', feedback: { value: 0.5 } });
  // b: a thumbs up changed to a thumbs down — only the valid override counts.
  const up = await create('b', { feedback: { value: true } });
  await create('b', { feedback: { value: false }, overrides: up.assessment_id });
  await create('b', { assessment_name: 'user_accuracy', feedback: { value: 0.5 } });
  // c: no vote; other feedback and a numeric *expectation* named like a dimension count for nothing.
  await create('c', { assessment_name: 'tone', feedback: { value: 'friendly' } });
  await create('c', { assessment_name: 'user_note', feedback: { value: 'ok' } });
  await create('c', { assessment_name: 'user_accuracy', expectation: { value: 0 } });
  // d: one thumbs up, and a user_feedback that is not a boolean (ignored).
  await create('d', { feedback: { value: true } });
  await create('d', { feedback: { value: 'yes' } });
  // e: a user_feedback with an error and no value is not a vote.
  await create('e', { feedback: { error: { error_code: 'TIMEOUT' } } });
  return ids;
}

const zeros = { total_traces: 0, traces_with_feedback: 0, feedback_rate: 0, positive_rate: 0, positive_count: 0, negative_count: 0 };

/** `traces.summary`: the figures of `GET /feedback/summary`, as core's `summarizeFeedback` defines them. */
export function describeSummaryContract(store: () => Store): void {
  let ids: Record<Key, string>;
  beforeEach(async () => {
    ids = await seed(store());
  });

  it('counts every valid boolean user_feedback vote, each trace once for traces_with_feedback', async () => {
    const summary = await store().traces.summary();
    expect(summary).toMatchObject({
      total_traces: 5,
      traces_with_feedback: 3,
      feedback_rate: 60,
      positive_count: 2,
      negative_count: 2,
      positive_rate: 50,
    });
  });

  it('averages numeric user_<dimension> feedback by dimension, without the prefix', async () => {
    const { dimensions } = await store().traces.summary();
    expect({ ...dimensions }).toEqual({ accuracy: 0.75, helpfulness: 0.5 });
  });

  it('groups by UTC day by default and by UTC hour when asked, oldest first, empty buckets left out', async () => {
    const days = (await store().traces.summary()).buckets;
    expect(days.map((bucket) => bucket.start_time_ms)).toEqual([dayOf(T), dayOf(T) + DAY, dayOf(T) + 3 * DAY]);
    expect(days[0]).toEqual({ start_time_ms: dayOf(T), total_traces: 3, traces_with_feedback: 2, feedback_rate: (2 / 3) * 100, positive_rate: (1 / 3) * 100, positive_count: 1, negative_count: 2 });
    const hours = (await store().traces.summary({ bucket: 'hour' })).buckets;
    expect(hours.map((bucket) => [bucket.start_time_ms, bucket.total_traces, bucket.positive_count, bucket.negative_count])).toEqual([
      [hourOf(T), 2, 1, 2],
      [hourOf(T) + HOUR, 1, 0, 0],
      [hourOf(T) + 2 * HOUR, 1, 1, 0],
      [hourOf(T) + 3 * DAY, 1, 0, 0],
    ]);
    expect(hours[1]).toMatchObject({ feedback_rate: 0, positive_rate: 0 });
    expect(hours[2]).toMatchObject({ feedback_rate: 100, positive_rate: 100 });
  });

  it('keeps to the [start, end) window, numbers given as strings too', async () => {
    const summary = await store().traces.summary({ start_time_ms: String(T + HOUR), end_time_ms: String(T + 3 * HOUR), bucket: 'hour' });
    expect(summary).toMatchObject({ total_traces: 2, traces_with_feedback: 1, feedback_rate: 50, positive_count: 1, negative_count: 0, positive_rate: 100 });
    expect({ ...summary.dimensions }).toEqual({});
    expect(summary.buckets.map((bucket) => bucket.start_time_ms)).toEqual([hourOf(T) + HOUR, hourOf(T) + 2 * HOUR]);
    expect((await store().traces.summary({ start_time_ms: T, end_time_ms: T })).total_traces).toBe(0);
  });

  it('answers an empty window with zeros, not NaN', async () => {
    const summary = await store().traces.summary({ start_time_ms: T + 10 * DAY, end_time_ms: T + 11 * DAY });
    expect(summary).toEqual({ ...zeros, dimensions: {}, buckets: [] });
  });

  it('follows overrides and deletes as they happen', async () => {
    const { traces } = await store().traces.search({ start_time_ms: T + 10 * 60_000, end_time_ms: T + 10 * 60_000 + 1 });
    const override = traces[0]!.assessments.find((assessment) => assessment.assessment_name === 'user_feedback' && assessment.valid)!;
    expect(traces[0]!.trace_id).toBe(ids.b);
    // Deleting the override makes the original thumbs up count again.
    await store().assessments.delete(ids.b, override.assessment_id);
    expect(await store().traces.summary()).toMatchObject({ positive_count: 3, negative_count: 1, positive_rate: 75, traces_with_feedback: 3 });
    await store().assessments.create(makeAssessment(ids.c, { feedback: { value: false }, create_time: T + 20 * DAY }));
    expect(await store().traces.summary()).toMatchObject({ traces_with_feedback: 4, feedback_rate: 80, negative_count: 2 });
  });

  it('never counts labeling copies, which keep their original request_time', async () => {
    const before = await store().traces.summary({ bucket: 'hour' });
    const copy = makeTrace({ request_time: T, tags: { [LABELING_COPY_TAG]: 'true' } });
    await store().traces.put(copy);
    await store().assessments.create(makeAssessment(copy.info.trace_id, { feedback: { value: true }, create_time: T + 20 * DAY }));
    await store().assessments.create(makeAssessment(copy.info.trace_id, { assessment_name: 'user_accuracy', feedback: { value: 0 }, create_time: T + 21 * DAY }));
    expect(await store().traces.summary({ bucket: 'hour' })).toEqual(before);
  });

  it('refuses invalid params with INVALID_ARGUMENT', async () => {
    await expectVerdictError(store().traces.summary({ bucket: 'week' } as never), 'INVALID_ARGUMENT');
    await expectVerdictError(store().traces.summary({ start_time_ms: 'yesterday' }), 'INVALID_ARGUMENT');
    await expectVerdictError(store().traces.summary({ start_time_ms: T + 1, end_time_ms: T }), 'INVALID_ARGUMENT');
    await expectVerdictError(store().traces.summary({ tags: { env: 'prod' } } as never), 'INVALID_ARGUMENT');
  });
}
