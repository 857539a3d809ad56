import { TraceSchema } from '@verdict/core';
import { describe, expect, test } from 'vitest';
import { lastTraceId, trace } from './index';
import { captureTraces, sleep, spanNamed } from './test-support';

describe('trace()', () => {
  test('nests spans three deep with parent/child ids and one trace id', async () => {
    const capture = captureTraces();
    const leaf = trace(async function leaf(n: number) {
      await sleep(1);
      return n + 1;
    });
    const middle = trace(async function middle(n: number) {
      return leaf(n * 10);
    }, { spanType: 'CHAIN' });
    const root = trace(async function root(message: string) {
      return { response: `${message}:${await middle(2)}` };
    }, { spanType: 'AGENT' });

    expect(await capture.run(() => root('hi'))).toEqual({ response: 'hi:21' });
    const stored = await capture.last();
    expect(TraceSchema.parse(stored)).toEqual(stored);
    const [rootSpan, middleSpan, leafSpan] = [spanNamed(stored, 'root'), spanNamed(stored, 'middle'), spanNamed(stored, 'leaf')];
    expect(stored.data.spans[0]).toBe(stored.data.spans.find((span) => span.parent_span_id === null));
    expect(rootSpan.parent_span_id).toBeNull();
    expect(middleSpan.parent_span_id).toBe(rootSpan.span_id);
    expect(leafSpan.parent_span_id).toBe(middleSpan.span_id);
    for (const span of stored.data.spans) expect(span.trace_id).toBe(stored.info.trace_id);
    expect(stored.info.trace_id).toMatch(/^tr-[0-9a-f]{32}$/);
    expect(rootSpan.span_type).toBe('AGENT');
    expect(middleSpan.span_type).toBe('CHAIN');
    expect(leafSpan.span_type).toBe('UNKNOWN');
  });

  test('records inputs by parameter name, outputs, status and duration', async () => {
    const capture = captureTraces();
    const add = trace(function add(a: number, b: number) {
      return a + b;
    });
    expect(capture.run(() => add(2, 3))).toBe(5);
    const stored = await capture.last();
    const span = spanNamed(stored, 'add');
    expect(span.inputs).toEqual({ a: 2, b: 3 });
    expect(span.outputs).toBe(5);
    expect(span.status).toEqual({ code: 'OK' });
    expect(span.end_time_ms).toBeGreaterThanOrEqual(span.start_time_ms);
    expect(stored.info).toMatchObject({ state: 'OK', request_preview: '{"a":2,"b":3}', response_preview: '5' });
    expect(stored.info.execution_duration).toBe((span.end_time_ms ?? 0) - span.start_time_ms);
  });

  test('ends an async span when its promise settles, recording the real duration', async () => {
    const capture = captureTraces();
    const slow = trace(async function slow() {
      await sleep(30);
      return 'done';
    });
    await capture.run(() => slow());
    const span = spanNamed(await capture.last(), 'slow');
    expect((span.end_time_ms ?? 0) - span.start_time_ms).toBeGreaterThanOrEqual(25);
    expect(span.outputs).toBe('done');
  });

  test('falls back to the single object argument, then to { args }', async () => {
    const capture = captureTraces();
    const destructured = trace(({ message }: { message: string }) => message.length, { name: 'destructured' });
    const defaults = trace((a: number, b = 2) => a + b, { name: 'defaults' });
    const rest = trace((first: string, ...more: string[]) => [first, ...more].join(), { name: 'rest' });
    capture.run(() => destructured({ message: 'hello' }));
    expect(spanNamed(await capture.last(), 'destructured').inputs).toEqual({ message: 'hello' });
    capture.run(() => defaults(1));
    expect(spanNamed(await capture.last(), 'defaults').inputs).toEqual({ args: [1] });
    capture.run(() => rest('a', 'b', 'c'));
    expect(spanNamed(await capture.last(), 'rest').inputs).toEqual({ first: 'a', more: ['b', 'c'] });
  });

  test('re-throws errors unchanged with status ERROR and an exception event', async () => {
    const capture = captureTraces();
    const boom = new RangeError('out of range');
    const failing = trace(function failing() {
      throw boom;
    });
    const failingAsync = trace(async function failingAsync() {
      await sleep(1);
      throw boom;
    });
    expect(() => capture.run(() => failing())).toThrow(boom);
    for (const stored of [await capture.last()]) {
      const span = spanNamed(stored, 'failing');
      expect(span.status).toEqual({ code: 'ERROR', message: 'out of range' });
      expect(span.events).toEqual([
        expect.objectContaining({
          name: 'exception',
          attributes: expect.objectContaining({ 'exception.type': 'RangeError', 'exception.message': 'out of range' }),
        }),
      ]);
      expect(span.events[0]?.attributes['exception.stacktrace']).toContain('RangeError');
      expect(stored.info.state).toBe('ERROR');
    }
    await expect(capture.run(() => failingAsync())).rejects.toBe(boom);
    expect(spanNamed(await capture.last(), 'failingAsync').status.code).toBe('ERROR');
  });

  test('keeps this, name and length of the wrapped function', () => {
    const counter = {
      count: 1,
      increment: trace(function increment(this: { count: number }, by: number) {
        this.count += by;
        return this.count;
      }),
    };
    expect(counter.increment(2)).toBe(3);
    expect(counter.increment.name).toBe('increment');
    expect(counter.increment.length).toBe(1);
    expect(lastTraceId()).toMatch(/^tr-/);
  });

  test('records async iterables and generators as "[stream]" without reading them', async () => {
    const capture = captureTraces();
    let pulled = 0;
    const stream = trace(async function stream() {
      return (async function* tokens() {
        pulled += 1;
        yield 'a';
      })();
    });
    const iterator = await capture.run(() => stream());
    expect(spanNamed(await capture.last(), 'stream').outputs).toBe('[stream]');
    expect(pulled).toBe(0);
    for await (const token of iterator) expect(token).toBe('a');
  });

  test('refuses an unknown span type when wrapping, not when called', () => {
    expect(() => trace(() => 1, { spanType: 'WIZARD' as 'LLM' })).toThrow(/unknown span type "WIZARD"/);
  });
});
