import { afterEach, describe, expect, it, vi } from 'vitest';
import { postJson, serve } from '../test-support/serve';
import type { ServeOptions, TestServer } from '../test-support/serve';
import { postStream, readRawUntil, slowTokens } from '../test-support/sse-client';
import { sleep } from '../tracing/test-support';
import type { StreamHandlerFunction, StreamHandlerOptions } from './stream-handler';

const secret = 'stream-flow-control-test-secret';
let server: TestServer | undefined;
afterEach(() => server?.close());

async function serveStream(fn: StreamHandlerFunction, options: ServeOptions = {}, handlerOptions: StreamHandlerOptions = {}): Promise<TestServer> {
  server = await serve({ ...options, setup: (_app, v) => v.router.post('/chat/stream', v.streamHandler(fn, handlerOptions)) });
  return server;
}

function startOf(event: { type: string; trace_id?: string; feedback_token?: string }): { traceId: string; token: string } {
  if (event.type !== 'start' || event.trace_id === undefined) throw new Error('start must come first');
  return { traceId: event.trace_id, token: event.feedback_token ?? '' };
}

describe('streamHandler when the client stops', () => {
  it('aborts the signal, stops the generator and keeps the partial answer, which can still be rated', async () => {
    const source = slowTokens(Array.from({ length: 100 }, (_, index) => `t${index} `), 15);
    let seenSignal: AbortSignal | undefined;
    const errors: unknown[] = [];
    const { api, v } = await serveStream(({ signal }) => {
      seenSignal = signal;
      return source.generate();
    }, { feedbackSecret: secret, onError: (error) => errors.push(error) });
    const session = await postStream(`${api}/chat/stream`, { message: 'long answer please' });
    const { traceId, token } = startOf(await session.next());
    expect(await session.next()).toEqual({ type: 'token', content: 't0 ' });
    expect(await session.next()).toEqual({ type: 'token', content: 't1 ' });
    session.abort();

    await vi.waitFor(() => expect(source.state.finallyRan).toBe(true));
    expect(seenSignal?.aborted).toBe(true);
    expect(source.state.yielded).toBeLessThan(10);
    const trace = await v.getTrace(traceId);
    expect(trace?.info).toMatchObject({ state: 'OK', tags: { partial: 'true' } });
    // What was sent: a token yielded while the abort landed is dropped with the connection.
    const sent = trace?.data.spans[0]?.attributes['verdict.stream.token_count'] as number;
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(sent).toBeLessThanOrEqual(source.state.yielded);
    expect(trace?.data.spans[0]?.outputs).toBe(Array.from({ length: sent }, (_, index) => `t${index} `).join(''));

    const vote = await postJson(`${api}/feedback?trace_id=${traceId}&feedback_token=${token}`, { is_correct: false, comment: 'stopped it' });
    expect(vote.status).toBe(200);
    expect((await v.getTrace(traceId))?.info.assessments[0]?.rationale).toBe('stopped it');
    expect(errors).toEqual([]);
  });

  it('treats a source failing because of the abort as a stopped answer, not an error', async () => {
    const errors: unknown[] = [];
    const { api, v } = await serveStream(async function* ({ signal }) {
      yield 'first';
      // Like an LLM SDK: the pending request rejects when its signal aborts.
      await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('Request was aborted.'))));
    }, { onError: (error) => errors.push(error) });
    const session = await postStream(`${api}/chat/stream`, { message: 'q' });
    const { traceId } = startOf(await session.next());
    await session.next();
    session.abort();
    await vi.waitFor(async () => expect((await v.searchTraces()).traces).toHaveLength(1));
    const trace = await v.getTrace(traceId);
    expect(trace?.info).toMatchObject({ state: 'OK', tags: { partial: 'true' }, response_preview: 'first' });
    expect(errors).toEqual([]);
  });

  it('stops waiting for a generator that ignores its signal after a grace period, and still stores the trace', async () => {
    let finallyRan = false;
    const { api, v } = await serveStream(async function* () {
      try {
        yield 'only';
        await new Promise(() => undefined);
      } finally {
        finallyRan = true;
      }
    });
    const session = await postStream(`${api}/chat/stream`, { message: 'q' });
    const { traceId } = startOf(await session.next());
    await session.next();
    session.abort();
    const trace = await v.getTrace(traceId);
    expect(trace?.info).toMatchObject({ state: 'OK', tags: { partial: 'true' }, response_preview: 'only' });
    // Its finally never runs: it is stuck in an await, which return() cannot interrupt.
    expect(finallyRan).toBe(false);
  });
});

describe('streamHandler flow control', () => {
  it('does not pull the generator far ahead of what a slow reader has taken', async () => {
    const chunk = 'x'.repeat(32 * 1024);
    const total = 1000; // 32 MB in all
    let produced = 0;
    const { api } = await serveStream(async function* () {
      for (let index = 0; index < total; index++) {
        produced += 1;
        yield chunk;
      }
    });
    const session = await postStream(`${api}/chat/stream`, { message: 'a lot' });
    await session.next();
    await sleep(300);
    const paused = produced;
    await sleep(200);
    // Stalled: nothing more is produced while nobody reads, and only what the sockets hold was
    // (about 4 MB on Linux loopback, i.e. ~120 chunks; the bound leaves room for larger buffers).
    expect(produced).toBe(paused);
    expect(paused).toBeLessThan(total / 2);
    const rest = await session.rest();
    expect(rest.filter((event) => event.type === 'token')).toHaveLength(total);
    expect(rest.at(-1)?.type).toBe('done');
  });

  it('sends a heartbeat comment while the answer is idle', async () => {
    const { api } = await serveStream(async function* () {
      await sleep(150);
      yield 'late';
    }, {}, { heartbeatMs: 20 });
    const session = await postStream(`${api}/chat/stream`, { message: 'q' });
    const text = await readRawUntil(session.response, (received) => received.includes('"done"'));
    const ping = text.indexOf(': ping\n\n');
    expect(ping).toBeGreaterThan(text.indexOf('"start"'));
    expect(ping).toBeLessThan(text.indexOf('"token"'));
  });

  it('sends no heartbeat when turned off', async () => {
    const { api } = await serveStream(async function* () {
      await sleep(60);
      yield 'late';
    }, {}, { heartbeatMs: 0 });
    const session = await postStream(`${api}/chat/stream`, { message: 'q' });
    expect(await readRawUntil(session.response, (received) => received.includes('"done"'))).not.toContain(': ping');
  });
});
