import type { Span, Trace } from '@verdict/core';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAILING_MODEL, startOpenAICompatibleServer } from '../test-support/openai-compatible-server';
import type { OpenAICompatibleServer, OpenAICompatibleServerOptions } from '../test-support/openai-compatible-server';
import { withSpan } from '../tracing';
import { captureTraces } from '../tracing/test-support';
import { instrumentOpenAI } from './instrument-openai';

let llm: OpenAICompatibleServer;
let openai: OpenAI;

async function start(options: OpenAICompatibleServerOptions = {}): Promise<void> {
  await llm?.close();
  llm = await startOpenAICompatibleServer(options);
  openai = instrumentOpenAI(new OpenAI({ baseURL: llm.baseURL, apiKey: 'test-key', maxRetries: 0 }));
}

beforeEach(() => start());
afterEach(() => llm.close());

/** Runs `fn` under a `root` span into a fresh store and returns the stored trace. */
async function traced(fn: () => Promise<unknown>): Promise<Trace> {
  const capture = captureTraces();
  let traceId = '';
  await capture.run(() =>
    withSpan({ name: 'root', spanType: 'CHAIN' }, async (span) => {
      traceId = span.traceId;
      await fn().catch(() => undefined);
    }),
  );
  return capture.get(traceId);
}

function childOf(trace: Trace): Span {
  const [root, child, extra] = trace.data.spans;
  expect(extra).toBeUndefined();
  expect(child?.parent_span_id).toBe(root?.span_id);
  return child as Span;
}

function usageOf(span: Span): unknown {
  const usage = span.attributes['mlflow.chat.tokenUsage'];
  return typeof usage === 'string' ? JSON.parse(usage) : usage;
}

const messages = [{ role: 'user' as const, content: 'hello there' }];

