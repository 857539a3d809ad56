import { VerdictError, memoryStore } from '@verdict/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyFeedbackToken } from './feedback-token';
import type { VerdictLocals } from './router/route-context';
import { postJson, serve, slowStore } from './test-support/serve';
import type { ServeOptions, TestServer } from './test-support/serve';
import { withSpan } from './tracing';
import type { ChatHandlerFunction } from './chat-handler';

const secret = 'chat-handler-test-secret';
let server: TestServer | undefined;
afterEach(() => server?.close());

async function serveChat(fn: ChatHandlerFunction, options: ServeOptions = {}, handlerOptions = {}): Promise<TestServer> {
  server = await serve({
    ...options,
    setup: (app, v) => {
      options.setup?.(app, v);
      // Mounted outside the router on purpose: the handler must stand on its own.
      app.post('/api/chat', v.chatHandler(fn, handlerOptions));
    },
  });
  return server;
}

describe('chatHandler', () => {
  it('answers { response, trace_id, feedback_token } and stores a chat trace', async () => {
    const locals: VerdictLocals[] = [];
    const { api, v, store } = await serveChat(
      ({ message }) => withSpan({ name: 'llm', spanType: 'LLM', inputs: { message } }, () => `echo: ${message}`),
      {
        feedbackSecret: secret,
        setup: (app) =>
          app.use((_req, res, next) => {
            res.on('finish', () => locals.push(res.locals.verdict as VerdictLocals));
            next();
          }),
      },
    );
    const { status, json } = await postJson(`${api}/chat`, { message: 'hello' });
    expect(status).toBe(200);
    expect(json).toEqual({ response: 'echo: hello', trace_id: expect.stringMatching(/^tr-[0-9a-f]{32}$/), feedback_token: expect.any(String) });
    expect(verifyFeedbackToken(secret, json.feedback_token, json.trace_id)).toBe(true);
    // 'finish' may fire just after the client has read the answer.
    await vi.waitFor(() => expect(locals).toEqual([{ traceId: json.trace_id, feedbackToken: json.feedback_token }]));

    await v.flush();
    const trace = await store.traces.get(json.trace_id);
    expect(trace?.info.state).toBe('OK');
    const [root, child] = trace?.data.spans ?? [];
    expect(root).toMatchObject({ name: 'chat', span_type: 'CHAIN', parent_span_id: null, inputs: { message: 'hello' }, outputs: 'echo: hello' });
    expect(child).toMatchObject({ name: 'llm', span_type: 'LLM', parent_span_id: root?.span_id });
  });

  it('takes { response } results and passes the history; no token without a secret', async () => {
    let seen: unknown;
    const { api } = await serveChat(({ messages }) => {
      seen = messages;
      return { response: 'ok' };
    });
    const history = [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }];
    const { json } = await postJson(`${api}/chat`, { message: 'next', messages: history });
    expect(json).toEqual({ response: 'ok', trace_id: expect.any(String) });
    expect(seen).toEqual(history);
  });

  it('an error in fn → ERROR trace and a generic 500, reported to onError', async () => {
    const errors: unknown[] = [];
    const { api, v, store } = await serveChat(() => {
      throw new Error('model exploded with key sk-123');
    }, { onError: (error) => errors.push(error) });
    const { status, json } = await postJson(`${api}/chat`, { message: 'hello' });
    expect(status).toBe(500);
    expect(json.error.code).toBe('INTERNAL');
    expect(json.error.message).not.toMatch(/sk-123/);
    expect(errors).toHaveLength(1);
    await v.flush();
    const [info] = (await store.traces.search()).traces;
    expect(info?.state).toBe('ERROR');
    const trace = await store.traces.get(info?.trace_id ?? '');
    expect(trace?.data.spans[0]?.status.code).toBe('ERROR');
    expect(trace?.data.spans[0]?.events.map((event) => event.name)).toContain('exception');
  });

  it('a VerdictError from fn keeps its code and message; a non-string answer is a 500', async () => {
    const { api } = await serveChat(({ message }) => {
      if (message === 'fast') throw new VerdictError('RATE_LIMITED', 'slow down');
      return 42 as unknown as string;
    });
    expect(await postJson(`${api}/chat`, { message: 'fast' })).toEqual({ status: 429, json: { error: { code: 'RATE_LIMITED', message: 'slow down' } } });
    expect((await postJson(`${api}/chat`, { message: 'other' })).status).toBe(500);
  });

  it('refuses bad bodies on its own (it may live outside the router), tracing nothing', async () => {
    const { api, v, store } = await serveChat(() => 'never');
    expect((await postJson(`${api}/chat`, '{oops')).json.error.code).toBe('MALFORMED_JSON');
    expect((await postJson(`${api}/chat`, { message: '' })).status).toBe(400);
    expect((await postJson(`${api}/chat`, { message: 'x', extra: 1 })).status).toBe(400);
    expect((await postJson(`${api}/chat`, 'message=x', { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await postJson(`${api}/chat`, `{"message":"x","__proto__":{}}`)).status).toBe(400);
    await v.flush();
    expect((await store.traces.search()).traces).toEqual([]);
  });

  it('aborts the signal when the client disconnects, and tags the trace', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let aborted!: (reason: unknown) => void;
    const abortSeen = new Promise<unknown>((resolve) => (aborted = resolve));
    const { api, v, store } = await serveChat(
      ({ signal }) =>
        new Promise<string>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            aborted(signal.reason);
            reject(signal.reason as Error);
          });
          started();
        }),
    );
    const client = new AbortController();
    const request = postJson(`${api}/chat`, { message: 'long question' }, { signal: client.signal }).catch((error: unknown) => error);
    await running;
    client.abort();
    expect(await request).toBeInstanceOf(Error);
    expect(VerdictError.isInstance(await abortSeen)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await v.flush();
    const [info] = (await store.traces.search()).traces;
    expect(info?.tags.aborted).toBe('true');
    expect(info?.state).toBe('ERROR');
  });

  it('answers before the trace is stored; a vote right after still succeeds with a slow store', async () => {
    const inner = memoryStore();
    const { api, v } = await serveChat(() => 'answer', { store: slowStore(inner, 300), feedbackSecret: secret });
    const chat = await postJson(`${api}/chat`, { message: 'q' });
    expect(await inner.traces.get(chat.json.trace_id)).toBeNull();
    const vote = await postJson(`${api}/feedback?trace_id=${chat.json.trace_id}&feedback_token=${chat.json.feedback_token}`, { is_correct: true });
    expect(vote.status).toBe(200);
    expect((await v.getTrace(chat.json.trace_id))?.info.assessments).toHaveLength(1);
  });

  it('waits for the store write when waitForTrace is set', async () => {
    const inner = memoryStore();
    const { api } = await serveChat(() => 'answer', { store: slowStore(inner, 50) }, { waitForTrace: true });
    const chat = await postJson(`${api}/chat`, { message: 'q' });
    expect(await inner.traces.get(chat.json.trace_id)).not.toBeNull();
  });

  it('checks its arguments when it is created', async () => {
    const { v } = await serveChat(() => 'x');
    expect(() => v.chatHandler('nope' as unknown as ChatHandlerFunction)).toThrow(/chatHandler\(fn\) needs a function/);
    expect(() => v.chatHandler(() => 'x', { waitfortrace: true } as never)).toThrow(/no option waitfortrace/);
  });
});
