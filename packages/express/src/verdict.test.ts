import { VerdictError, memoryStore } from '@verdict/core';
import type { Store } from '@verdict/core';
import { describe, expect, it } from 'vitest';
import { verifyFeedbackToken } from './feedback-token';
import { withSpan as globalWithSpan } from './tracing';
import { verdict } from './verdict';

const secret = 'programmatic-api-secret';

async function tracedRun(): Promise<{ v: ReturnType<typeof verdict>; store: Store; traceId: string; spanId: string }> {
  const store = memoryStore();
  const v = verdict({ store, feedbackSecret: secret });
  let spanId = '';
  const traceId = await v.withSpan({ name: 'job', spanType: 'CHAIN' }, (root) =>
    globalWithSpan({ name: 'step', spanType: 'TOOL' }, (span) => {
      spanId = span.spanId;
      return root.traceId;
    }),
  );
  return { v, store, traceId, spanId };
}

describe('verdict() programmatic API', () => {
  it('withSpan and trace write to this instance\'s store; flush waits for the writes', async () => {
    const { v, store, traceId } = await tracedRun();
    await v.flush();
    expect((await store.traces.get(traceId))?.data.spans.map((span) => span.name)).toEqual(['job', 'step']);

    const double = v.trace(async (n: number) => n * 2, { name: 'double', spanType: 'TOOL' });
    expect(await double(21)).toBe(42);
    await v.flush();
    const { traces } = await v.searchTraces({ max_results: 10 });
    expect(traces).toHaveLength(2);
    expect(traces[0]?.request_preview).toContain('21');
  });

  it('keeps instances apart: traces of one never reach the other', async () => {
    const first = memoryStore();
    const second = memoryStore();
    const a = verdict({ store: first });
    const b = verdict({ store: second });
    await Promise.all([a.withSpan({ name: 'a' }, () => 'a'), b.withSpan({ name: 'b' }, () => 'b')]);
    await Promise.all([a.flush(), b.flush()]);
    expect((await first.traces.search()).traces.map((info) => info.request_preview)).toHaveLength(1);
    expect((await second.traces.search()).traces).toHaveLength(1);
    expect((await a.searchTraces()).traces[0]?.trace_id).not.toBe((await b.searchTraces()).traces[0]?.trace_id);
  });

  it('logFeedback and logExpectation validate like the routes and wait for the trace write', async () => {
    const { v, traceId, spanId } = await tracedRun();
    // No flush: the service waits for the write still in flight.
    const feedback = await v.logFeedback({ trace_id: traceId, name: 'helpful', value: true, span_id: spanId, rationale: 'clear' });
    expect(feedback).toMatchObject({ assessment_name: 'helpful', feedback: { value: true }, span_id: spanId, source: { source_type: 'HUMAN', source_id: 'anonymous' } });
    const source = { source_type: 'CODE' as const, source_id: 'labeler' };
    const expectation = await v.logExpectation({ trace_id: traceId, name: 'answer', value: { city: 'Paris' }, source });
    expect(expectation).toMatchObject({ expectation: { value: { city: 'Paris' } }, source });
    expect(expectation).not.toHaveProperty('feedback');
    expect((await v.getTrace(traceId))?.info.assessments).toHaveLength(2);

    const refused = [
      v.logFeedback({ trace_id: traceId, name: 'x', value: null as never }),
      v.logFeedback({ trace_id: traceId, name: 'x', value: 1, extra: true } as never),
      v.logFeedback({ trace_id: 'tr-nope', name: 'x', value: 1 }),
    ];
    for (const result of refused) await expect(result).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(v.logFeedback({ trace_id: `tr-${'0'.repeat(32)}`, name: 'x', value: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await v.getTrace(traceId))?.info.assessments).toHaveLength(2);
  });

  it('getTrace answers null for an unknown trace and refuses a malformed id', async () => {
    const v = verdict({ store: memoryStore() });
    expect(await v.getTrace(`tr-${'0'.repeat(32)}`)).toBeNull();
    await expect(v.getTrace('nope')).rejects.toSatisfy(VerdictError.isInstance);
  });

  it('signs feedback tokens only when a secret is set', () => {
    const traceId = `tr-${'a'.repeat(32)}`;
    expect(verdict({ store: memoryStore() }).signFeedbackToken(traceId)).toBeUndefined();
    const token = verdict({ store: memoryStore(), feedbackSecret: secret, feedbackTokenTtlMs: 1000 }).signFeedbackToken(traceId);
    expect(verifyFeedbackToken(secret, token, traceId)).toBe(true);
    expect(verifyFeedbackToken(secret, token, traceId, Date.now() + 2000)).toBe(false);
  });

  it('reports failed trace writes to onError without failing the traced call', async () => {
    const errors: unknown[] = [];
    const store = memoryStore();
    const broken: Store = { ...store, traces: { ...store.traces, put: () => Promise.reject(new Error('store down')) } };
    const v = verdict({ store: broken, onError: (error) => errors.push(error) });
    expect(await v.withSpan({ name: 'job' }, () => 'done')).toBe('done');
    await v.flush();
    expect(errors).toEqual([expect.objectContaining({ message: 'store down' })]);
  });

  it('fails fast on bad options, before anything runs', () => {
    expect(() => verdict({} as never)).toThrow('verdict({ store }) needs a store: pass memoryStore() from @verdict/core or jsonStore(...)');
    expect(() => verdict({ store: memoryStore(), feedbackSecert: 'x'.repeat(20) } as never)).toThrow(/did you mean feedbackSecret\?/);
  });
});
