import type { Trace } from '@verdict/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson, serveWithTrace, storeSnapshot } from '../test-support/serve';
import type { TestServer } from '../test-support/serve';

let server: TestServer;
let trace: Trace;
let traceId: string;

beforeEach(async () => {
  ({ server, trace } = await serveWithTrace());
  traceId = trace.info.trace_id;
});
afterEach(() => server.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function send(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  if (method === 'POST') return postJson(`${server.api}${path}`, body);
  const response = await fetch(`${server.api}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

describe('POST /traces/:trace_id/assessments', () => {
  it('creates a feedback with an anonymous human source by default → 201', async () => {
    const { status, json } = await send('POST', `/traces/${traceId}/assessments`, { assessment_name: 'quality', feedback: { value: 4 } });
    expect(status).toBe(201);
    expect(json.assessment).toMatchObject({
      trace_id: traceId,
      assessment_name: 'quality',
      source: { source_type: 'HUMAN', source_id: 'anonymous' },
      feedback: { value: 4 },
      valid: true,
    });
    expect(json.assessment.assessment_id).toMatch(/^a-[0-9a-f]{32}$/);
  });

  it('creates an expectation on a span with the given source', async () => {
    const spanId = trace.data.spans[0]?.span_id;
    const source = { source_type: 'LLM_JUDGE', source_id: 'judge-1' };
    const { status, json } = await send('POST', `/traces/${traceId}/assessments`, {
      assessment_name: 'expected_facts',
      span_id: spanId,
      source,
      expectation: { value: ['Paris is in France'] },
    });
    expect(status).toBe(201);
    expect(json.assessment).toMatchObject({ span_id: spanId, source, expectation: { value: ['Paris is in France'] } });
    expect(json.assessment).not.toHaveProperty('feedback');
  });

  it('refuses both kinds at once, or neither', async () => {
    const both = { assessment_name: 'x', feedback: { value: 1 }, expectation: { value: 1 } };
    expect((await send('POST', `/traces/${traceId}/assessments`, both)).status).toBe(400);
    expect((await send('POST', `/traces/${traceId}/assessments`, { assessment_name: 'x' })).status).toBe(400);
  });
});

describe('PATCH and DELETE /traces/:trace_id/assessments/:assessment_id', () => {
  async function createFeedback(value: unknown = true): Promise<string> {
    const { json } = await send('POST', `/traces/${traceId}/assessments`, { assessment_name: 'correct', span_id: trace.data.spans[1]?.span_id, feedback: { value } });
    return json.assessment.assessment_id as string;
  }

  it('overrides: a new assessment with the old name and span, the old one kept invalid', async () => {
    const oldId = await createFeedback(true);
    const source = { source_type: 'HUMAN', source_id: 'reviewer' };
    const { status, json } = await send('PATCH', `/traces/${traceId}/assessments/${oldId}`, { feedback: { value: false }, rationale: 'wrong city', source });
    expect(status).toBe(200);
    expect(json.assessment).toMatchObject({
      assessment_name: 'correct',
      span_id: trace.data.spans[1]?.span_id,
      feedback: { value: false },
      rationale: 'wrong city',
      source,
      overrides: oldId,
      valid: true,
    });
    const stored = (await server.store.traces.get(traceId))?.info.assessments ?? [];
    expect(stored.map((assessment) => [assessment.assessment_id, assessment.valid])).toEqual([
      [oldId, false],
      [json.assessment.assessment_id, true],
    ]);
  });

  it('refuses a value of the other kind (400) and an already-overridden assessment (409), writing nothing', async () => {
    const oldId = await createFeedback();
    const before = await storeSnapshot(server.store);
    const wrongKind = await send('PATCH', `/traces/${traceId}/assessments/${oldId}`, { expectation: { value: 'x' } });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.json.error.message).toMatch(/is a feedback: override it with \{ feedback: \{ value \} \}/);
    expect(await storeSnapshot(server.store)).toBe(before);

    expect((await send('PATCH', `/traces/${traceId}/assessments/${oldId}`, { feedback: { value: false } })).status).toBe(200);
    const afterOverride = await storeSnapshot(server.store);
    const again = await send('PATCH', `/traces/${traceId}/assessments/${oldId}`, { feedback: { value: true } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('CONFLICT');
    expect(await storeSnapshot(server.store)).toBe(afterOverride);
  });

  it('answers 404 for an unknown assessment and 400 for a malformed id', async () => {
    expect((await send('PATCH', `/traces/${traceId}/assessments/a-${'0'.repeat(32)}`, { feedback: { value: 1 } })).status).toBe(404);
    expect((await send('PATCH', `/traces/${traceId}/assessments/nope`, { feedback: { value: 1 } })).status).toBe(400);
    expect((await send('DELETE', `/traces/${traceId}/assessments/a-${'0'.repeat(32)}`)).status).toBe(404);
  });

  it('deletes → 204; deleting the override makes the old assessment valid again', async () => {
    const oldId = await createFeedback();
    const { json } = await send('PATCH', `/traces/${traceId}/assessments/${oldId}`, { feedback: { value: false } });
    const deleted = await send('DELETE', `/traces/${traceId}/assessments/${json.assessment.assessment_id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.json).toBeUndefined();
    const stored = (await server.store.traces.get(traceId))?.info.assessments ?? [];
    expect(stored.map((assessment) => [assessment.assessment_id, assessment.valid])).toEqual([[oldId, true]]);
  });
});
