import { createServer, type ServerResponse } from 'node:http';
import { TraceSchema, type StreamEvent } from '@verdict/core';
import { describe, expect, it, vi } from 'vitest';
import { openAIModel } from './models';
import { listen, openStream as openTestStream, startApp as startTestApp } from './test-server';

const ANSWER = ['Returns ', 'are ', 'accepted ', 'within ', '30 ', 'days.'];

/** A small OpenAI-compatible server: Chat Completions with `stream: true`, a final usage chunk, then [DONE]. */
async function startLlm(tokenDelayMs: number) {
  const requests: Record<string, unknown>[] = [];
  const state = { abandoned: false };
  const llm = createServer(async (req, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    requests.push(JSON.parse(body) as Record<string, unknown>);
    res.on('close', () => (state.abandoned = !res.writableFinished));
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: 'test-model' };
    const send = (chunk: object) => res.write(`data: ${JSON.stringify({ ...base, ...chunk })}\n\n`);
    send({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    for (const token of ANSWER) {
      await new Promise((resolve) => setTimeout(resolve, tokenDelayMs));
      if (res.destroyed) return;
      send({ choices: [{ index: 0, delta: { content: token }, finish_reason: null }] });
    }
    send({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    send({ choices: [], usage: { prompt_tokens: 40, completion_tokens: ANSWER.length, total_tokens: 40 + ANSWER.length } });
    res.end('data: [DONE]\n\n');
  });
  return { baseURL: `${await listen(llm)}/v1`, requests, state };
}

function startApp(baseURL: string) {
  return startTestApp(openAIModel({ apiKey: 'test-key', baseURL, model: 'test-model' }), 'openai-stream-secret-0123456789');
}

/** The stream's events as an iterator, so a test can take them one at a time. */
async function openStream(base: string, message: string) {
  const { events, stop } = await openTestStream(base, message);
  return { events: events[Symbol.asyncIterator](), stop };
}

async function traceOf(base: string, traceId: string) {
  return vi.waitFor(async () => {
    const response = await fetch(`${base}/api/traces/${traceId}`);
    expect(response.status).toBe(200);
    return TraceSchema.parse(await response.json());
  });
}

describe('POST /api/chat/stream with the official openai client', () => {
  it('streams the model answer and nests the instrumented OpenAI span, with usage, under generate', async () => {
    const llm = await startLlm(0);
    const base = await startApp(llm.baseURL);
    const { events } = await openStream(base, 'How long do I have to return an order?');
    const all: StreamEvent[] = [];
    for (let next = await events.next(); next.done !== true; next = await events.next()) all.push(next.value);
    expect(all.map((event) => event.type)).toEqual(['start', ...ANSWER.map(() => 'token'), 'done']);
    expect(all.map((event) => (event.type === 'token' ? event.content : '')).join('')).toBe(ANSWER.join(''));
    expect(llm.requests).toEqual([
      expect.objectContaining({
        model: 'test-model',
        stream: true,
        stream_options: { include_usage: true },
        messages: [
          expect.objectContaining({ role: 'system', content: expect.stringContaining('Orders can be returned within 30 days') }),
          { role: 'user', content: 'How long do I have to return an order?' },
        ],
      }),
    ]);

    const start = all[0];
    if (start?.type !== 'start') throw new Error('start must come first');
    const trace = await traceOf(base, start.trace_id);
    const generate = trace.data.spans.find((span) => span.name === 'generate');
    const call = trace.data.spans.find((span) => span.name === 'openai.chat.completions.create');
    expect(generate).toMatchObject({ span_type: 'CHAT_MODEL', outputs: ANSWER.join('') });
    expect(call).toMatchObject({ span_type: 'CHAT_MODEL', parent_span_id: generate?.span_id, status: { code: 'OK' } });
    expect(JSON.parse(String(call?.attributes['mlflow.chat.tokenUsage']))).toEqual({ input_tokens: 40, output_tokens: 6, total_tokens: 46 });
  });

  it('a stop aborts the OpenAI request and keeps the partial answer on the trace', async () => {
    const llm = await startLlm(30);
    const base = await startApp(llm.baseURL);
    const { events, stop } = await openStream(base, 'How long do I have to return an order?');
    const start = (await events.next()).value as StreamEvent;
    const first = (await events.next()).value as StreamEvent;
    stop();
    if (start.type !== 'start') throw new Error('start must come first');
    expect(first).toEqual({ type: 'token', content: 'Returns ' });

    const trace = await traceOf(base, start.trace_id);
    expect(trace.info.tags.partial).toBe('true');
    expect(trace.data.spans.find((span) => span.name === 'generate')).toMatchObject({ outputs: expect.stringMatching(/^Returns /), attributes: expect.objectContaining({ 'verdict.stream.aborted': true }) });
    // The signal reached the openai client: the LLM server saw its answer abandoned.
    await vi.waitFor(() => expect(llm.state.abandoned).toBe(true));
  });
});
