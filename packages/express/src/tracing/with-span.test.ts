import { describe, expect, test } from 'vitest';
import { currentTraceId, startSpan, trace, withSpan } from './index';
import { captureTraces, sleep, spanNamed } from './test-support';

describe('withSpan()', () => {
  test('returns the result, records it as outputs, and nests spans made inside', async () => {
    const capture = captureTraces();
    const result = await capture.run(() =>
      withSpan({ name: 'pipeline', spanType: 'CHAIN', inputs: { message: 'hello' } }, async () => {
        const docs = withSpan({ name: 'lookup', attributes: { index: 'faq', k: 3, tags: ['a', 'b'] } }, () => ['doc']);
        await sleep(1);
        return { response: `got ${docs.length}` };
      }),
    );
    expect(result).toEqual({ response: 'got 1' });
    const stored = await capture.last();
    const root = spanNamed(stored, 'pipeline');
    const lookup = spanNamed(stored, 'lookup');
    expect(lookup.parent_span_id).toBe(root.span_id);
    expect(lookup.attributes).toEqual({ index: 'faq', k: 3, tags: ['a', 'b'] });
    expect(root.outputs).toEqual({ response: 'got 1' });
    expect(stored.info.request_preview).toBe('hello');
    expect(stored.info.response_preview).toBe('got 1');
  });

  test('keeps outputs and status the function set itself', async () => {
    const capture = captureTraces();
    capture.run(() =>
      withSpan({ name: 'manual' }, (span) => {
        span.setOutputs({ chosen: 2 });
        span.setStatus('ERROR', 'low confidence');
        span.addEvent('retry', { attempt: 2, detail: { reason: 'timeout' } });
        return 'ignored as outputs';
      }),
    );
    const span = spanNamed(await capture.last(), 'manual');
    expect(span.outputs).toEqual({ chosen: 2 });
    expect(span.status).toEqual({ code: 'ERROR', message: 'low confidence' });
    expect(span.events).toEqual([
      expect.objectContaining({ name: 'retry', attributes: { attempt: 2, detail: '{"reason":"timeout"}' } }),
    ]);
  });

  test('re-throws a rejection unchanged and marks the span ERROR', async () => {
    const capture = captureTraces();
    const error = new Error('upstream down');
    await expect(
      capture.run(() =>
        withSpan({ name: 'call' }, async () => {
          throw error;
        }),
      ),
    ).rejects.toBe(error);
    const span = spanNamed(await capture.last(), 'call');
    expect(span.status.code).toBe('ERROR');
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
  });

  test('records thrown non-errors too', async () => {
    const capture = captureTraces();
    expect(() =>
      capture.run(() =>
        withSpan({ name: 'odd' }, () => {
          throw { reason: 'not an Error' };
        }),
      ),
    ).toThrow();
    const span = spanNamed(await capture.last(), 'odd');
    expect(span.events[0]?.attributes).toEqual({ 'exception.type': 'object', 'exception.message': '{"reason":"not an Error"}' });
    expect(span.status).toEqual({ code: 'ERROR', message: '{"reason":"not an Error"}' });
  });
});

describe('recorded values', () => {
  test('are snapshots: mutating them after recording does not rewrite the trace', async () => {
    const capture = captureTraces();
    const history = ['hello'];
    const remember = trace(function remember(messages: string[]) {
      return { count: messages.length, messages };
    });
    const result = capture.run(() => remember(history));
    history.push('later');
    result.messages.push('also later');
    const span = spanNamed(await capture.last(), 'remember');
    expect(span.inputs).toEqual({ messages: ['hello'] });
    expect(span.outputs).toEqual({ count: 1, messages: ['hello'] });
  });

  test('calls on an ended span are ignored', async () => {
    const capture = captureTraces();
    const span = capture.run(() => startSpan({ name: 'done', inputs: 1 }));
    span.setOutputs('final').end();
    span.setOutputs('too late');
    span.setInputs('too late');
    span.end();
    expect(spanNamed(await capture.get(span.traceId), 'done')).toMatchObject({ inputs: 1, outputs: 'final' });
  });
});

describe('startSpan()', () => {
  test('makes a manual span that nests under the active one without becoming active', async () => {
    const capture = captureTraces();
    await capture.run(() =>
      withSpan({ name: 'root' }, async (root) => {
        const manual = startSpan({ name: 'manual', spanType: 'TOOL', inputs: { q: 1 } });
        expect(manual.traceId).toBe(root.traceId);
        expect(currentTraceId()).toBe(root.traceId);
        const inner = startSpan({ name: 'inner', parent: manual });
        withSpan({ name: 'sibling' }, () => undefined);
        await sleep(1);
        inner.end();
        manual.setOutputs('ok').end();
      }),
    );
    const stored = await capture.last();
    const root = spanNamed(stored, 'root');
    const manual = spanNamed(stored, 'manual');
    expect(manual).toMatchObject({ parent_span_id: root.span_id, span_type: 'TOOL', inputs: { q: 1 }, outputs: 'ok' });
    expect(manual.status.code).toBe('UNSET');
    expect(spanNamed(stored, 'inner').parent_span_id).toBe(manual.span_id);
    expect(spanNamed(stored, 'sibling').parent_span_id).toBe(root.span_id);
  });

  test('starts a trace of its own outside one, stored when the manual root ends', async () => {
    const capture = captureTraces();
    const span = capture.run(() => startSpan({ name: 'job', inputs: 'nightly' }));
    span.recordException(new TypeError('bad row'));
    span.setStatus('ERROR');
    span.end();
    const stored = await capture.get(span.traceId);
    expect(stored.data.spans).toHaveLength(1);
    expect(stored.info).toMatchObject({ state: 'ERROR', request_preview: 'nightly' });
    expect(spanNamed(stored, 'job').span_id).toBe(span.spanId);
  });
});
