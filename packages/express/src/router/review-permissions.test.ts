import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../json-store/test-support/temp-dirs';
import { postJson, serve } from '../test-support/serve';
import type { TestServer } from '../test-support/serve';
import { serveReview } from '../test-support/review-server';
import type { ReviewServer } from '../test-support/review-server';

const tempDir = useTempDirs('verdict-review-permissions-');
let review: ReviewServer | undefined;
let plain: TestServer | undefined;
afterEach(async () => {
  await review?.close();
  await plain?.close();
  review = plain = undefined;
});

const LABELS = { expected_response: 'Paris.' };

/** Two sessions: ann's and bob's, one item each. */
async function twoSessions() {
  review = await serveReview(tempDir());
  const dev = review.as('dev');
  const traces = await review.addTraces(2);
  const mine = await dev.createLabelingSession({ name: 'ann only', assigned_users: ['ann'], label_schemas: ['expected_response'] });
  const theirs = await dev.createLabelingSession({ name: 'bob only', assigned_users: ['bob'], label_schemas: ['expected_response'] });
  const [annItem] = (await dev.addLabelingItems(mine.labeling_session_id, { trace_ids: [traces[0]!.info.trace_id] })).items;
  const [bobItem] = (await dev.addLabelingItems(theirs.labeling_session_id, { trace_ids: [traces[1]!.info.trace_id] })).items;
  return { server: review, traces, mine: mine.labeling_session_id, theirs: theirs.labeling_session_id, annItem: annItem!, bobItem: bobItem! };
}

