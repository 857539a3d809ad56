import type { Assessment, Trace } from '@verdict/core';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson, serve, serveWithTrace, storeSnapshot } from '../test-support/serve';
import type { TestServer } from '../test-support/serve';

let server: TestServer;
let trace: Trace;
let traceId: string;

beforeEach(async () => {
  ({ server, trace } = await serveWithTrace());
  traceId = trace.info.trace_id;
});
afterEach(() => server.close());

async function assessmentsOf(id: string): Promise<Assessment[]> {
  return (await server.store.traces.get(id))?.info.assessments ?? [];
}

describe('POST /feedback, MLflow example form', () => {
  it('logs user_feedback from the user with the comment as rationale', async () => {
    const { status, json } = await postJson(`${server.api}/feedback?trace_id=${traceId}&user_id=alice`, {
      is_correct: true,
      comment: 'spot on',
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'success', trace_id: traceId });
    const [assessment] = await assessmentsOf(traceId);
    expect(assessment).toMatchObject({
      assessment_name: 'user_feedback',
      source: { source_type: 'HUMAN', source_id: 'alice' },
      feedback: { value: true },
      rationale: 'spot on',
      valid: true,
    });
    expect(json.assessment_ids).toEqual([assessment?.assessment_id]);
  });

  it('records an anonymous vote without user_id or comment', async () => {
    const { status } = await postJson(`${server.api}/feedback?trace_id=${traceId}`, { is_correct: false });
    expect(status).toBe(200);
    const [assessment] = await assessmentsOf(traceId);
    expect(assessment?.source).toEqual({ source_type: 'HUMAN', source_id: 'anonymous' });
    expect(assessment?.feedback).toEqual({ value: false });
    expect(assessment).not.toHaveProperty('rationale');
  });

  it('answers 404 for an unknown trace and 400 for a missing trace_id', async () => {
    const unknown = `tr-${'0'.repeat(32)}`;
    expect((await postJson(`${server.api}/feedback?trace_id=${unknown}`, { is_correct: true })).status).toBe(404);
    const missing = await postJson(`${server.api}/feedback`, { is_correct: true });
    expect(missing.status).toBe(400);
    expect(missing.json.error.issues[0].path).toEqual(['trace_id']);
  });
});

describe('POST /feedback, general form', () => {
  it('logs any named feedback on a span with metadata', async () => {
    const spanId = trace.data.spans[1]?.span_id;
    const { status, json } = await postJson(`${server.api}/feedback`, {
      trace_id: traceId,
      name: 'tone',
      value: { label: 'friendly', score: 0.9 },
      rationale: 'polite',
      span_id: spanId,
      metadata: { channel: 'web' },
      user_id: 'bob',
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'success', trace_id: traceId });
    const [assessment] = await assessmentsOf(traceId);
    expect(assessment).toMatchObject({
      assessment_name: 'tone',
      span_id: spanId,
      source: { source_type: 'HUMAN', source_id: 'bob' },
      feedback: { value: { label: 'friendly', score: 0.9 } },
      rationale: 'polite',
      metadata: { channel: 'web' },
    });
  });

  it('refuses a span that is not in the trace, leaving the store unchanged', async () => {
    const before = await storeSnapshot(server.store);
    const { status, json } = await postJson(`${server.api}/feedback`, { trace_id: traceId, name: 'tone', value: 'x', span_id: '0123456789abcdef' });
    expect(status).toBe(404);
    expect(json.error.message).toMatch(/span 0123456789abcdef not found/);
    expect(await storeSnapshot(server.store)).toBe(before);
  });

  it('accepts list and string values', async () => {
    expect((await postJson(`${server.api}/feedback`, { trace_id: traceId, name: 'tags', value: ['a', 'b'] })).status).toBe(200);
    expect((await postJson(`${server.api}/feedback`, { trace_id: traceId, name: 'label', value: 'good' })).status).toBe(200);
    expect((await assessmentsOf(traceId)).map((assessment) => assessment.feedback?.value)).toEqual([['a', 'b'], 'good']);
  });
});

describe('POST /detailed-feedback', () => {
  it('normalises 1-5 ratings to 0-1 and puts the comment on accuracy', async () => {
    const query = `trace_id=${traceId}&accuracy=1&helpfulness=4&relevance=5&user_id=carol&comment=${encodeURIComponent('too vague')}`;
    const { status, json } = await postJson(`${server.api}/detailed-feedback?${query}`);
    expect(status).toBe(200);
    expect(json.assessment_ids).toHaveLength(3);
    const byName = Object.fromEntries((await assessmentsOf(traceId)).map((assessment) => [assessment.assessment_name, assessment]));
    expect(byName.user_accuracy).toMatchObject({ feedback: { value: 0 }, rationale: 'too vague', metadata: { rating: '1' } });
    expect(byName.user_helpfulness).toMatchObject({ feedback: { value: 0.75 }, metadata: { rating: '4' } });
    expect(byName.user_helpfulness).not.toHaveProperty('rationale');
    expect(byName.user_relevance?.feedback).toEqual({ value: 1 });
    expect(byName.user_relevance?.source).toEqual({ source_type: 'HUMAN', source_id: 'carol' });
  });

  it('puts the comment on the first dimension given when accuracy is absent', async () => {
    const { status } = await postJson(`${server.api}/detailed-feedback?trace_id=${traceId}&relevance=3&helpfulness=2&comment=meh`);
    expect(status).toBe(200);
    const byName = Object.fromEntries((await assessmentsOf(traceId)).map((assessment) => [assessment.assessment_name, assessment]));
    expect(byName.user_helpfulness).toMatchObject({ feedback: { value: 0.25 }, rationale: 'meh' });
    expect(byName.user_relevance).toMatchObject({ feedback: { value: 0.5 } });
    expect(byName.user_relevance).not.toHaveProperty('rationale');
  });

  it('refuses out-of-range ratings, no ratings and unknown parameters, writing nothing', async () => {
    const before = await storeSnapshot(server.store);
    for (const query of [`accuracy=6`, `accuracy=0`, `accuracy=2.5`, ``, `accuracy=3&clarity=4`]) {
      const { status, json } = await postJson(`${server.api}/detailed-feedback?trace_id=${traceId}&${query}`);
      expect(status, query).toBe(400);
      expect(json.error.code).toBe('INVALID_ARGUMENT');
    }
    const unknown = await postJson(`${server.api}/detailed-feedback?trace_id=tr-${'0'.repeat(32)}&accuracy=5&helpfulness=5`);
    expect(unknown.status).toBe(404);
    expect(await storeSnapshot(server.store)).toBe(before);
  });
});

describe('behind a host body parser', () => {
  it('uses the body the host already parsed, checking it the same way', async () => {
    await server.close();
    server = await serve({ setup: (app) => app.use(express.json()) });
    await server.store.traces.put(trace);
    expect((await postJson(`${server.api}/feedback?trace_id=${traceId}`, { is_correct: true })).status).toBe(200);
    const polluted = await postJson(`${server.api}/feedback?trace_id=${traceId}`, '{"is_correct":true,"__proto__":{"x":1}}');
    expect(polluted.status).toBe(400);
    expect(await assessmentsOf(traceId)).toHaveLength(1);
  });
});
