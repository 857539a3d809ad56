import type { LabelSchema, ReviewClient } from '@verdict/core';
import { makeSpan, makeTrace } from '@verdict/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../json-store/test-support/temp-dirs';
import { serveReview, statusOf } from '../test-support/review-server';
import type { ReviewServer } from '../test-support/review-server';

const tempDir = useTempDirs('verdict-labeling-');
let review: ReviewServer | undefined;
afterEach(async () => {
  await review?.close();
  review = undefined;
});

const SCHEMAS: LabelSchema[] = [
  { name: 'verdict', type: 'feedback', title: 'Correct?', enable_comment: true, input: { kind: 'categorical', options: ['yes', 'no'] } },
  { name: 'issues', type: 'feedback', title: 'Issues', input: { kind: 'categorical_list', options: ['tone', 'facts', 'format'] } },
  { name: 'score', type: 'feedback', title: 'Score', input: { kind: 'numeric', min_value: 1, max_value: 5 } },
  { name: 'better', type: 'expectation', title: 'Better answer', input: { kind: 'text', max_length: 40 } },
  { name: 'expected_facts', type: 'expectation', title: 'Facts', input: { kind: 'text_list', max_count: 3, max_length_each: 30 } },
];
const GOOD = { verdict: 'no', issues: ['facts'], score: 2, better: 'Paris.', expected_facts: ['Paris is the capital'] };

async function setup(options: { reviewers_per_item?: number; traces?: number; claimTtlMs?: number } = {}) {
  review = await serveReview(tempDir(), options.claimTtlMs === undefined ? {} : { claimTtlMs: options.claimTtlMs });
  const dev = review.as('dev');
  for (const schema of SCHEMAS.filter(({ name }) => name !== 'expected_facts')) await dev.createLabelSchema(schema);
  await dev.updateLabelSchema('expected_facts', { input: SCHEMAS[4]!.input });
  const traces = await review.addTraces(options.traces ?? 3);
  const session = await dev.createLabelingSession({
    name: 'doubtful answers',
    assigned_users: ['ann', 'bob', 'cy'],
    label_schemas: SCHEMAS.map(({ name }) => name),
    ...(options.reviewers_per_item === undefined ? {} : { reviewers_per_item: options.reviewers_per_item }),
  });
  const { items } = traces.length === 0 ? { items: [] } : await dev.addLabelingItems(session.labeling_session_id, { trace_ids: traces.map((trace) => trace.info.trace_id) });
  return { server: review, dev, traces, session, sessionId: session.labeling_session_id, items };
}

