import { createClient, HttpError } from '@verdict/core';
import type { Assessment } from '@verdict/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signFeedbackToken } from '../feedback-token';
import { serveWithTrace } from '../test-support/serve';
import type { TestServer } from '../test-support/serve';

const secret = 'own-feedback-test-secret';
let server: TestServer;
let traceId: string;
let token: string;

beforeEach(async () => {
  const served = await serveWithTrace({ feedbackSecret: secret });
  server = served.server;
  traceId = served.trace.info.trace_id;
  token = signFeedbackToken(secret, traceId, 60_000);
});
afterEach(() => server.close());

async function userFeedback(): Promise<Assessment[]> {
  const trace = await server.store.traces.get(traceId);
  return (trace?.info.assessments ?? []).filter((assessment) => assessment.assessment_name === 'user_feedback');
}

describe('an end user reads, changes and undoes their own vote', () => {
  it('GET /feedback answers the user’s current votes only, token-checked', async () => {
    const client = createClient({ baseUrl: server.api });
    await client.sendFeedback({ trace_id: traceId, user_id: 'alice', is_correct: false, comment: 'wrong year', feedback_token: token });
    await client.sendFeedback({ trace_id: traceId, user_id: 'bob', is_correct: true, feedback_token: token });
    await client.logFeedback({ trace_id: traceId, name: 'tone', value: 'rude', user_id: 'alice', feedback_token: token });
    const mine = await client.getMyFeedback({ trace_id: traceId, user_id: 'alice', feedback_token: token });
    expect(mine).toEqual({
      trace_id: traceId,
      feedback: { user_feedback: { assessment_id: expect.stringMatching(/^a-/), value: false, rationale: 'wrong year' } },
    });
    expect((await client.getMyFeedback({ trace_id: traceId, user_id: 'carol', feedback_token: token })).feedback).toEqual({});
    await expect(client.getMyFeedback({ trace_id: traceId, user_id: 'alice' })).rejects.toMatchObject({ status: 403 });
    const unknown = `tr-${'0'.repeat(32)}`;
    await expect(createClient({ baseUrl: server.api }).getMyFeedback({ trace_id: unknown, feedback_token: signFeedbackToken(secret, unknown, 60_000) })).rejects.toMatchObject({ status: 404 });
  });

  it('a second vote from the same user overrides the first instead of counting twice', async () => {
    const client = createClient({ baseUrl: server.api });
    await client.sendFeedback({ trace_id: traceId, user_id: 'alice', is_correct: true, feedback_token: token });
    await client.sendFeedback({ trace_id: traceId, user_id: 'alice', is_correct: false, comment: 'on reflection, no', feedback_token: token });
    const [first, second] = (await userFeedback()).sort((a, b) => a.create_time - b.create_time || (a.overrides === undefined ? -1 : 1));
    expect(first).toMatchObject({ valid: false, feedback: { value: true } });
    expect(second).toMatchObject({ valid: true, overrides: first?.assessment_id, feedback: { value: false }, rationale: 'on reflection, no' });
    // Anonymous voters cannot be told apart: each vote counts.
    await client.sendFeedback({ trace_id: traceId, is_correct: true, feedback_token: token });
    await client.sendFeedback({ trace_id: traceId, is_correct: true, feedback_token: token });
    expect((await userFeedback()).filter((assessment) => assessment.valid)).toHaveLength(3);
  });

  it('DELETE /feedback undoes the vote, the whole override chain, and answers 204 when there is nothing left', async () => {
    const client = createClient({ baseUrl: server.api });
    await client.sendFeedback({ trace_id: traceId, user_id: 'alice', is_correct: true, feedback_token: token });
    await client.sendFeedback({ trace_id: traceId, user_id: 'alice', is_correct: false, feedback_token: token });
    await client.sendFeedback({ trace_id: traceId, user_id: 'bob', is_correct: true, feedback_token: token });
    await client.deleteFeedback({ trace_id: traceId, user_id: 'alice', name: 'user_feedback', feedback_token: token });
    expect((await client.getMyFeedback({ trace_id: traceId, user_id: 'alice', feedback_token: token })).feedback).toEqual({});
    expect((await userFeedback()).map((assessment) => assessment.source.source_id)).toEqual(['bob']);
    await expect(client.deleteFeedback({ trace_id: traceId, user_id: 'alice', name: 'user_feedback', feedback_token: token })).resolves.toBeUndefined();
    const forged = client.deleteFeedback({ trace_id: traceId, user_id: 'bob', name: 'user_feedback', feedback_token: 'forged' });
    await expect(forged).rejects.toBeInstanceOf(HttpError);
    expect(await userFeedback()).toHaveLength(1);
  });

  it('a retried POST with the same Idempotency-Key counts once and answers the first result', async () => {
    const client = createClient({ baseUrl: server.api });
    const input = { trace_id: traceId, user_id: 'alice', is_correct: true, feedback_token: token };
    const [a, b] = await Promise.all([client.sendFeedback(input, { idempotencyKey: 'k1' }), client.sendFeedback(input, { idempotencyKey: 'k1' })]);
    const c = await client.sendFeedback(input, { idempotencyKey: 'k1' });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(await userFeedback()).toHaveLength(1);
    const general = { trace_id: traceId, name: 'implicit_copy', value: true, user_id: 'alice', feedback_token: token };
    await client.logFeedback(general, { idempotencyKey: 'copy-1' });
    await client.logFeedback(general, { idempotencyKey: 'copy-1' });
    await client.logFeedback(general, { idempotencyKey: 'copy-2' });
    const copies = (await server.store.traces.get(traceId))?.info.assessments.filter((assessment) => assessment.assessment_name === 'implicit_copy');
    expect(copies).toHaveLength(2);
  });

  it('a failed keyed request is not remembered, and an oversized key is refused', async () => {
    const client = createClient({ baseUrl: server.api });
    const input = { trace_id: traceId, user_id: 'alice', is_correct: true };
    await expect(client.sendFeedback(input, { idempotencyKey: 'k2' })).rejects.toMatchObject({ status: 403 });
    await expect(client.sendFeedback({ ...input, feedback_token: token }, { idempotencyKey: 'k2' })).resolves.toMatchObject({ status: 'success' });
    await expect(client.sendFeedback({ ...input, feedback_token: token }, { idempotencyKey: 'x'.repeat(300) })).rejects.toMatchObject({ status: 400 });
    expect(await userFeedback()).toHaveLength(1);
  });

  it('detailed ratings from the same user override per dimension', async () => {
    const client = createClient({ baseUrl: server.api });
    await client.sendDetailedFeedback({ trace_id: traceId, user_id: 'alice', accuracy: 2, feedback_token: token });
    await client.sendDetailedFeedback({ trace_id: traceId, user_id: 'alice', accuracy: 5, helpfulness: 4, feedback_token: token });
    const mine = await client.getMyFeedback({ trace_id: traceId, user_id: 'alice', feedback_token: token });
    expect(mine.feedback).toMatchObject({ user_accuracy: { value: 1 }, user_helpfulness: { value: 0.75 } });
  });
});
