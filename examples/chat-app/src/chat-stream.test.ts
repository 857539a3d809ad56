import { ChatResponseSchema, TraceSchema, type StreamEvent } from '@verdict/core';
import { describe, expect, it, vi } from 'vitest';
import { demoModel, type ChatModel } from './models';
import { openStream, startApp as startTestApp } from './test-server';

function startApp(model: ChatModel) {
  return startTestApp(model, 'stream-test-secret-0123456789');
}

async function readAll(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const all: StreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

function tokensOf(events: StreamEvent[]): string {
  return events.map((event) => (event.type === 'token' ? event.content : '')).join('');
}

async function plainAnswer(base: string, message: string): Promise<string> {
  const response = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message }) });
  return ChatResponseSchema.parse(await response.json()).response;
}

async function getTrace(base: string, traceId: string) {
  return TraceSchema.parse(await (await fetch(`${base}/api/traces/${traceId}`)).json());
}

async function vote(base: string, traceId: string, token: string | undefined, isCorrect: boolean, comment: string) {
  const query = new URLSearchParams({ trace_id: traceId, user_id: 'alice' });
  return fetch(`${base}/api/feedback?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ is_correct: isCorrect, comment, feedback_token: token }),
  });
}

describe('POST /api/chat/stream (offline demo model)', () => {
  it('streams a grounded answer word by word: start first, then tokens, then done with the same ids', async () => {
    const base = await startApp(demoModel());
    const { response, events } = await openStream(base, 'How long does standard shipping take?');
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const all = await readAll(events);
    const [start, ...rest] = all;
    if (start?.type !== 'start') throw new Error('start must come first');
    expect(rest.slice(0, -1).every((event) => event.type === 'token')).toBe(true);
    expect(rest.length).toBeGreaterThan(5);
    expect(rest.at(-1)).toEqual({ type: 'done', trace_id: start.trace_id, feedback_token: start.feedback_token });
    const text = tokensOf(all);
    expect(text).toMatch(/^\[offline demo model\] /);
    expect(text).toContain('3 to 5 business days');
    // The streamed answer is the one /api/chat gives for the same question.
    expect(await plainAnswer(base, 'How long does standard shipping take?')).toBe(text);
  });

  it('traces the four steps, generate holding the whole answer, and takes feedback on the streamed trace', async () => {
    const base = await startApp(demoModel());
    const all = await readAll((await openStream(base, 'Can I return an opened item?')).events);
    const start = all[0];
    if (start?.type !== 'start') throw new Error('start must come first');
    const trace = await getTrace(base, start.trace_id);
    const root = trace.data.spans.find((span) => span.parent_span_id === null);
    expect(root).toMatchObject({ name: 'chat', outputs: tokensOf(all) });
    const children = trace.data.spans.filter((span) => span.parent_span_id === root?.span_id);
    expect(children.map((span) => span.name)).toEqual(['rewrite_query', 'retrieve', 'build_prompt', 'generate']);
    expect(children.find((span) => span.name === 'retrieve')?.outputs).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'kb-returns' })]));
    expect(children.find((span) => span.name === 'generate')).toMatchObject({ span_type: 'CHAT_MODEL', outputs: tokensOf(all), status: { code: 'OK' } });

    expect((await vote(base, start.trace_id, undefined, true, 'forged')).status).toBe(403);
    expect((await vote(base, start.trace_id, start.feedback_token, false, 'too vague')).status).toBe(200);
    const rated = await getTrace(base, start.trace_id);
    expect(rated.info.assessments).toEqual([expect.objectContaining({ feedback: { value: false }, rationale: 'too vague', source: { source_type: 'HUMAN', source_id: 'alice' } })]);
  });

  it('a stop mid-answer leaves a partial trace (generate too) that can still be rated', async () => {
    const base = await startApp(demoModel({ tokenDelayMs: 25 }));
    const { events, stop } = await openStream(base, 'Which payment methods do you accept?');
    const iterator = events[Symbol.asyncIterator]();
    const start = (await iterator.next()).value as StreamEvent;
    if (start.type !== 'start') throw new Error('start must come first');
    const first = (await iterator.next()).value as StreamEvent;
    const second = (await iterator.next()).value as StreamEvent;
    stop();
    const shown = tokensOf([first, second]);
    expect(shown).toBe('[offline demo ');

    const trace = await vi.waitFor(async () => {
      const found = await fetch(`${base}/api/traces/${start.trace_id}`);
      expect(found.status).toBe(200);
      return TraceSchema.parse(await found.json());
    });
    expect(trace.info.tags.partial).toBe('true');
    const generate = trace.data.spans.find((span) => span.name === 'generate');
    expect(String(generate?.outputs)).toMatch(/^\[offline demo /);
    expect(generate?.attributes['verdict.stream.aborted']).toBe(true);
    expect(String(generate?.outputs).length).toBeLessThan((await plainAnswer(base, 'Which payment methods do you accept?')).length);
    expect((await vote(base, start.trace_id, start.feedback_token, false, 'stopped: too slow')).status).toBe(200);
  });

  it('a model failing mid-stream ends with an error event, and generate and the trace are ERROR', async () => {
    const failing: ChatModel = {
      ...demoModel(),
      async *stream() {
        yield 'Half an ';
        throw new Error('the model lost its GPU');
      },
    };
    const base = await startApp(failing);
    // The example keeps Verdict's default onError, which logs unexpected errors: the host hears of it.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const all = await readAll((await openStream(base, 'How long does standard shipping take?')).events);
    expect(all.map((event) => event.type)).toEqual(['start', 'token', 'error']);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('unexpected error'), expect.objectContaining({ message: 'the model lost its GPU' }));
    logged.mockRestore();
    const start = all[0];
    if (start?.type !== 'start') throw new Error('start must come first');
    const trace = await getTrace(base, start.trace_id);
    expect(trace.info.state).toBe('ERROR');
    expect(trace.data.spans.find((span) => span.name === 'generate')).toMatchObject({ outputs: 'Half an ', status: { code: 'ERROR', message: 'the model lost its GPU' } });
  });
});
