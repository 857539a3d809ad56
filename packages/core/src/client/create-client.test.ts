/// <reference types="node" />
// Node types only here: this test runs a real HTTP server; core's sources stay browser-only.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newAssessmentId, newTraceId } from '../ids';
import { SearchTracesParamsSchema, searchParamsFromQuery } from '../schemas/search';
import { makeAssessment, makeTrace } from '../testing';
import { createClient } from './create-client';
import { HttpError } from './http-error';

interface Received {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}
interface Reply {
  status: number;
  json?: unknown;
}

let received: Received[] = [];
let reply: Reply = { status: 200, json: {} };
const server = createServer((request, response) => {
  let text = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (text += chunk));
  request.on('end', () => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    received.push({
      method: request.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      text,
    });
    if (reply.json === undefined) response.writeHead(reply.status).end();
    else response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json));
  });
});
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))));
beforeEach(() => {
  received = [];
  reply = { status: 200, json: {} };
});

const last = (): Received => {
  const request = received[received.length - 1];
  if (request === undefined) throw new Error('the server received nothing');
  return request;
};
const traceId = newTraceId();
const ok = { status: 'success', trace_id: traceId };

describe('createClient routes', () => {
  it('chat: POSTs the message as JSON and parses the answer', async () => {
    reply = { status: 200, json: { response: 'Hi!', trace_id: traceId, feedback_token: 'tok', extra: 1 } };
    const answer = await createClient({ baseUrl }).chat({ message: 'Hello', messages: [{ role: 'user', content: 'Hey' }] });
    expect(answer).toEqual({ response: 'Hi!', trace_id: traceId, feedback_token: 'tok' });
    expect(last()).toMatchObject({ method: 'POST', path: '/api/chat', query: {} });
    expect(JSON.parse(last().text)).toEqual({ message: 'Hello', messages: [{ role: 'user', content: 'Hey' }] });
    expect(last().headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
  });

  it('sendFeedback: trace_id and user_id in the query, the rest in the body (MLflow example form)', async () => {
    reply = { status: 200, json: ok };
    const client = createClient({ baseUrl: `${baseUrl}/` });
    const answer = await client.sendFeedback({ trace_id: traceId, user_id: 'u1', is_correct: false, comment: 'meh', feedback_token: 'tok' });
    expect(answer).toEqual(ok);
    expect(last()).toMatchObject({ method: 'POST', path: '/api/feedback', query: { trace_id: traceId, user_id: 'u1' } });
    expect(JSON.parse(last().text)).toEqual({ is_correct: false, comment: 'meh', feedback_token: 'tok' });
  });

  it('logFeedback: the general form, everything in the JSON body', async () => {
    reply = { status: 200, json: { ...ok, assessment_ids: [newAssessmentId()] } };
    const input = { trace_id: traceId, name: 'tone', value: { score: 2 }, rationale: 'why', metadata: { k: 'v' }, feedback_token: 'tok' };
    await createClient({ baseUrl }).logFeedback(input);
    expect(last()).toMatchObject({ method: 'POST', path: '/api/feedback', query: {} });
    expect(JSON.parse(last().text)).toEqual(input);
  });

  it('sendDetailedFeedback: everything as query parameters, no body', async () => {
    reply = { status: 200, json: ok };
    await createClient({ baseUrl }).sendDetailedFeedback({ trace_id: traceId, accuracy: 5, relevance: 2, comment: 'a & b', user_id: 'u 1' });
    expect(last()).toMatchObject({
      method: 'POST',
      path: '/api/detailed-feedback',
      query: { trace_id: traceId, accuracy: '5', relevance: '2', comment: 'a & b', user_id: 'u 1' },
      text: '',
    });
    expect(last().headers['content-type']).toBeUndefined();
  });

  it('searchTraces: params travel as a query the server reads back unchanged', async () => {
    const trace = makeTrace();
    reply = { status: 200, json: { traces: [trace.info], next_page_token: 'next' } };
    const params = {
      tags: { env: 'prod', 'a.b': 'x y' },
      metadata: { 'mlflow.user': 'u1' },
      assessment_name: 'user_feedback',
      assessment_value: 'true',
      max_results: 10,
      order_by: 'request_time ASC' as const,
      start_time_ms: 5,
    };
    const page = await createClient({ baseUrl }).searchTraces(params);
    expect(page).toEqual({ traces: [trace.info], next_page_token: 'next' });
    expect(last()).toMatchObject({ method: 'GET', path: '/api/traces' });
    expect(SearchTracesParamsSchema.parse(searchParamsFromQuery(last().query))).toEqual(SearchTracesParamsSchema.parse(params));
    await createClient({ baseUrl }).searchTraces();
    expect(last().query).toEqual({});
  });

  it('getTrace: parses the trace and encodes the id as one path segment', async () => {
    const trace = makeTrace({ trace_id: traceId });
    reply = { status: 200, json: trace };
    expect(await createClient({ baseUrl }).getTrace(traceId)).toEqual(trace);
    expect(last()).toMatchObject({ method: 'GET', path: `/api/traces/${traceId}` });
    await createClient({ baseUrl }).getTrace('../x?y=1#z');
    expect(last().path).toBe('/api/traces/..%2Fx%3Fy%3D1%23z');
    expect(last().query).toEqual({});
  });

  it('createAssessment and overrideAssessment: POST and PATCH with the body, answer parsed', async () => {
    const assessment = makeAssessment(traceId);
    reply = { status: 201, json: { assessment } };
    const client = createClient({ baseUrl });
    const body = { assessment_name: 'expected', expectation: { value: 'Paris' } };
    expect(await client.createAssessment(traceId, body)).toEqual({ assessment });
    expect(last()).toMatchObject({ method: 'POST', path: `/api/traces/${traceId}/assessments` });
    expect(JSON.parse(last().text)).toEqual(body);
    reply = { status: 200, json: { assessment } };
    await client.overrideAssessment(traceId, assessment.assessment_id, { feedback: { value: false } });
    expect(last()).toMatchObject({ method: 'PATCH', path: `/api/traces/${traceId}/assessments/${assessment.assessment_id}` });
    expect(JSON.parse(last().text)).toEqual({ feedback: { value: false } });
  });

  it('deleteAssessment: DELETE answered by 204 resolves with nothing', async () => {
    reply = { status: 204 };
    const assessmentId = newAssessmentId();
    await expect(createClient({ baseUrl }).deleteAssessment(traceId, assessmentId)).resolves.toBeUndefined();
    expect(last()).toMatchObject({ method: 'DELETE', path: `/api/traces/${traceId}/assessments/${assessmentId}`, text: '' });
  });
});

describe('createClient headers and errors', () => {
  it('sends object headers, and calls a headers function before every request', async () => {
    reply = { status: 200, json: ok };
    await createClient({ baseUrl, headers: { 'x-app': 'demo' } }).sendFeedback({ trace_id: traceId, is_correct: true });
    expect(last().headers['x-app']).toBe('demo');
    let token = 'one';
    const client = createClient({ baseUrl, headers: async () => ({ authorization: `Bearer ${token}` }) });
    await client.sendFeedback({ trace_id: traceId, is_correct: true });
    token = 'two';
    await client.sendFeedback({ trace_id: traceId, is_correct: true });
    expect(received.slice(-2).map((request) => request.headers.authorization)).toEqual(['Bearer one', 'Bearer two']);
  });

  it('throws HttpError carrying status, code, body and issues on a 4xx ErrorBody', async () => {
    const issues = [{ code: 'invalid_type', path: ['is_correct'], message: 'expected boolean' }];
    reply = { status: 400, json: { error: { code: 'INVALID_ARGUMENT', message: 'invalid feedback', issues } } };
    const error: unknown = await createClient({ baseUrl }).sendFeedback({ trace_id: traceId, is_correct: true }).catch((caught: unknown) => caught);
    expect(HttpError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ name: 'HttpError', status: 400, code: 'INVALID_ARGUMENT', message: 'invalid feedback', issues, method: 'POST' });
    expect((error as HttpError).body).toEqual({ error: { code: 'INVALID_ARGUMENT', message: 'invalid feedback', issues } });
    expect((error as HttpError).url).toBe(`${baseUrl}/feedback?trace_id=${traceId}`);
  });

  it('throws HttpError NOT_FOUND for a 404', async () => {
    reply = { status: 404, json: { error: { code: 'NOT_FOUND', message: `trace ${traceId} not found` } } };
    await expect(createClient({ baseUrl }).getTrace(traceId)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND', issues: undefined });
  });
});