describe('labeling sessions: items are copies', () => {
  it('copies each trace with new trace and span ids, the same tree, and a link to the source', async () => {
    const trace = makeTrace();
    const { server, items, sessionId } = await setup({ traces: 0 }).then(async (context) => {
      await context.server.store.traces.put(trace);
      const added = await context.dev.addLabelingItems(context.sessionId, { trace_ids: [trace.info.trace_id] });
      return { ...context, items: added.items };
    });
    const [item] = items;
    expect(item).toMatchObject({ source: { trace_id: trace.info.trace_id }, state: 'pending', labels: {} });
    expect(item!.trace_id).not.toBe(trace.info.trace_id);
    const copy = (await server.store.traces.get(item!.trace_id))!;
    expect(copy.info.trace_metadata).toMatchObject({ 'verdict.source_trace_id': trace.info.trace_id, 'verdict.labeling_session_id': sessionId });
    expect(copy.info.tags).toMatchObject({ ...trace.info.tags, 'verdict.labeling_copy': 'true' });
    const originalIds = new Set(trace.data.spans.map((span) => span.span_id));
    expect(copy.data.spans.every((span) => !originalIds.has(span.span_id) && span.trace_id === copy.info.trace_id)).toBe(true);
    // Same tree: each copied span's parent is the copy of the original's parent.
    const byName = (spans: typeof trace.data.spans) => Object.fromEntries(spans.map((span) => [span.span_id, span.name]));
    const shape = (spans: typeof trace.data.spans) => spans.map((span) => [span.name, span.parent_span_id === null ? null : byName(spans)[span.parent_span_id], span.inputs, span.outputs]);
    expect(shape(copy.data.spans)).toEqual(shape(trace.data.spans));
    // Adding the same trace again adds nothing.
    expect((await server.as('dev').addLabelingItems(sessionId, { trace_ids: [trace.info.trace_id] })).items).toEqual([]);
  });

  it('labels land on the copy as HUMAN assessments; the original trace is unchanged', async () => {
    const { server, traces, sessionId, items } = await setup();
    const before = JSON.stringify(await server.store.traces.get(traces[0]!.info.trace_id));
    const item = await server.as('ann').submitLabels(sessionId, items[0]!.item_id, { labels: GOOD, comments: { verdict: 'wrong city' } });
    expect(item.state).toBe('completed');
    expect(item.labels.ann).toEqual({ ...Object.fromEntries(Object.entries(GOOD).map(([k, value]) => [k, { value }])), verdict: { value: 'no', comment: 'wrong city' } });
    expect(JSON.stringify(await server.store.traces.get(traces[0]!.info.trace_id))).toBe(before);
    const copy = (await server.store.traces.get(item.trace_id))!;
    const byName = Object.fromEntries(copy.info.assessments.map((assessment) => [assessment.assessment_name, assessment]));
    expect(byName.verdict).toMatchObject({ source: { source_type: 'HUMAN', source_id: 'ann' }, feedback: { value: 'no' }, rationale: 'wrong city', valid: true, metadata: { labeling_session_id: sessionId, item_id: item.item_id } });
    expect(byName.better).toMatchObject({ expectation: { value: 'Paris.' } });
    expect(byName.expected_facts).toMatchObject({ expectation: { value: ['Paris is the capital'] } });
    // Changing one's answers overrides the earlier assessments (kept, invalid).
    await server.as('ann').submitLabels(sessionId, items[0]!.item_id, { labels: { ...GOOD, verdict: 'yes' } });
    const after = (await server.store.traces.get(item.trace_id))!.info.assessments.filter(({ assessment_name }) => assessment_name === 'verdict');
    expect(after.map(({ valid, feedback }) => [valid, feedback?.value])).toEqual([[false, 'no'], [true, 'yes']]);
  });

  it('two concurrent adds of the same traces add each once', async () => {
    const { server, dev, sessionId } = await setup({ traces: 0 });
    const traces = await server.addTraces(3);
    const body = { trace_ids: traces.map((trace) => trace.info.trace_id) };
    const [first, second] = await Promise.all([dev.addLabelingItems(sessionId, body), dev.addLabelingItems(sessionId, body)]);
    expect(first.items.length + second.items.length).toBe(3);
    const { items } = await dev.listLabelingItems(sessionId);
    expect(items.map(({ source }) => source).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      body.trace_ids.map((trace_id) => ({ trace_id })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  it('adds items from a /traces filter (skipping copies) and from dataset records', async () => {
    const { server, dev, sessionId } = await setup({ traces: 0 });
    const tagged = await server.addTraces(2, () => makeTrace({ tags: { env: 'prod', doubt: 'yes' } }));
    await server.addTraces(1, () => makeTrace({ tags: { env: 'prod' } }));
    const fromFilter = await dev.addLabelingItems(sessionId, { filter: { tags: { doubt: 'yes' } } });
    expect(fromFilter.items.map(({ source }) => source).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      tagged.map((trace) => ({ trace_id: trace.info.trace_id })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    // The copies carry the tag too, but a filter never picks copies.
    expect((await dev.addLabelingItems(sessionId, { filter: { tags: { doubt: 'yes' } } })).items).toEqual([]);

    await dev.createDataset({ name: 'golden' });
    await dev.upsertDatasetRecords('golden', { records: [{ inputs: { question: 'Capital of France?' } }, { inputs: { question: 'Capital of Peru?' } }] });
    const { records } = await dev.listDatasetRecords('golden');
    const fromRecords = await dev.addLabelingItems(sessionId, { dataset: 'golden', record_ids: [records[1]!.dataset_record_id] });
    expect(fromRecords.items[0]!.source).toEqual({ dataset_record_id: records[1]!.dataset_record_id, dataset: 'golden' });
    const synthetic = (await server.store.traces.get(fromRecords.items[0]!.trace_id))!;
    expect(synthetic.data.spans[0]).toMatchObject({ parent_span_id: null, inputs: { question: 'Capital of Peru?' } });
    expect(synthetic.info.request_preview).toBe('Capital of Peru?');
    expect((await dev.addLabelingItems(sessionId, { dataset: 'golden' })).items).toHaveLength(1);
    const unknown = await server.call('dev', 'POST', `/labeling-sessions/${sessionId}/items`, { trace_ids: [makeTrace().info.trace_id] });
    expect(unknown.status).toBe(404);
    expect((await dev.getLabelingSession(sessionId)).progress.total).toBe(4);
  });

  it('adds every match of a filter spanning several /traces pages', async () => {
    const { server, dev, sessionId } = await setup({ traces: 0 });
    const tagged = await server.addTraces(5, () => makeTrace({ tags: { doubt: 'yes' } }));
    const { items } = await dev.addLabelingItems(sessionId, { filter: { tags: { doubt: 'yes' }, max_results: 2 } });
    expect(items.map(({ source }) => ('trace_id' in source ? source.trace_id : '')).sort()).toEqual(tagged.map((trace) => trace.info.trace_id).sort());
  });

  it('copies are labeling work, not app traffic: /feedback/summary and /traces are unchanged, copies found when asked', async () => {
    const { server, dev, sessionId } = await setup({ traces: 0 });
    const traces = await server.addTraces(3);
    const vote = await server.call('dev', 'POST', `/traces/${traces[0]!.info.trace_id}/assessments`, {
      assessment_name: 'user_feedback',
      source: { source_type: 'HUMAN', source_id: 'u1' },
      feedback: { value: true },
    });
    expect(vote.status).toBe(201);
    const summary = await server.call('dev', 'GET', '/feedback/summary?bucket=hour');
    const listed = await server.call('dev', 'GET', '/traces');
    expect(summary.json).toMatchObject({ total_traces: 3, traces_with_feedback: 1 });

    const { items } = await dev.addLabelingItems(sessionId, { trace_ids: traces.map((trace) => trace.info.trace_id) });
    expect(items).toHaveLength(3);
    // A copy with a vote on it still counts for nothing.
    await server.call('dev', 'POST', `/traces/${items[0]!.trace_id}/assessments`, {
      assessment_name: 'user_feedback',
      source: { source_type: 'HUMAN', source_id: 'u2' },
      feedback: { value: false },
    });
    expect((await server.call('dev', 'GET', '/feedback/summary?bucket=hour')).json).toEqual(summary.json);
    expect((await server.call('dev', 'GET', '/traces')).json).toEqual(listed.json);
    const copies = await server.call('dev', 'GET', '/traces?tag.verdict.labeling_copy=true');
    expect(copies.json.traces.map((info: { trace_id: string }) => info.trace_id).sort()).toEqual(items.map((item) => item.trace_id).sort());
  });
});

describe('labeling sessions: claims and queues', () => {
  it('two reviewers racing for one item: one claim wins, the other gets 409 and a different item', async () => {
    const { server, sessionId, items } = await setup();
    const [first] = items;
    const results = await Promise.all(['ann', 'bob'].map((user) => statusOf(server.as(user).claimLabelingItem(sessionId, first!.item_id))));
    expect(results.sort()).toEqual([200, 409]);
    const holder = (await server.as('dev').listLabelingItems(sessionId)).items[0]!.claimed_by!;
    const other = holder === 'ann' ? 'bob' : 'ann';
    const refused = await server.call(other, 'POST', `/labeling-sessions/${sessionId}/items/${first!.item_id}/claim`);
    expect(refused.json.error.message).toMatch(new RegExp(`being labeled by ${holder} until`));
    // Submitting without a claim is held to the same rule.
    expect((await server.call(other, 'POST', `/labeling-sessions/${sessionId}/items/${first!.item_id}/labels`, { labels: GOOD })).status).toBe(409);
    // The other reviewer's queue leaves out the held item; the holder's keeps it.
    expect((await server.as(other).listLabelingItems(sessionId, { assignee: 'me' })).items.map(({ item_id }) => item_id)).toEqual(items.slice(1).map(({ item_id }) => item_id));
    expect((await server.as(holder).listLabelingItems(sessionId, { assignee: 'me' })).items).toHaveLength(3);
    const claimed = (await server.as(holder).listLabelingItems(sessionId, { assignee: 'me', state: 'in_progress' })).items;
    expect(claimed.map(({ item_id, claimed_by }) => [item_id, claimed_by])).toEqual([[first!.item_id, holder]]);
    // Once the holder labels it, it is completed and in nobody's queue.
    await server.as(holder).submitLabels(sessionId, first!.item_id, { labels: GOOD });
    expect((await server.as(holder).listLabelingItems(sessionId, { assignee: 'me' })).items).toHaveLength(2);
    expect(await statusOf(server.as(other).claimLabelingItem(sessionId, first!.item_id))).toBe(409);
  });

  it("a developer who is not assigned has an empty queue, so opening the session hides nothing from reviewers", async () => {
    const { server, sessionId, items } = await setup();
    expect((await server.as('dev').listLabelingItems(sessionId, { assignee: 'me' })).items).toEqual([]);
    // Developers still see every item, and a reviewer's queue on request.
    expect((await server.as('dev').listLabelingItems(sessionId)).items).toHaveLength(items.length);
    expect((await server.as('dev').listLabelingItems(sessionId, { assignee: 'ann' })).items).toHaveLength(items.length);
  });

  it('a claim expires after claimTtlMs, and the item is free again', async () => {
    const { server, sessionId, items } = await setup({ claimTtlMs: 150 });
    await server.as('ann').claimLabelingItem(sessionId, items[0]!.item_id);
    expect(await statusOf(server.as('bob').claimLabelingItem(sessionId, items[0]!.item_id))).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await server.as('dev').listLabelingItems(sessionId)).items[0]).toMatchObject({ state: 'pending' });
    expect((await server.as('bob').claimLabelingItem(sessionId, items[0]!.item_id)).claimed_by).toBe('bob');
  });

  it('with reviewers_per_item 2, two reviewers overlap, a third waits, progress counts each', async () => {
    const { server, dev, sessionId, items } = await setup({ reviewers_per_item: 2 });
    const id = items[0]!.item_id;
    await server.as('ann').claimLabelingItem(sessionId, id);
    await server.as('bob').claimLabelingItem(sessionId, id);
    expect(await statusOf(server.as('cy').claimLabelingItem(sessionId, id))).toBe(409);
    expect((await server.as('ann').submitLabels(sessionId, id, { labels: GOOD })).state).toBe('in_progress');
    expect((await server.as('bob').submitLabels(sessionId, id, { labels: GOOD })).state).toBe('completed');
    expect((await dev.getLabelingSession(sessionId)).progress).toEqual({ total: 3, completed: 1, by_user: { ann: 1, bob: 1, cy: 0 } });
    expect((await dev.listLabelingItems(sessionId, { assignee: 'cy' })).items.map(({ item_id }) => item_id)).toEqual(items.slice(1).map(({ item_id }) => item_id));
    expect((await dev.listLabelingItems(sessionId, { state: 'completed' })).items.map(({ item_id }) => item_id)).toEqual([id]);
  });

  it('skip: the item leaves the reviewer\'s queue as skipped, and stays open to others', async () => {
    const { server, sessionId, items } = await setup();
    const skipped = await server.as('ann').submitLabels(sessionId, items[0]!.item_id, { labels: {}, skip: true });
    expect(skipped).toMatchObject({ state: 'skipped', skipped_by: ['ann'], labels: {} });
    expect((await server.as('ann').listLabelingItems(sessionId, { assignee: 'me' })).items).toHaveLength(2);
    expect((await server.as('bob').listLabelingItems(sessionId, { assignee: 'me' })).items).toHaveLength(3);
    expect((await server.as('bob').submitLabels(sessionId, items[0]!.item_id, { labels: GOOD })).state).toBe('completed');
  });
});

describe('labeling sessions: every value is checked against its schema', () => {
  const cases: Array<[string, Record<string, unknown>, Array<string | number>, RegExp]> = [
    ['categorical: an option not in the list', { verdict: 'maybe' }, ['labels', 'verdict'], /verdict: choose one of "yes", "no"/],
    ['categorical_list: an unknown option', { issues: ['facts', 'spelling'] }, ['labels', 'issues'], /choose only from/],
    ['categorical_list: nothing chosen', { issues: [] }, ['labels', 'issues'], /at least one/],
    ['numeric: above max_value', { score: 6 }, ['labels', 'score'], /score: must be at most 5/],
    ['numeric: below min_value', { score: 0 }, ['labels', 'score'], /must be at least 1/],
    ['numeric: not a number', { score: 'three' }, ['labels', 'score'], /enter a number/],
    ['text: over max_length', { better: 'x'.repeat(41) }, ['labels', 'better'], /at most 40 characters/],
    ['text: blank', { better: '  ' }, ['labels', 'better'], /write an answer/],
    ['text_list: too many rows', { expected_facts: ['a', 'b', 'c', 'd'] }, ['labels', 'expected_facts'], /at most 3 rows/],
    ['text_list: a row too long', { expected_facts: ['ok', 'y'.repeat(31)] }, ['labels', 'expected_facts', 1], /at most 30 characters/],
  ];

  it.each(cases)('%s → 400 naming the field, nothing written', async (_name, change, path, message) => {
    const { server, sessionId, items } = await setup({ traces: 1 });
    const before = JSON.stringify(await server.store.traces.get(items[0]!.trace_id));
    const { status, json } = await server.call('ann', 'POST', `/labeling-sessions/${sessionId}/items/${items[0]!.item_id}/labels`, { labels: { ...GOOD, ...change } });
    expect(status).toBe(400);
    expect(json.error.message).toMatch(message);
    expect(json.error.issues.map((issue: { path: unknown }) => issue.path)).toContainEqual(path);
    expect(JSON.stringify(await server.store.traces.get(items[0]!.trace_id))).toBe(before);
    expect((await server.as('dev').listLabelingItems(sessionId)).items[0]).toMatchObject({ state: 'pending', labels: {} });
  });

  it('a missing answer, an unknown schema and a comment where none is taken are 400s too', async () => {
    const { server, sessionId, items } = await setup({ traces: 1 });
    const url = `/labeling-sessions/${sessionId}/items/${items[0]!.item_id}/labels`;
    const { score: _score, ...missing } = GOOD;
    const noScore = await server.call('ann', 'POST', url, { labels: missing });
    expect(noScore.status).toBe(400);
    expect(noScore.json.error.message).toMatch(/labels\.score: score needs an answer/);
    expect((await server.call('ann', 'POST', url, { labels: { ...GOOD, mood: 'ok' } })).json.error.issues[0].path).toEqual(['labels', 'mood']);
    expect((await server.call('ann', 'POST', url, { labels: GOOD, comments: { score: 'hm' } })).json.error.issues[0].path).toEqual(['comments', 'score']);
    expect((await server.call('ann', 'POST', url, { labels: { ...GOOD, score: { n: 1 } } })).status).toBe(400);
    expect((await server.as('dev').listLabelingItems(sessionId)).items[0]!.labels).toEqual({});
  });

  it('refuses a session with an unknown schema and malformed ids', async () => {
    const { server } = await setup({ traces: 0 });
    expect((await server.call('dev', 'POST', '/labeling-sessions', { name: 'x', assigned_users: [], label_schemas: ['nope'] })).status).toBe(404);
    expect((await server.call('dev', 'GET', '/labeling-sessions/ls-123')).status).toBe(400);
    expect((await server.call('dev', 'GET', `/labeling-sessions/ls-${'0'.repeat(32)}`)).status).toBe(404);
  });
});

describe('sync-expectations', () => {
  it('labels on dataset-record items merge back into those same records', async () => {
    review = await serveReview(tempDir());
    const dev = review.as('dev');
    await dev.createDataset({ name: 'golden' });
    await dev.upsertDatasetRecords('golden', { records: [{ inputs: { question: 'Capital of Peru?', lang: 'en' }, expectations: { guidelines: ['be brief'] } }] });
    const session = await dev.createLabelingSession({ name: 'facts', assigned_users: ['ann'], label_schemas: ['expected_facts'] });
    const { items } = await dev.addLabelingItems(session.labeling_session_id, { dataset: 'golden' });
    await review.as('ann').submitLabels(session.labeling_session_id, items[0]!.item_id, { labels: { expected_facts: ['Lima is the capital'] } });
    expect(await dev.syncExpectations(session.labeling_session_id, 'golden')).toEqual({ inserted: 0, updated: 1 });
    const { records } = await dev.listDatasetRecords('golden');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      inputs: { question: 'Capital of Peru?', lang: 'en' },
      expectations: { guidelines: ['be brief'], expected_facts: ['Lima is the capital'] },
      source: { human: { user_name: 'ann' } },
      created_by: 'dev',
      last_updated_by: 'dev',
    });
  });


  it('upserts completed items\' expectations into the dataset record for their inputs', async () => {
    review = await serveReview(tempDir());
    const dev: ReviewClient = review.as('dev');
    for (const schema of SCHEMAS.slice(0, 4)) await dev.createLabelSchema(schema);
    const question = (text: string) => makeTrace({ spans: [makeSpan({ name: 'chat', inputs: { message: text } })], request_preview: text });
    const traces = await review.addTraces(3, (n) => question(['Capital of France?', 'Capital of Peru?', 'Capital of Chad?'][n]!));
    const session = await dev.createLabelingSession({ name: 's', assigned_users: ['ann'], label_schemas: ['verdict', 'better', 'expected_facts'] });
    const id = session.labeling_session_id;
    const { items } = await dev.addLabelingItems(id, { trace_ids: traces.map((trace) => trace.info.trace_id) });
    const ann = review.as('ann');
    await ann.submitLabels(id, items[0]!.item_id, { labels: { verdict: 'no', better: 'Paris.', expected_facts: ['Paris'] } });
    await ann.submitLabels(id, items[1]!.item_id, { labels: { verdict: 'yes', better: 'Lima.', expected_facts: ['Lima'] } });
    // items[2] is not labeled: not synced.
    await dev.createDataset({ name: 'golden' });
    await dev.upsertDatasetRecords('golden', { records: [{ inputs: { message: 'Capital of Peru?' }, expectations: { expected_facts: ['old'], guidelines: ['be brief'] } }] });

    expect(await dev.syncExpectations(id, 'golden')).toEqual({ inserted: 1, updated: 1 });
    const { records } = await dev.listDatasetRecords('golden');
    expect(records.map(({ inputs, expectations, source }) => ({ inputs, expectations, source }))).toEqual([
      { inputs: { message: 'Capital of Peru?' }, expectations: { expected_facts: ['Lima'], guidelines: ['be brief'], better: 'Lima.' }, source: { trace: { trace_id: traces[1]!.info.trace_id } } },
      { inputs: { message: 'Capital of France?' }, expectations: { better: 'Paris.', expected_facts: ['Paris'] }, source: { trace: { trace_id: traces[0]!.info.trace_id } } },
    ]);
    expect(records[0]!.last_updated_by).toBe('dev');
    // Syncing again changes nothing new: the same records are updated in place.
    expect(await dev.syncExpectations(id, 'golden')).toEqual({ inserted: 0, updated: 2 });
    expect((await dev.getDataset('golden')).record_count).toBe(2);
    expect((await review.call('dev', 'POST', `/labeling-sessions/${id}/sync-expectations`, { dataset: 'nope' })).status).toBe(404);
    expect((await review.call('ann', 'POST', `/labeling-sessions/${id}/sync-expectations`, { dataset: 'golden' })).status).toBe(403);
  });
});
