import { TraceSchema } from '@verdict/core';
import type { Trace } from '@verdict/core';
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serve } from '../test-support/serve';
import type { TestServer } from '../test-support/serve';

let server: TestServer;
let traces: Trace[];

// Five traces one second apart: even ones tagged prod, the third rated down.
beforeEach(async () => {
  server = await serve();
  traces = Array.from({ length: 5 }, (_, index) =>
    makeTrace({ request_time: 1_700_000_000_000 + index * 1000, tags: { env: index % 2 === 0 ? 'prod' : 'dev' } }),
  );
  for (const trace of traces) await server.store.traces.put(trace);
  await server.store.assessments.create(makeAssessment(traces[2]!.info.trace_id, { feedback: { value: false } }));
});
afterEach(() => server.close());

async function get(path: string): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${server.api}${path}`);
  return { status: response.status, json: await response.json() };
}

function idsOf(json: { traces: Array<{ trace_id: string }> }): string[] {
  return json.traces.map((info) => info.trace_id);
}

describe('GET /traces', () => {
  it('lists newest first by default, oldest first when asked', async () => {
    const ids = traces.map((trace) => trace.info.trace_id);
    expect(idsOf((await get('/traces')).json)).toEqual([...ids].reverse());
    expect(idsOf((await get('/traces?order_by=request_time%20ASC')).json)).toEqual(ids);
  });

  it('filters by tag, time window and assessment value', async () => {
    const ids = traces.map((trace) => trace.info.trace_id);
    expect(idsOf((await get('/traces?tag.env=prod&order_by=request_time%20ASC')).json)).toEqual([ids[0], ids[2], ids[4]]);
    const window = `start_time_ms=${1_700_000_001_000}&end_time_ms=${1_700_000_003_000}&order_by=request_time%20ASC`;
    expect(idsOf((await get(`/traces?${window}`)).json)).toEqual([ids[1], ids[2]]);
    const rated = (await get('/traces?assessment_name=user_feedback&assessment_value=false')).json;
    expect(idsOf(rated)).toEqual([ids[2]]);
    expect(rated.traces[0].assessments[0].feedback.value).toBe(false);
  });

  it('pages with max_results and the opaque page_token', async () => {
    const seen: string[] = [];
    let path = '/traces?max_results=2';
    for (let page = 0; page < 5; page++) {
      const { status, json } = await get(path);
      expect(status).toBe(200);
      expect(json.traces.length).toBeLessThanOrEqual(2);
      seen.push(...idsOf(json));
      if (json.next_page_token === undefined) break;
      path = `/traces?max_results=2&page_token=${encodeURIComponent(json.next_page_token)}`;
    }
    expect(seen).toEqual(traces.map((trace) => trace.info.trace_id).reverse());
  });

  it('refuses unknown keys by name, and bad values', async () => {
    const unknown = await get('/traces?max_result=2&colour=red');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: [] });
    expect(unknown.json.error.message).toBe('invalid search params: Unrecognized keys: "max_result", "colour"');
    expect((await get('/traces?max_results=1001')).status).toBe(400);
    expect((await get('/traces?order_by=name')).status).toBe(400);
    expect((await get('/traces?assessment_value=true')).json.error.message).toMatch(/assessment_value needs assessment_name/);
  });
});

describe('GET /traces/:trace_id', () => {
  it('returns spans and assessments', async () => {
    const { status, json } = await get(`/traces/${traces[2]!.info.trace_id}`);
    expect(status).toBe(200);
    const trace = TraceSchema.parse(json);
    expect(trace.data.spans.map((span) => span.name)).toEqual(['chat', 'retrieve', 'openai.chat']);
    expect(trace.info.assessments).toHaveLength(1);
  });

  it('answers 404 for an unknown trace and 400 for a malformed id', async () => {
    expect((await get(`/traces/tr-${'0'.repeat(32)}`)).status).toBe(404);
    const malformed = await get('/traces/nope');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toMatch(/trace_id/);
  });
});
