import { describe, expect, it } from 'vitest';
import { createClient } from '../client/create-client';
import { createChatController } from './chat-controller';
import type { FrameScheduler } from './chat-controller';

const traceId = `tr-${'b'.repeat(32)}`;
const start = `data: {"type":"start","trace_id":"${traceId}","message_id":"msg-1","feedback_token":"tok"}\n\n`;
const token = (content: string) => `data: ${JSON.stringify({ type: 'token', content })}\n\n`;
const done = `data: {"type":"done","trace_id":"${traceId}","feedback_token":"tok"}\n\n`;

/** A fetch whose body is fed by the test, chunk by chunk; it records what was sent. */
function scriptedFetch() {
  const encoder = new TextEncoder();
  let feed!: ReadableStreamDefaultController<Uint8Array>;
  const requests: { url: string; body: unknown; signal: AbortSignal | undefined }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests.push({ url: String(input), body: JSON.parse(String(init?.body)), signal: init?.signal ?? undefined });
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void (feed = controller) });
    init?.signal?.addEventListener('abort', () => feed.error(new DOMException('aborted', 'AbortError')));
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  return { fetch, requests, push: (text: string) => feed.enqueue(encoder.encode(text)), close: () => feed.close() };
}

/** A scheduler the test runs by hand: it proves how many notifications a burst of tokens makes. */
function manualScheduler() {
  const pending: (() => void)[] = [];
  const scheduler: FrameScheduler = (callback) => {
    pending.push(callback);
    return () => pending.splice(pending.indexOf(callback), 1);
  };
  return { scheduler, pending, flush: () => pending.splice(0).forEach((callback) => callback()) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createChatController', () => {
  it('streams events split across chunks, several per chunk and with \\r\\n, into a finished message', async () => {
    const server = scriptedFetch();
    const chat = createChatController({ baseUrl: 'http://verdict.test/api', fetch: server.fetch });
    const sending = chat.send('Hi');
    expect(chat.getSnapshot().status).toBe('submitted');
    await tick();
    server.push(start.slice(0, 30));
    server.push(start.slice(30) + token('Hel').replace(/\n/g, '\r\n') + token('lo'));
    server.push(done);
    server.close();
    await sending;
    const state = chat.getSnapshot();
    expect(state).toMatchObject({ status: 'ready', traceId, feedbackToken: 'tok', streamingContent: '', error: null });
    expect(state.messages).toEqual([
      { id: 'local-1', role: 'user', content: 'Hi', status: 'complete' },
      { id: 'msg-1', role: 'assistant', content: 'Hello', trace_id: traceId, feedback_token: 'tok', status: 'complete' },
    ]);
    expect(server.requests[0]).toMatchObject({ url: 'http://verdict.test/api/chat/stream', body: { message: 'Hi', messages: [] } });
  });

  it('sends the history with the next message', async () => {
    const server = scriptedFetch();
    const chat = createChatController({ baseUrl: '/api', fetch: server.fetch, path: '/ask' });
    const first = chat.send('One');
    await tick();
    server.push(start + token('Uno') + done);
    server.close();
    await first;
    void chat.send('Two');
    await tick();
    expect(server.requests[1]).toMatchObject({
      url: '/api/ask',
      body: { message: 'Two', messages: [{ role: 'user', content: 'One' }, { role: 'assistant', content: 'Uno' }] },
    });
    chat.reset();
    expect(chat.getSnapshot().messages).toEqual([]);
  });

  it('notifies at most once per frame however many tokens arrive, with a stable snapshot between', async () => {
    const server = scriptedFetch();
    const frames = manualScheduler();
    const chat = createChatController({ baseUrl: '/api', fetch: server.fetch, scheduler: frames.scheduler });
    let notifications = 0;
    chat.subscribe(() => notifications++);
    void chat.send('Hi');
    await tick();
    server.push(start);
    await tick();
    const afterStart = notifications;
    const snapshot = chat.getSnapshot();
    server.push(Array.from({ length: 100 }, (_, index) => token(String(index % 10))).join(''));
    await tick();
    expect(notifications).toBe(afterStart);
    expect(chat.getSnapshot()).toBe(snapshot);
    expect(frames.pending).toHaveLength(1);
    frames.flush();
    expect(notifications).toBe(afterStart + 1);
    expect(chat.getSnapshot().streamingContent).toHaveLength(100);
    expect(chat.getSnapshot().status).toBe('streaming');
  });

  it('stop() aborts the fetch and keeps the partial answer with its trace id', async () => {
    const server = scriptedFetch();
    const chat = createChatController({ baseUrl: '/api', fetch: server.fetch });
    const sending = chat.send('Tell me a story');
    await tick();
    server.push(start + token('Once upon'));
    await tick();
    chat.stop();
    await sending;
    expect(server.requests[0]?.signal?.aborted).toBe(true);
    const state = chat.getSnapshot();
    expect(state.status).toBe('ready');
    expect(state.messages[1]).toEqual({ id: 'msg-1', role: 'assistant', content: 'Once upon', trace_id: traceId, feedback_token: 'tok', status: 'stopped' });
  });

  it('an error event ends the answer with the error, keeping what came before', async () => {
    const server = scriptedFetch();
    const chat = createChatController({ baseUrl: '/api', fetch: server.fetch });
    const sending = chat.send('Hi');
    await tick();
    server.push(start + token('Par') + 'data: {"type":"error","error":"model overloaded"}\n\n');
    server.close();
    await sending;
    expect(chat.getSnapshot()).toMatchObject({ status: 'error', error: 'model overloaded' });
    expect(chat.getSnapshot().messages[1]).toMatchObject({ content: 'Par', status: 'error', trace_id: traceId });
  });

  it('a network error or an HTTP error ends streaming with the message', async () => {
    const offline = createChatController({ baseUrl: '/api', fetch: () => Promise.reject(new TypeError('fetch failed')) });
    await offline.send('Hi');
    expect(offline.getSnapshot()).toMatchObject({ status: 'error', error: expect.stringContaining('fetch failed') });
    const refused = createChatController({
      baseUrl: '/api',
      fetch: async () => Response.json({ error: { code: 'INVALID_ARGUMENT', message: 'message must not be empty' } }, { status: 400 }),
    });
    await refused.send('Hi');
    expect(refused.getSnapshot()).toMatchObject({ status: 'error', error: 'message must not be empty' });
    expect(refused.getSnapshot().messages).toHaveLength(1);
  });

  it('a stream that ends without done is an error, and a new send clears it', async () => {
    const server = scriptedFetch();
    const chat = createChatController({ client: createClient({ baseUrl: '/api', fetch: server.fetch }) });
    const first = chat.send('Hi');
    await tick();
    server.push(start + token('x'));
    server.close();
    await first;
    expect(chat.getSnapshot()).toMatchObject({ status: 'error', error: 'the answer ended before it was complete' });
    void chat.send('Again');
    expect(chat.getSnapshot()).toMatchObject({ status: 'submitted', error: null, traceId: null });
  });
});

describe('createChatController regenerate and edit', () => {
  it('regenerate replaces the last answer; edit replaces a user turn and drops what followed', async () => {
    const server = scriptedFetch();
    const chat = createChatController({ baseUrl: '/api', fetch: server.fetch });
    const answer = async (run: Promise<void>, text: string) => {
      await tick();
      server.push(start + token(text) + done);
      server.close();
      await run;
    };
    await answer(chat.send('One'), 'Uno');
    await answer(chat.send('Two'), 'Dos');
    await answer(chat.regenerate(), 'Deux');
    expect(chat.getSnapshot().messages.map((message) => message.content)).toEqual(['One', 'Uno', 'Two', 'Deux']);
    expect(server.requests[2]?.body).toEqual({ message: 'Two', messages: [{ role: 'user', content: 'One' }, { role: 'assistant', content: 'Uno' }] });
    const first = chat.getSnapshot().messages[0]!;
    await answer(chat.edit(first.id, 'Eins'), 'Ein');
    expect(chat.getSnapshot().messages.map((message) => message.content)).toEqual(['Eins', 'Ein']);
    expect(server.requests[3]?.body).toEqual({ message: 'Eins', messages: [] });
  });
});