describe('instrumentOpenAI', () => {
  it('records a chat completion as a CHAT_MODEL span with model, messages, answer and usage', async () => {
    let answer: string | null | undefined;
    const trace = await traced(async () => {
      answer = (await openai.chat.completions.create({ model: 'gpt-test', messages })).choices[0]?.message.content;
    });
    expect(answer).toBe('You said: hello there');
    const span = childOf(trace);
    expect(span).toMatchObject({ name: 'openai.chat.completions.create', span_type: 'CHAT_MODEL', status: { code: 'OK' }, inputs: { model: 'gpt-test', messages } });
    expect(span.outputs).toMatchObject({ choices: [{ message: { role: 'assistant', content: 'You said: hello there' } }] });
    expect(usageOf(span)).toEqual({ input_tokens: 2, output_tokens: 4, total_tokens: 6 });
    expect(span.attributes).toMatchObject({ 'gen_ai.request.model': 'gpt-test', 'gen_ai.response.model': 'gpt-test', 'mlflow.message.format': 'openai' });
  });

  it('ends a streamed call when the stream is read to the end, with the whole text and the usage chunk', async () => {
    const chunks: string[] = [];
    const trace = await traced(async () => {
      const stream = await openai.chat.completions.create({ model: 'gpt-test', messages, stream: true, stream_options: { include_usage: true } });
      for await (const chunk of stream) chunks.push(chunk.choices[0]?.delta.content ?? '');
    });
    expect(chunks.join('')).toBe('You said: hello there');
    const span = childOf(trace);
    expect(span.status.code).toBe('OK');
    expect(span.outputs).toMatchObject({ choices: [{ message: { content: 'You said: hello there' }, finish_reason: 'stop' }] });
    expect(usageOf(span)).toEqual({ input_tokens: 2, output_tokens: 4, total_tokens: 6 });
    expect(span.attributes['verdict.stream.aborted']).toBeUndefined();
  });

  it('ends a streamed call its reader leaves early, keeping the partial text', async () => {
    await start({ tokenDelayMs: 10 });
    const trace = await traced(async () => {
      const stream = await openai.chat.completions.create({ model: 'gpt-test', messages, stream: true });
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) break;
    });
    const span = childOf(trace);
    expect(span).toMatchObject({ status: { code: 'OK' }, attributes: { 'verdict.stream.aborted': true } });
    expect(span.outputs).toMatchObject({ choices: [{ message: { content: 'You ' } }] });
  });

  it('keeps toReadableStream() working on a traced stream', async () => {
    let text = '';
    const trace = await traced(async () => {
      const stream = await openai.chat.completions.create({ model: 'gpt-test', messages, stream: true });
      const reader = stream.toReadableStream().getReader();
      const decoder = new TextDecoder();
      for (let read = await reader.read(); !read.done; read = await reader.read()) text += decoder.decode(read.value);
    });
    // The role chunk, four words, the finish chunk.
    expect(text.split('\n').filter(Boolean)).toHaveLength(6);
    expect(childOf(trace).outputs).toMatchObject({ choices: [{ message: { content: 'You said: hello there' } }] });
  });

  it('traces both halves of tee() as the one call, and ends a stream aborted before it was read', async () => {
    const texts = ['', ''];
    const teed = await traced(async () => {
      const stream = await openai.chat.completions.create({ model: 'gpt-test', messages, stream: true });
      await Promise.all(stream.tee().map(async (half, index) => {
        for await (const chunk of half) texts[index] += chunk.choices[0]?.delta.content ?? '';
      }));
    });
    expect(texts).toEqual(['You said: hello there', 'You said: hello there']);
    expect(childOf(teed).outputs).toMatchObject({ choices: [{ message: { content: 'You said: hello there' } }] });

    const unread = await traced(async () => {
      const stream = await openai.chat.completions.create({ model: 'gpt-test', messages, stream: true });
      stream.controller.abort();
    });
    expect(childOf(unread)).toMatchObject({ status: { code: 'OK' }, attributes: { 'verdict.stream.aborted': true } });
  });

  it('records an error mid-stream on the span, with what came before', async () => {
    await start({ failAfterTokens: 2 });
    let caught: unknown;
    const trace = await traced(async () => {
      const stream = await openai.chat.completions.create({ model: 'gpt-test', messages, stream: true });
      try {
        for await (const _chunk of stream);
      } catch (error) {
        caught = error;
      }
    });
    expect(caught).toBeInstanceOf(OpenAI.APIError);
    const span = childOf(trace);
    expect(span.status).toEqual({ code: 'ERROR', message: 'the model failed mid-stream' });
    expect(span.outputs).toMatchObject({ choices: [{ message: { content: 'You said: ' } }] });
  });

  it('records a refused request as an ERROR span with the exception, and rethrows it unchanged', async () => {
    let caught: unknown;
    const trace = await traced(() => openai.chat.completions.create({ model: FAILING_MODEL, messages }).catch((error: unknown) => (caught = error)));
    expect(caught).toBeInstanceOf(OpenAI.BadRequestError);
    const span = childOf(trace);
    expect(span.status.code).toBe('ERROR');
    expect(span.status.message).toMatch(/does not exist/);
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('records responses.create as a CHAT_MODEL span with output_text and usage', async () => {
    let outputText: string | undefined;
    const trace = await traced(async () => {
      outputText = (await openai.responses.create({ model: 'gpt-test', input: 'what is up' })).output_text;
    });
    expect(outputText).toBe('You said: what is up');
    const span = childOf(trace);
    expect(span).toMatchObject({ name: 'openai.responses.create', span_type: 'CHAT_MODEL', inputs: { input: 'what is up' }, outputs: { output_text: 'You said: what is up' } });
    expect(usageOf(span)).toEqual({ input_tokens: 3, output_tokens: 5, total_tokens: 8 });
  });

  it('records embeddings as an EMBEDDING span with dimensions instead of vectors', async () => {
    const trace = await traced(() => openai.embeddings.create({ model: 'embed-test', input: ['one two', 'three'], encoding_format: 'float' }));
    const span = childOf(trace);
    expect(span).toMatchObject({ name: 'openai.embeddings.create', span_type: 'EMBEDDING', inputs: { input: ['one two', 'three'] } });
    expect(span.outputs).toMatchObject({ data: [{ index: 0, dimensions: 3 }, { index: 1, dimensions: 3 }] });
    expect(usageOf(span)).toEqual({ input_tokens: 3, output_tokens: 0, total_tokens: 3 });
  });

  it('keeps withResponse() working and makes one span per call when instrumented twice', async () => {
    instrumentOpenAI(openai);
    let status = 0;
    const trace = await traced(async () => {
      const { data, response } = await openai.chat.completions.create({ model: 'gpt-test', messages }).withResponse();
      status = response.status;
      expect(data.choices[0]?.message.content).toBe('You said: hello there');
    });
    expect(status).toBe(200);
    childOf(trace);
  });

  it('refuses what is not a client', () => {
    expect(() => instrumentOpenAI(undefined as never)).toThrow(/needs an OpenAI client/);
  });
});
