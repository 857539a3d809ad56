import { beforeEach, expect, it } from 'vitest';
import type { SearchTracesParams } from '../schemas/search';
import { LABELING_COPY_TAG } from '../store/labeling-copy';
import type { Store } from '../store/store';
import { expectVerdictError } from './expect-verdict-error';
import { makeAssessment, makeTrace } from './fixtures';
import type { MakeAssessmentOptions } from './fixtures';

const T = 1_700_000_000_000;

/** Four traces whose fields and assessments each filter can tell apart. */
async function seed(store: Store): Promise<Record<'t1' | 't2' | 't3' | 't4', string>> {
  const traces = {
    t1: makeTrace({ request_time: T + 1000, state: 'OK', tags: { env: 'prod', team: 'a' }, trace_metadata: { user: 'u1' }, client_request_id: 'req-1' }),
    t2: makeTrace({ request_time: T + 2000, state: 'ERROR', tags: { env: 'dev' }, trace_metadata: { user: 'u2' } }),
    t3: makeTrace({ request_time: T + 3000, state: 'IN_PROGRESS', tags: { env: 'prod', team: 'b' }, trace_metadata: { user: 'u1' } }),
    t4: makeTrace({ request_time: T + 4000, state: 'OK', tags: {}, trace_metadata: {} }),
  };
  for (const trace of Object.values(traces)) await store.traces.put(trace);
  const id = (key: keyof typeof traces) => traces[key].info.trace_id;
  // Distinct, rising create_times: the order of a trace's assessments is then the same for every store.
  let clock = T + 10_000;
  const create = (key: keyof typeof traces, options: MakeAssessmentOptions) =>
    store.assessments.create(makeAssessment(id(key), { create_time: (clock += 1000), ...options }));
  await create('t1', { feedback: { value: true } });
  await create('t2', { feedback: { value: false } });
  await create('t2', { assessment_name: 'score', feedback: { value: 0.5 } });
  const flag = await create('t2', { assessment_name: 'flag', feedback: { value: true } });
  // An override under another name: `flag` survives only as an invalid assessment.
  await create('t2', { assessment_name: 'flag_reviewed', feedback: { value: false }, overrides: flag.assessment_id });
  await create('t3', { assessment_name: 'tone', feedback: { value: 'friendly' } });
  await create('t3', { assessment_name: 'expected_facts', expectation: { value: ['a', 'b'] } });
  await create('t3', { assessment_name: 'details', feedback: { value: { depth: 2, ok: true } } });
  // t4's thumbs up was overridden to a thumbs down: only `false` still counts.
  const thumbs = await create('t4', { feedback: { value: true } });
  await create('t4', { feedback: { value: false }, overrides: thumbs.assessment_id });
  return { t1: id('t1'), t2: id('t2'), t3: id('t3'), t4: id('t4') };
}

