import { VerdictError, memoryStore } from '@verdict/core';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyFeedbackToken } from '../feedback-token';
import { postJson, serve, slowStore } from '../test-support/serve';
import type { ServeOptions, TestServer } from '../test-support/serve';
import { postStream, slowTokens } from '../test-support/sse-client';
import { withSpan } from '../tracing';
import type { StreamHandlerFunction, StreamHandlerOptions } from './stream-handler';
import { STREAM_ATTRIBUTES } from './stream-handler';

const secret = 'stream-handler-test-secret';
let server: TestServer | undefined;
afterEach(() => server?.close());

async function serveStream(fn: StreamHandlerFunction, options: ServeOptions = {}, handlerOptions: StreamHandlerOptions = {}): Promise<TestServer> {
  server = await serve({ ...options, setup: (_app, v) => v.router.post('/chat/stream', v.streamHandler(fn, handlerOptions)) });
  return server;
}

function vote(api: string, traceId: string, token: string | undefined, isCorrect: boolean) {
  return postJson(`${api}/feedback?trace_id=${traceId}&user_id=u1&feedback_token=${token ?? ''}`, { is_correct: isCorrect, comment: 'noted' });
}

describe('streamHandler', () => {
  it('sends start (ids first), the tokens, then one done, with SSE headers', async () => {
    const { api } = await serveStream(async function* ({ message }) {
      yield 'echo: ';
      yield message;
    }, { feedbackSecret: secret });
    const session = await postStream(`${api}/chat/stream`, { message: 'hello' });
    expect(session.response.status).toBe(200);
    expect(session.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(session.response.headers.get('cache-control')).toBe('no-cache');
    expect(session.response.headers.get('connection')).toBe('keep-alive');
    expect(session.response.headers.get('x-accel-buffering')).toBe('no');
    const start = await session.next();
    expect(start).toEqual({
      type: 'start',
      trace_id: expect.stringMatching(/^tr-[0-9a-f]{32}$/),
      message_id: expect.stringMatching(/^msg-[0-9a-f]{32}$/),
      feedback_token: expect.any(String),
    });
    if (start.type !== 'start') throw new Error('unreachable');
    expect(verifyFeedbackToken(secret, start.feedback_token, start.trace_id)).toBe(true);
    expect(await session.rest()).toEqual([
      { type: 'token', content: 'echo: ' },
      { type: 'token', content: 'hello' },
      { type: 'done', trace_id: start.trace_id, feedback_token: start.feedback_token },
    ]);
  });

  it('records the whole answer, the token count and the time to first token on the trace', async () => {
    const { api, v } = await serveStream(async function* ({ message }) {
      await withSpan({ name: 'retrieve', spanType: 'RETRIEVER' }, () => []);
      await new Promise((resolve) => setTimeout(resolve, 30));
      for (const word of ['It', ' is', ` ${message}`]) yield word;
    });
    const session = await postStream(`${api}/chat/stream`, { message: 'sunny' });
    const start = await session.next();
    await session.rest();
    const trace = await v.getTrace(start.type === 'start' ? start.trace_id : '');
    expect(trace?.info).toMatchObject({ state: 'OK', request_preview: 'sunny', response_preview: 'It is sunny', tags: {} });
    expect(trace?.info.trace_metadata[STREAM_ATTRIBUTES.messageId]).toBe(start.type === 'start' ? start.message_id : '');
    const [root, child] = trace?.data.spans ?? [];
    expect(root).toMatchObject({ name: 'chat', span_type: 'CHAIN', inputs: { message: 'sunny' }, outputs: 'It is sunny' });
    expect(root?.attributes[STREAM_ATTRIBUTES.tokenCount]).toBe(3);
    expect(root?.attributes[STREAM_ATTRIBUTES.timeToFirstTokenMs]).toBeGreaterThanOrEqual(25);
    expect(child).toMatchObject({ name: 'retrieve', parent_span_id: root?.span_id });
  });

  it('accepts a vote sent right after start, while the answer still streams, and one after done', async () => {
    const source = slowTokens(['a', 'b', 'c'], 40);
    const { api, v } = await serveStream(({ signal }) => source.generate(signal), { feedbackSecret: secret, store: slowStore(memoryStore(), 30) });
    const session = await postStream(`${api}/chat/stream`, { message: 'q' });
    const start = await session.next();
    if (start.type !== 'start') throw new Error('start must come first');
    const early = vote(api, start.trace_id, start.feedback_token, false);
    const events = await session.rest();
    expect(events.at(-1)?.type).toBe('done');
    expect((await early).status).toBe(200);
    expect((await vote(api, start.trace_id, start.feedback_token, true)).status).toBe(200);
    const assessments = (await v.getTrace(start.trace_id))?.info.assessments ?? [];
    expect(assessments.map((assessment) => [assessment.assessment_name, assessment.feedback?.value, assessment.rationale])).toEqual([
      ['user_feedback', false, 'noted'],
      ['user_feedback', true, 'noted'],
    ]);
  });

  it('turns an error thrown mid-stream into one error event and an ERROR trace, and keeps serving', async () => {
    const errors: unknown[] = [];
    const { api, v } = await serveStream(async function* ({ message }) {
      yield 'partial ';
      if (message === 'boom') throw new Error('model exploded with key sk-123');
      if (message === 'busy') throw new VerdictError('UNAVAILABLE', 'the model is overloaded');
      yield 'fine';
    }, { onError: (error) => errors.push(error) });
    const session = await postStream(`${api}/chat/stream`, { message: 'boom' });
    const start = await session.next();
    const rest = await session.rest();
    expect(rest).toEqual([{ type: 'token', content: 'partial ' }, { type: 'error', error: expect.any(String), code: 'INTERNAL' }]);
    expect(JSON.stringify(rest)).not.toMatch(/sk-123/);
    expect(errors).toHaveLength(1);
    const trace = await v.getTrace(start.type === 'start' ? start.trace_id : '');
    expect(trace?.info.state).toBe('ERROR');
    expect(trace?.data.spans[0]).toMatchObject({ outputs: 'partial ', status: { code: 'ERROR', message: 'model exploded with key sk-123' } });
    expect(trace?.data.spans[0]?.events.map((event) => event.name)).toContain('exception');

    const busy = await postStream(`${api}/chat/stream`, { message: 'busy' });
    expect((await busy.rest()).at(-1)).toEqual({ type: 'error', error: 'the model is overloaded', code: 'UNAVAILABLE' });
    const ok = await postStream(`${api}/chat/stream`, { message: 'fine' });
    expect((await ok.rest()).map((event) => event.type)).toEqual(['start', 'token', 'token', 'done']);
    // Like chatHandler: every 5xx reaches onError, the 503 included.
    expect(errors).toHaveLength(2);
  });

  it('sends an error event when fn throws before streaming or returns no iterable', async () => {
    const { api } = await serveStream(({ message }) => {
      if (message === 'throw') throw new VerdictError('RATE_LIMITED', 'slow down');
      return 42 as never;
    });
    const thrown = await postStream(`${api}/chat/stream`, { message: 'throw' });
    expect((await thrown.rest()).map((event) => event.type)).toEqual(['start', 'error']);
    const wrong = await postStream(`${api}/chat/stream`, { message: 'number' });
    expect((await wrong.rest()).at(-1)).toMatchObject({ type: 'error', code: 'INTERNAL' });
  });

  it('passes an OpenAI-style chunk stream straight through, skipping chunks without text', async () => {
    const { api } = await serveStream(async function* () {
      yield { choices: [{ delta: { role: 'assistant', content: '' } }] };
      yield { choices: [{ delta: { content: 'Hi' } }] };
      yield { choices: [{ delta: {} }], usage: null };
      yield { type: 'response.output_text.delta', delta: ' there' };
      yield { choices: [], usage: { total_tokens: 3 } };
    });
    const session = await postStream(`${api}/chat/stream`, { message: 'q' });
    expect((await session.rest()).filter((event) => event.type === 'token')).toEqual([
      { type: 'token', content: 'Hi' },
      { type: 'token', content: ' there' },
    ]);
  });

  it('refuses bad bodies with a JSON error before any event, tracing nothing', async () => {
    const { api, v, store } = await serveStream(async function* () {
      yield 'never';
    });
    const { status, json } = await postJson(`${api}/chat/stream`, { message: '' });
    expect(status).toBe(400);
    expect(json.error.code).toBe('INVALID_ARGUMENT');
    expect((await postJson(`${api}/chat/stream`, '{oops')).json.error.code).toBe('MALFORMED_JSON');
    await v.flush();
    expect((await store.traces.search()).traces).toEqual([]);
  });

  it('checks its arguments when it is created', async () => {
    const { v } = await serveStream(async function* () {});
    expect(() => v.streamHandler('nope' as never)).toThrow(/streamHandler\(fn\) needs a function/);
    expect(() => v.streamHandler(async function* () {}, { heartbeat: 5 } as never)).toThrow(/no option heartbeat; known options: heartbeatMs/);
    expect(() => v.streamHandler(async function* () {}, { heartbeatMs: -1 })).toThrow(/heartbeatMs/);
  });
});
