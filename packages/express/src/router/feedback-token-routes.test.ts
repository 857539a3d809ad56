import type { Trace } from '@verdict/core';
import { makeTrace } from '@verdict/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signFeedbackToken } from '../feedback-token';
import { postJson, serve, storeSnapshot } from '../test-support/serve';
import type { TestServer } from '../test-support/serve';

const secret = 'route-token-test-secret-0123456789';
let server: TestServer;
let trace: Trace;
let other: Trace;
let token: string;
let before: string;

beforeEach(async () => {
  server = await serve({ feedbackSecret: secret });
  trace = makeTrace();
  other = makeTrace();
  await server.store.traces.put(trace);
  await server.store.traces.put(other);
  token = server.v.signFeedbackToken(trace.info.trace_id) ?? '';
  before = await storeSnapshot(server.store);
});
afterEach(() => server.close());

function vote(feedbackToken?: string, where: 'query' | 'body' = 'query'): ReturnType<typeof postJson> {
  const inQuery = where === 'query' && feedbackToken !== undefined ? `&feedback_token=${encodeURIComponent(feedbackToken)}` : '';
  const body = where === 'body' && feedbackToken !== undefined ? { is_correct: true, feedback_token: feedbackToken } : { is_correct: true };
  return postJson(`${server.api}/feedback?trace_id=${trace.info.trace_id}${inQuery}`, body);
}

async function expectDenied(result: { status: number; json: { error: { code: string; message: string } } }): Promise<string> {
  expect(result.status).toBe(403);
  expect(result.json.error.code).toBe('PERMISSION_DENIED');
  expect(await storeSnapshot(server.store)).toBe(before);
  return result.json.error.message;
}

describe('feedback tokens on the feedback routes', () => {
  it('missing → 403 saying where the token goes', async () => {
    expect(await expectDenied(await vote())).toMatch(/feedback_token.*query string.*JSON body/);
  });

  it('a token for another trace → 403', async () => {
    await expectDenied(await vote(server.v.signFeedbackToken(other.info.trace_id)));
  });

  it('an expired token → 403', async () => {
    const expired = signFeedbackToken(secret, trace.info.trace_id, 1000, Date.now() - 60_000);
    expect(await expectDenied(await vote(expired))).toMatch(/expired/);
  });

  it('a tampered token → 403', async () => {
    const [expiry, signature = ''] = token.split('.');
    await expectDenied(await vote(`${Number(expiry) + 1}.${signature}`));
    await expectDenied(await vote(`${expiry}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`));
    await expectDenied(await vote(signFeedbackToken('another-secret-of-enough-length', trace.info.trace_id, 60_000)));
  });

  it('a valid token → 200, in the query or in the body', async () => {
    expect((await vote(token, 'query')).status).toBe(200);
    expect((await vote(token, 'body')).status).toBe(200);
    expect((await server.store.traces.get(trace.info.trace_id))?.info.assessments).toHaveLength(2);
  });

  it('guards the general form and /detailed-feedback too', async () => {
    const general = { trace_id: trace.info.trace_id, name: 'tone', value: 'ok' };
    await expectDenied(await postJson(`${server.api}/feedback`, general));
    await expectDenied(await postJson(`${server.api}/feedback`, { ...general, trace_id: other.info.trace_id, feedback_token: token }));
    expect((await postJson(`${server.api}/feedback`, { ...general, feedback_token: token })).status).toBe(200);
    expect((await postJson(`${server.api}/feedback?feedback_token=${encodeURIComponent(token)}`, general)).status).toBe(200);

    before = await storeSnapshot(server.store);
    const detailed = `${server.api}/detailed-feedback?trace_id=${trace.info.trace_id}&accuracy=5`;
    await expectDenied(await postJson(detailed));
    expect((await postJson(`${detailed}&feedback_token=${encodeURIComponent(token)}`)).status).toBe(200);
    expect((await postJson(detailed, { feedback_token: token })).status).toBe(200);
  });

  it('leaves the developer assessment routes without a token', async () => {
    const { status } = await postJson(`${server.api}/traces/${trace.info.trace_id}/assessments`, { assessment_name: 'x', feedback: { value: 1 } });
    expect(status).toBe(201);
  });
});
