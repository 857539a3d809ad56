import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VerdictError } from '@verdict/core';
import type { ChatResponse, ErrorBody, EvalRun, FeedbackResponse, LabelingItem, LabelingSession, StartEvaluationResponse } from '@verdict/core';
import { makeTrace } from '@verdict/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonStore } from '../json-store/json-store';
import type { JsonStore } from '../json-store/json-store';
import { useTempDirs } from '../json-store/test-support/temp-dirs';
import { judgeReply, startOpenAICompatibleServer } from '../test-support/openai-compatible-server';
import type { OpenAICompatibleServer } from '../test-support/openai-compatible-server';
import { serve } from '../test-support/serve';
import type { ServeOptions, TestServer } from '../test-support/serve';
import { REDACTED, redactPatterns } from './redact-patterns';

const tempDir = useTempDirs('verdict-redact-');
const EMAIL = /[\w.+-]+@example\.(?:com|org|net)/;

let server: TestServer | undefined;
let store: JsonStore | undefined;
let llm: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
  await store?.close();
  await llm?.close();
  server = store = llm = undefined;
});

/** Every byte under `dir`, as text: what an attacker with the disk would read. */
function bytesUnder(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? bytesUnder(path) : readFileSync(path, 'latin1')))
    .join('\n');
}

async function call<T = ErrorBody>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server!.api}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

async function ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await call<T>(method, path, body);
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  return response.body;
}

async function start(dir: string, options: ServeOptions = {}): Promise<void> {
  store = await jsonStore({ dir });
  server = await serve({
    store,
    setup: (app, v) => {
      app.post('/api/chat', v.chatHandler(({ message }) => `I will write to ${message.split(' ').at(-1)} soon`));
    },
    ...options,
  });
}

