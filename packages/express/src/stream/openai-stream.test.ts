import OpenAI from 'openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { instrumentOpenAI } from '../openai/instrument-openai';
import { startOpenAICompatibleServer } from '../test-support/openai-compatible-server';
import type { OpenAICompatibleServer, OpenAICompatibleServerOptions } from '../test-support/openai-compatible-server';
import { postJson, serve } from '../test-support/serve';
import type { TestServer } from '../test-support/serve';
import { postStream } from '../test-support/sse-client';

let server: TestServer | undefined;
let llm: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
  await llm?.close();
});

/** The Verdict app streaming answers of the real `openai` client from the test LLM server. */
async function serveOpenAIChat(llmOptions: OpenAICompatibleServerOptions = {}): Promise<TestServer> {
  llm = await startOpenAICompatibleServer(llmOptions);
  const openai = instrumentOpenAI(new OpenAI({ baseURL: llm.baseURL, apiKey: 'test-key', maxRetries: 0 }));
  server = await serve({
    feedbackSecret: 'openai-stream-test-secret',
    setup: (_app, v) =>
      v.router.post(
        '/chat/stream',
        v.streamHandler(({ message, messages, signal }) =>
          openai.chat.completions.create(
            { model: 'gpt-test', messages: [...messages, { role: 'user', content: message }], stream: true, stream_options: { include_usage: true } },
            { signal },
          ),
        ),
      ),
  });
  return server;
}

function idsOf(event: { type: string; trace_id?: string; feedback_token?: string }): { traceId: string; token: string } {
  if (event.type !== 'start' || event.trace_id === undefined || event.feedback_token === undefined) throw new Error('start must come first');
  return { traceId: event.trace_id, token: event.feedback_token };
}

describe('streamHandler with an instrumented OpenAI stream', () => {
  it('passes the OpenAI stream straight through and traces the LLM call under the chat span', async () => {
    const { api, v } = await serveOpenAIChat();
    const session = await postStream(`${api}/chat/stream`, { message: 'hi there' });
    const { traceId, token } = idsOf(await session.next());
    const events = await session.rest();
    expect(events.filter((event) => event.type === 'token').map((event) => (event.type === 'token' ? event.content : ''))).toEqual(['You ', 'said: ', 'hi ', 'there']);
    expect(events.at(-1)).toEqual({ type: 'done', trace_id: traceId, feedback_token: token });

    const trace = await v.getTrace(traceId);
    const [root, llmSpan] = trace?.data.spans ?? [];
    expect(root).toMatchObject({ name: 'chat', outputs: 'You said: hi there', attributes: { 'verdict.stream.token_count': 4 } });
    expect(llmSpan).toMatchObject({ name: 'openai.chat.completions.create', span_type: 'CHAT_MODEL', parent_span_id: root?.span_id, status: { code: 'OK' } });
    expect(JSON.parse(String(llmSpan?.attributes['mlflow.chat.tokenUsage']))).toEqual({ input_tokens: 2, output_tokens: 4, total_tokens: 6 });
    expect((await postJson(`${api}/feedback?trace_id=${traceId}&feedback_token=${token}`, { is_correct: true })).status).toBe(200);
  });

  it('a client that stops aborts the LLM request; both spans keep the partial answer', async () => {
    const { api, v } = await serveOpenAIChat({ tokenDelayMs: 30, answer: () => 'one two three four five six seven eight nine ten' });
    const session = await postStream(`${api}/chat/stream`, { message: 'count' });
    const { traceId } = idsOf(await session.next());
    await session.next();
    session.abort();

    const trace = await v.getTrace(traceId);
    expect(trace?.info.tags.partial).toBe('true');
    const [root, llmSpan] = trace?.data.spans ?? [];
    expect(root?.outputs).toMatch(/^one /);
    expect(llmSpan).toMatchObject({ status: { code: 'OK' }, attributes: { 'verdict.stream.aborted': true } });
    // The answer stopped well before the LLM server would have finished it.
    expect(String(root?.outputs).length).toBeLessThan('one two three four five six seven eight nine ten'.length);
    // The signal reached the openai client: the LLM server saw its answer abandoned.
    await vi.waitFor(() => expect(llm?.abandoned).toBe(1));
  });

  it('an LLM failing mid-stream becomes an error event and an ERROR trace with an ERROR LLM span', async () => {
    const { api, v } = await serveOpenAIChat({ failAfterTokens: 1 });
    const session = await postStream(`${api}/chat/stream`, { message: 'hi' });
    const { traceId } = idsOf(await session.next());
    const events = await session.rest();
    expect(events.map((event) => event.type)).toEqual(['token', 'error']);
    const trace = await v.getTrace(traceId);
    expect(trace?.info.state).toBe('ERROR');
    expect(trace?.data.spans.map((span) => [span.name, span.status.code])).toEqual([
      ['chat', 'ERROR'],
      ['openai.chat.completions.create', 'ERROR'],
    ]);
  });
});