/** The filtering part of `traces.search`: every field of SearchTracesParams. */
export function describeSearchFilterContract(store: () => Store): void {
  let ids: Record<'t1' | 't2' | 't3' | 't4', string>;
  const found = async (params: SearchTracesParams) =>
    (await store().traces.search({ order_by: 'request_time ASC', ...params })).traces.map((info) => info.trace_id);

  beforeEach(async () => {
    ids = await seed(store());
  });

  it('returns every trace, newest first, when given no filter', async () => {
    const { traces, next_page_token } = await store().traces.search();
    expect(traces.map((info) => info.trace_id)).toEqual([ids.t4, ids.t3, ids.t2, ids.t1]);
    expect(next_page_token).toBeUndefined();
  });

  it('filters by a [start, end) time window', async () => {
    expect(await found({ start_time_ms: T + 2000 })).toEqual([ids.t2, ids.t3, ids.t4]);
    expect(await found({ end_time_ms: T + 3000 })).toEqual([ids.t1, ids.t2]);
    expect(await found({ start_time_ms: T + 2000, end_time_ms: T + 4000 })).toEqual([ids.t2, ids.t3]);
    expect(await found({ start_time_ms: T + 2001, end_time_ms: T + 3000 })).toEqual([]);
  });

  it('filters by state', async () => {
    expect(await found({ state: 'OK' })).toEqual([ids.t1, ids.t4]);
    expect(await found({ state: 'ERROR' })).toEqual([ids.t2]);
    expect(await found({ state: 'IN_PROGRESS' })).toEqual([ids.t3]);
  });

  it('filters by tags and metadata, every entry equal', async () => {
    expect(await found({ tags: { env: 'prod' } })).toEqual([ids.t1, ids.t3]);
    expect(await found({ tags: { env: 'prod', team: 'b' } })).toEqual([ids.t3]);
    expect(await found({ tags: { env: 'staging' } })).toEqual([]);
    expect(await found({ tags: { constructor: 'x' } })).toEqual([]);
    expect(await found({ metadata: { user: 'u1' } })).toEqual([ids.t1, ids.t3]);
    expect(await found({ metadata: { user: 'u1' }, tags: { team: 'a' } })).toEqual([ids.t1]);
  });

  it('filters by the name of a valid assessment', async () => {
    expect(await found({ assessment_name: 'user_feedback' })).toEqual([ids.t1, ids.t2, ids.t4]);
    expect(await found({ assessment_name: 'tone' })).toEqual([ids.t3]);
    expect(await found({ assessment_name: 'flag' })).toEqual([]);
    expect(await found({ assessment_name: 'flag_reviewed' })).toEqual([ids.t2]);
  });

  it('filters by assessment value written as JSON, or as the raw string', async () => {
    expect(await found({ assessment_name: 'user_feedback', assessment_value: 'true' })).toEqual([ids.t1]);
    expect(await found({ assessment_name: 'user_feedback', assessment_value: 'false' })).toEqual([ids.t2, ids.t4]);
    expect(await found({ assessment_name: 'score', assessment_value: '0.5' })).toEqual([ids.t2]);
    expect(await found({ assessment_name: 'tone', assessment_value: '"friendly"' })).toEqual([ids.t3]);
    expect(await found({ assessment_name: 'tone', assessment_value: 'friendly' })).toEqual([ids.t3]);
    expect(await found({ assessment_name: 'tone', assessment_value: 'rude' })).toEqual([]);
    expect(await found({ assessment_name: 'expected_facts', assessment_value: '["a","b"]' })).toEqual([ids.t3]);
    expect(await found({ assessment_name: 'details', assessment_value: '{"depth":2,"ok":true}' })).toEqual([ids.t3]);
    // Name and value must belong to the same assessment.
    expect(await found({ assessment_name: 'score', assessment_value: 'false' })).toEqual([]);
  });

  it('filters by client_request_id', async () => {
    expect(await found({ client_request_id: 'req-1' })).toEqual([ids.t1]);
    expect(await found({ client_request_id: 'req-404' })).toEqual([]);
  });

  it('combines filters with AND', async () => {
    expect(await found({ state: 'OK', tags: { env: 'prod' }, assessment_name: 'user_feedback' })).toEqual([ids.t1]);
  });

  it('finds text in the request or response preview, ignoring case', async () => {
    const asked = makeTrace({ request_time: T + 5000, request_preview: 'How do I RESET my password?', response_preview: 'Open the settings.' });
    const answered = makeTrace({ request_time: T + 6000, request_preview: 'Hello', response_preview: 'Use the Reset link.' });
    await store().traces.put(asked);
    await store().traces.put(answered);
    expect(await found({ text: 'reset' })).toEqual([asked.info.trace_id, answered.info.trace_id]);
    expect(await found({ text: 'SETTINGS' })).toEqual([asked.info.trace_id]);
    expect(await found({ text: 'what is verdict' })).toEqual([ids.t1, ids.t2, ids.t3, ids.t4]);
    expect(await found({ text: 'verdict', state: 'ERROR' })).toEqual([ids.t2]);
    expect(await found({ text: 'nowhere to be found' })).toEqual([]);
    // Text is matched as written, not as a pattern.
    expect(await found({ text: '.*' })).toEqual([]);
    expect(await found({ text: '' })).toHaveLength(6);
  });

  it('leaves labeling copies out unless the tags name the copy tag', async () => {
    const copy = makeTrace({ request_time: T + 2500, tags: { env: 'prod', [LABELING_COPY_TAG]: 'true' } });
    await store().traces.put(copy);
    expect(await found({})).toEqual([ids.t1, ids.t2, ids.t3, ids.t4]);
    expect(await found({ tags: { env: 'prod' } })).toEqual([ids.t1, ids.t3]);
    expect(await found({ text: 'verdict', start_time_ms: T + 2000, end_time_ms: T + 3000 })).toEqual([ids.t2]);
    expect(await found({ tags: { [LABELING_COPY_TAG]: 'true' } })).toEqual([copy.info.trace_id]);
    expect(await found({ tags: { [LABELING_COPY_TAG]: 'true', env: 'prod' } })).toEqual([copy.info.trace_id]);
    expect(await found({ tags: { [LABELING_COPY_TAG]: 'false' } })).toEqual([]);
    // Still a trace like any other when read by id.
    expect((await store().traces.get(copy.info.trace_id))?.info.tags[LABELING_COPY_TAG]).toBe('true');
  });

  it('returns trace infos with all their assessments, valid and overridden', async () => {
    const { traces } = await store().traces.search({ client_request_id: 'req-1' });
    expect(traces[0]?.assessments.map((assessment) => assessment.assessment_name)).toEqual(['user_feedback']);
    const [t4] = (await store().traces.search({ start_time_ms: T + 4000 })).traces;
    expect(t4?.assessments.map((assessment) => [assessment.feedback?.value, assessment.valid])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('accepts numbers written as strings, as query strings carry them', async () => {
    expect(await found({ start_time_ms: String(T + 4000), max_results: '1' })).toEqual([ids.t4]);
  });

  it('refuses invalid params with INVALID_ARGUMENT', async () => {
    await expectVerdictError(store().traces.search({ nonsense: 1 } as never), 'INVALID_ARGUMENT');
    await expectVerdictError(store().traces.search({ assessment_value: 'true' }), 'INVALID_ARGUMENT');
    await expectVerdictError(store().traces.search({ state: 'DONE' } as never), 'INVALID_ARGUMENT');
    await expectVerdictError(store().traces.search({ order_by: 'name ASC' } as never), 'INVALID_ARGUMENT');
    await expectVerdictError(store().traces.search({ start_time_ms: 'yesterday' }), 'INVALID_ARGUMENT');
  });
}