describe('who may do what (authorize hook + roles)', () => {
  it('a reviewer cannot read or label another session\'s items (403), only their own', async () => {
    const { server, mine, theirs, bobItem, annItem } = await twoSessions();
    const as = (method: string, path: string, body?: unknown) => server.call('ann', method, path, body);
    expect((await as('GET', `/labeling-sessions/${theirs}`)).status).toBe(403);
    expect((await as('GET', `/labeling-sessions/${theirs}/items`)).status).toBe(403);
    expect((await as('GET', `/labeling-sessions/${theirs}/agreement`)).status).toBe(403);
    expect((await as('POST', `/labeling-sessions/${theirs}/items/${bobItem.item_id}/claim`)).status).toBe(403);
    const label = await as('POST', `/labeling-sessions/${theirs}/items/${bobItem.item_id}/labels`, { labels: LABELS });
    expect(label.status).toBe(403);
    expect(label.json.error).toMatchObject({ code: 'PERMISSION_DENIED', message: `ann is not assigned to labeling session ${theirs}` });
    // Nothing was written to bob's item.
    expect((await server.as('dev').listLabelingItems(theirs)).items[0]).toMatchObject({ state: 'pending', labels: {} });
    // Her own session works, and her list shows only it.
    expect((await server.as('ann').listLabelingSessions()).labeling_sessions.map(({ labeling_session_id }) => labeling_session_id)).toEqual([mine]);
    expect((await server.as('ann').submitLabels(mine, annItem.item_id, { labels: LABELS })).state).toBe('completed');
    // Another reviewer's queue is for developers only.
    expect((await as('GET', `/labeling-sessions/${mine}/items?assignee=bob`)).status).toBe(403);
    expect((await server.call('dev', 'GET', `/labeling-sessions/${mine}/items?assignee=bob`)).status).toBe(200);
  });

  it('reviewers cannot manage sessions, adjudicate, or touch datasets', async () => {
    const { server, mine, annItem } = await twoSessions();
    expect((await server.call('ann', 'POST', '/labeling-sessions', { name: 'x', assigned_users: ['ann'], label_schemas: ['guidelines'] })).status).toBe(403);
    expect((await server.call('ann', 'DELETE', `/labeling-sessions/${mine}`)).status).toBe(403);
    expect((await server.call('ann', 'POST', `/labeling-sessions/${mine}/items`, { trace_ids: [annItem.trace_id] })).status).toBe(403);
    expect((await server.call('ann', 'POST', `/labeling-sessions/${mine}/items/${annItem.item_id}/adjudicate`, { labels: LABELS })).status).toBe(403);
    expect((await server.call('ann', 'GET', '/datasets')).status).toBe(403);
    expect((await server.call('ann', 'POST', '/datasets', { name: 'x' })).status).toBe(403);
  });

  it('end users and unknown callers are refused every review route; anonymous callers get 401', async () => {
    const { server, mine } = await twoSessions();
    for (const [method, path] of [['GET', '/labeling-sessions'], ['GET', `/labeling-sessions/${mine}/items`], ['GET', '/label-schemas'], ['GET', '/datasets'], ['GET', '/traces']]) {
      expect((await server.call('eve', method!, path!)).status).toBe(403);
      expect((await server.call('mallory', method!, path!)).status).toBe(403);
      const anonymous = await server.call(undefined, method!, path!);
      expect(anonymous.status).toBe(401);
      expect(anonymous.json.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('reviewers read the trace copies of their own items, and no other trace', async () => {
    const { server, traces, annItem, bobItem } = await twoSessions();
    expect((await server.call('ann', 'GET', `/traces/${annItem.trace_id}`)).status).toBe(200);
    expect((await server.call('ann', 'GET', `/traces/${bobItem.trace_id}`)).status).toBe(403);
    expect((await server.call('ann', 'GET', `/traces/${traces[0]!.info.trace_id}`)).status).toBe(403);
    expect((await server.call('ann', 'GET', '/traces')).status).toBe(403);
    expect((await server.call('dev', 'GET', `/traces/${traces[0]!.info.trace_id}`)).status).toBe(200);
    // The two originals; their two session copies only when asked for.
    expect((await server.call('dev', 'GET', '/traces')).json.traces).toHaveLength(2);
    expect((await server.call('dev', 'GET', '/traces?tag.verdict.labeling_copy=true')).json.traces).toHaveLength(2);
  });

  it('assessment writes and the feedback summary are for developers when a hook is set', async () => {
    const { server, traces, annItem } = await twoSessions();
    const body = { assessment_name: 'x', feedback: { value: true } };
    for (const trace_id of [traces[0]!.info.trace_id, annItem.trace_id]) {
      expect((await server.call('ann', 'POST', `/traces/${trace_id}/assessments`, body)).status).toBe(403);
      expect((await server.call('eve', 'POST', `/traces/${trace_id}/assessments`, body)).status).toBe(403);
    }
    expect((await server.call(undefined, 'DELETE', `/traces/${traces[0]!.info.trace_id}/assessments/a-${'0'.repeat(32)}`)).status).toBe(401);
    expect((await server.call('dev', 'POST', `/traces/${traces[0]!.info.trace_id}/assessments`, body)).status).toBe(201);
    expect((await server.call('ann', 'GET', '/feedback/summary')).status).toBe(403);
    expect((await server.call('dev', 'GET', '/feedback/summary')).status).toBe(200);
  });

  it('end-user feedback routes never consult the hook', async () => {
    const { server, traces } = await twoSessions();
    const { status } = await postJson(`${server.server.api}/feedback?trace_id=${traces[0]!.info.trace_id}&user_id=eve`, { is_correct: true });
    expect(status).toBe(200);
  });

  it('without a hook everyone is the developer, and the hook may deny by action', async () => {
    plain = await serve();
    const created = await postJson(`${plain.api}/datasets`, { name: 'golden' });
    expect(created.status).toBe(201);
    expect(created.json.created_by).toBe('developer');
    await plain.close();
    plain = await serve({ authorize: (_req, action) => (action === 'datasets:write' ? false : { id: 'root', role: 'developer' }) });
    expect((await postJson(`${plain.api}/datasets`, { name: 'golden' })).status).toBe(403);
    expect((await fetch(`${plain.api}/datasets`)).status).toBe(200);
  });

  it('a hook answering something that is not a user is a 500 (the host\'s bug), reported to onError', async () => {
    const errors: unknown[] = [];
    plain = await serve({ authorize: () => ({ id: 'x', role: 'admin' }) as never, onError: (error) => errors.push(error) });
    const response = await fetch(`${plain.api}/datasets`);
    expect(response.status).toBe(500);
    expect(String(errors[0])).toMatch(/authorize.*not a \{ id, role \} user/);
  });
});