describe('verdict({ redact })', () => {
  it('keeps emails out of every stored file: chat, feedback, assessments, datasets, labels and judge rationales', async () => {
    const dir = tempDir();
    // A slow judge, so the run is still live when its events are read.
    llm = await startOpenAICompatibleServer({ latencyMs: 150, script: () => ({ content: judgeReply(true, 'the answer reached judge-seen@example.net') }) });
    await start(dir, {
      redact: redactPatterns(),
      apps: { mailer: () => 'sent to app-output@example.org' },
      judge: { baseURL: llm.baseURL, apiKey: 'test', model: 'judge' },
    });

    // Chat input (span inputs, outputs, previews) and a feedback comment.
    const chat = await ok<ChatResponse>('POST', '/chat', { message: 'please mail chat-user@example.com' });
    expect(chat.response).toBe('I will write to chat-user@example.com soon');
    await server!.v.flush();
    const feedback = await ok<FeedbackResponse>('POST', `/feedback?trace_id=${chat.trace_id}`, { is_correct: false, comment: 'reach me at comment@example.com' });
    // The stored assessment is what the store answers with: already redacted.
    const stored = await server!.v.getTrace(chat.trace_id);
    expect(stored!.data.spans[0]!.inputs).toEqual({ message: `please mail ${REDACTED}` });
    expect(stored!.info.assessments.find((a) => a.assessment_id === feedback.assessment_ids?.[0])!.rationale).toBe(`reach me at ${REDACTED}`);

    // An expectation's value, through the developer route.
    await ok('POST', `/traces/${chat.trace_id}/assessments`, { assessment_name: 'expected_answer', expectation: { value: 'expected@example.com' } });

    // A dataset record.
    await ok('POST', '/datasets', { name: 'people' });
    await ok('POST', '/datasets/people/records', { records: [{ inputs: { question: 'who is record@example.com?' }, expectations: { expected_response: 'owner@example.com' } }] });

    // Sent again, the same record is found (by its redacted inputs) and merged, not duplicated.
    const again = await ok('POST', '/datasets/people/records', { records: [{ inputs: { question: 'who is record@example.com?' }, expectations: { note: 'x' } }] });
    expect(again).toEqual({ inserted: 0, updated: 1 });

    // A label and its comment.
    await ok('POST', '/label-schemas', { name: 'note', type: 'feedback', title: 'Note', enable_comment: true, input: { kind: 'text' } });
    const session = await ok<LabelingSession>('POST', '/labeling-sessions', { name: 'review', assigned_users: ['developer'], label_schemas: ['note'] });
    const { items } = await ok<{ items: LabelingItem[] }>('POST', `/labeling-sessions/${session.labeling_session_id}/items`, { trace_ids: [chat.trace_id] });
    const itemPath = `/labeling-sessions/${session.labeling_session_id}/items/${items[0]!.item_id}`;
    await ok('POST', `${itemPath}/claim`);
    const labeled = await ok<LabelingItem>('POST', `${itemPath}/labels`, { labels: { note: 'label@example.com' }, comments: { note: 'see comment-label@example.com' } });
    expect(labeled.labels.developer!.note).toEqual({ value: REDACTED, comment: `see ${REDACTED}` });

    // An evaluation: app outputs and the judge's rationale.
    const started = await ok<StartEvaluationResponse>('POST', '/evaluations', { dataset: 'people', app: 'mailer', scorers: ['correctness'] });
    // The live view (SSE rows while running, then the final state) is masked as the store will be.
    const events = await (await fetch(`${server!.api}/evaluations/${started.evaluation_id}/events`)).text();
    expect(events).toContain('"type":"row"');
    expect(events).toContain(`the answer reached ${REDACTED}`);
    expect(events).not.toMatch(EMAIL);
    const run = await ok<EvalRun>('GET', `/evaluations/${started.evaluation_id}`);
    expect(run.status).toBe('completed');
    expect(run.rows[0]!.scores.correctness).toMatchObject({ value: true, rationale: `the answer reached ${REDACTED}` });
    let storedRun = await store!.evalRuns.get(started.evaluation_id);
    for (let waited = 0; storedRun?.status !== 'completed' && waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      storedRun = await store!.evalRuns.get(started.evaluation_id);
    }
    expect(storedRun!.rows[0]!.scores.correctness).toMatchObject({ value: true, rationale: `the answer reached ${REDACTED}` });
    expect(storedRun!.rows[0]!.outputs).toBe(`sent to ${REDACTED}`);
    expect(llm.requests.length).toBeGreaterThan(0);

    await server!.v.flush();
    await server!.close();
    await store!.close();
    server = store = undefined;
    const bytes = bytesUnder(dir);
    // The files are readable text holding every write above, so the email's absence means something.
    for (const written of ['please mail', 'reach me at', 'who is', 'see [REDACTED]', 'the answer reached', 'sent to']) expect(bytes).toContain(written);
    expect(bytes.match(EMAIL)?.[0]).toBeUndefined();
  });

  it('a hook that throws fails the write with a 500 and onError, and stores nothing', async () => {
    const errors: unknown[] = [];
    const dir = tempDir();
    await start(dir, {
      onError: (error) => errors.push(error),
      redact: (value, { kind }) => {
        if (kind === 'rationale' || kind === 'span_inputs') throw new Error('masking service down');
        return value;
      },
    });
    const trace = makeTrace();
    await store!.traces.put(trace);
    const refused = await call('POST', `/feedback?trace_id=${trace.info.trace_id}`, { is_correct: true, comment: 'secret@example.com' });
    expect(refused.status).toBe(500);
    expect(refused.body.error.code).toBe('INTERNAL');
    expect(errors.some((error) => VerdictError.isInstance(error) && /redact hook threw on rationale/.test(error.message))).toBe(true);
    expect((await store!.traces.get(trace.info.trace_id))!.info.assessments).toEqual([]);

    // A traced chat: the answer goes out, but the trace that could not be redacted is not stored.
    const chat = await ok<ChatResponse>('POST', '/chat', { message: 'mail trace@example.com' });
    await server!.v.flush();
    expect(await store!.traces.get(chat.trace_id)).toBeNull();
    expect(errors.some((error) => VerdictError.isInstance(error) && /span_inputs/.test(error.message))).toBe(true);
    expect(bytesUnder(dir)).not.toMatch(EMAIL);
  });

  it('refuses a hook result of the wrong type instead of storing it', async () => {
    await start(tempDir(), { redact: (value, { kind }) => (kind === 'rationale' ? 42 : value) });
    const trace = makeTrace();
    await store!.traces.put(trace);
    const refused = await call('POST', `/feedback?trace_id=${trace.info.trace_id}`, { is_correct: true, comment: 'hi' });
    expect(refused.status).toBe(500);
    expect((await store!.traces.get(trace.info.trace_id))!.info.assessments).toEqual([]);
  });

  it('is checked once, at construction', async () => {
    await expect(start(tempDir(), { redact: 'emails' as never })).rejects.toThrow(/redact must be a function/);
  });
});
