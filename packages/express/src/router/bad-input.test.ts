import { ErrorBodySchema, memoryStore } from '@verdict/core';
import type { Store } from '@verdict/core';
import { makeTrace } from '@verdict/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson, serve, storeSnapshot } from '../test-support/serve';
import type { TestServer } from '../test-support/serve';

let server: TestServer;
let traceId: string;
let before: string;

async function start(options: Parameters<typeof serve>[0] = {}): Promise<void> {
  server = await serve(options);
  const trace = makeTrace();
  traceId = trace.info.trace_id;
  await server.store.traces.put(trace);
  before = await storeSnapshot(server.store);
}

beforeEach(() => start());
afterEach(() => server.close());

/** Every refusal: the documented error body, the right status and code, nothing written. */
async function expectRefused(result: { status: number; json: unknown }, status: number, code: string): Promise<void> {
  expect(result.status).toBe(status);
  const body = ErrorBodySchema.parse(result.json);
  expect(body.error.code).toBe(code);
  expect(await storeSnapshot(server.store)).toBe(before);
}

describe('bad input on every route', () => {
  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    await expectRefused(await postJson(`${server.api}/feedback?trace_id=${traceId}`, '{"is_correct": tru'), 400, 'MALFORMED_JSON');
    await expectRefused(await postJson(`${server.api}/traces/${traceId}/assessments`, '{'), 400, 'MALFORMED_JSON');
  });

  it('wrong types → 400 INVALID_ARGUMENT with zod issues', async () => {
    const result = await postJson(`${server.api}/feedback?trace_id=${traceId}`, { is_correct: 'yes' });
    await expectRefused(result, 400, 'INVALID_ARGUMENT');
    expect(result.json.error.issues).toEqual([expect.objectContaining({ path: ['is_correct'] })]);
    await expectRefused(await postJson(`${server.api}/feedback?trace_id=${traceId}`, '42'), 400, 'INVALID_ARGUMENT');
    await expectRefused(await postJson(`${server.api}/feedback?trace_id=not-a-trace`, { is_correct: true }), 400, 'INVALID_ARGUMENT');
  });

  it('unknown fields on strict bodies → 400 naming them', async () => {
    const result = await postJson(`${server.api}/feedback`, { trace_id: traceId, name: 'tone', value: 'ok', score: 3 });
    await expectRefused(result, 400, 'INVALID_ARGUMENT');
    expect(result.json.error.issues[0]).toMatchObject({ code: 'unrecognized_keys', message: 'Unrecognized key: "score"' });
    const create = await postJson(`${server.api}/traces/${traceId}/assessments`, { assessment_name: 'x', feedback: { value: 1 }, valid: false });
    await expectRefused(create, 400, 'INVALID_ARGUMENT');
  });

  it('assessment values that are not boolean/number/string/string[]/object → 400', async () => {
    for (const value of [null, [1, 2], [['a']], ['a', 3]]) {
      const result = await postJson(`${server.api}/feedback`, { trace_id: traceId, name: 'tone', value });
      await expectRefused(result, 400, 'INVALID_ARGUMENT');
    }
    const expectation = await postJson(`${server.api}/traces/${traceId}/assessments`, { assessment_name: 'x', expectation: { value: null } });
    await expectRefused(expectation, 400, 'INVALID_ARGUMENT');
  });

  it('bodies over the limit → 413 PAYLOAD_TOO_LARGE (1 MB by default)', async () => {
    const big = { trace_id: traceId, name: 'tone', value: 'x'.repeat(1024 * 1024) };
    await expectRefused(await postJson(`${server.api}/feedback`, big), 413, 'PAYLOAD_TOO_LARGE');
    await server.close();
    await start({ bodyLimit: '1kb' });
    const small = { trace_id: traceId, name: 'tone', value: 'x'.repeat(2000) };
    const result = await postJson(`${server.api}/feedback`, small);
    await expectRefused(result, 413, 'PAYLOAD_TOO_LARGE');
    expect(result.json.error.message).toMatch(/1024 bytes/);
  });

  it('non-JSON content type on a JSON route → 415', async () => {
    const headers = { 'content-type': 'text/plain' };
    const body = JSON.stringify({ is_correct: true });
    await expectRefused(await postJson(`${server.api}/feedback?trace_id=${traceId}`, body, { headers }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    await expectRefused(await postJson(`${server.api}/traces/${traceId}/assessments`, 'assessment_name=x', form), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown trace_id → 404 NOT_FOUND on every route that names one', async () => {
    const unknown = `tr-${'f'.repeat(32)}`;
    await expectRefused(await postJson(`${server.api}/feedback?trace_id=${unknown}`, { is_correct: true }), 404, 'NOT_FOUND');
    await expectRefused(await postJson(`${server.api}/feedback`, { trace_id: unknown, name: 'n', value: 1 }), 404, 'NOT_FOUND');
    await expectRefused(await postJson(`${server.api}/detailed-feedback?trace_id=${unknown}&accuracy=3`), 404, 'NOT_FOUND');
    await expectRefused(await postJson(`${server.api}/traces/${unknown}/assessments`, { assessment_name: 'x', feedback: { value: 1 } }), 404, 'NOT_FOUND');
    const get = await fetch(`${server.api}/traces/${unknown}`);
    await expectRefused({ status: get.status, json: await get.json() }, 404, 'NOT_FOUND');
  });

  it('__proto__ / constructor / prototype keys in a body or query → 400, nothing polluted', async () => {
    const nested = `{"trace_id":"${traceId}","name":"tone","value":{"a":{"__proto__":{"polluted":"yes"}}}}`;
    await expectRefused(await postJson(`${server.api}/feedback`, nested), 400, 'INVALID_ARGUMENT');
    const topLevel = `{"__proto__":{"polluted":"yes"},"is_correct":true}`;
    await expectRefused(await postJson(`${server.api}/feedback?trace_id=${traceId}`, topLevel), 400, 'INVALID_ARGUMENT');
    const metadata = `{"assessment_name":"x","feedback":{"value":1},"metadata":{"constructor":"x"}}`;
    await expectRefused(await postJson(`${server.api}/traces/${traceId}/assessments`, metadata), 400, 'INVALID_ARGUMENT');
    await expectRefused(await postJson(`${server.api}/feedback?trace_id=${traceId}&__proto__=x`, { is_correct: true }), 400, 'INVALID_ARGUMENT');
    const search = await fetch(`${server.api}/traces?tag.__proto__=x&metadata.prototype=y`);
    await expectRefused({ status: search.status, json: await search.json() }, 400, 'INVALID_ARGUMENT');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an unexpected failure → 500 INTERNAL with a generic message, reported, and the server lives on', async () => {
    await server.close();
    const errors: unknown[] = [];
    const store = memoryStore();
    const failing: Store = {
      ...store,
      assessments: { ...store.assessments, create: () => Promise.reject(new Error('disk on fire at /var/secret')) },
    };
    server = await serve({ store: failing, onError: (error) => errors.push(error) });
    const trace = makeTrace();
    await store.traces.put(trace);
    const result = await postJson(`${server.api}/feedback?trace_id=${trace.info.trace_id}`, { is_correct: true });
    expect(result.status).toBe(500);
    expect(result.json).toEqual({ error: { code: 'INTERNAL', message: expect.not.stringMatching(/secret|fire/) } });
    expect(errors).toEqual([expect.objectContaining({ message: 'disk on fire at /var/secret' })]);
    expect((await fetch(`${server.api}/traces`)).status).toBe(200);
  });
});
