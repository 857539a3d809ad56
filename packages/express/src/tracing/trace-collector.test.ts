import { context, trace as otel } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { Trace } from '@verdict/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { VERDICT_TRACER_NAME } from './span-attributes';
import { VerdictSpanProcessor } from './span-processor';
import { TRACE_WRITER_KEY, TraceCollector } from './trace-collector';
import type { TraceCollectorOptions } from './trace-collector';
import type { TraceWriter } from './trace-writer';
import { sleep } from './test-support';

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

// A private collector behind its own provider, so limits can be small without touching the
// process-wide one.
function setup(options: TraceCollectorOptions) {
  const collector = new TraceCollector(options);
  const provider = new BasicTracerProvider({ spanProcessors: [new VerdictSpanProcessor(collector)] });
  const written: Trace[] = [];
  const writer: TraceWriter = {
    write: (trace) => written.push(trace),
    whenWritten: () => Promise.resolve(),
    flush: () => Promise.resolve(),
  };
  const parent = context.active().setValue(TRACE_WRITER_KEY, writer);
  return { collector, tracer: provider.getTracer(VERDICT_TRACER_NAME), written, parent, writer };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('TraceCollector limits', () => {
  test('a trace within the limits is written when its root ends', () => {
    const { collector, tracer, written, parent } = setup({ maxSpans: 5 });
    const root = tracer.startSpan('root', {}, parent);
    for (let index = 0; index < 4; index++) tracer.startSpan(`child-${index}`, {}, otel.setSpan(parent, root)).end();
    root.end();
    expect(collector.lastTraceId).toBe(`tr-${root.spanContext().traceId}`);
    expect(written.map((trace) => trace.data.spans.length)).toEqual([5]);
  });

  test('a trace with more spans than the limit is dropped with one warning, and forgotten at its end', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { collector, tracer, written, parent } = setup({ maxSpans: 5 });
    const root = tracer.startSpan('root', {}, parent);
    const traceId = root.spanContext().traceId;
    const inRoot = otel.setSpan(parent, root);
    for (let index = 0; index < 10; index++) tracer.startSpan(`child-${index}`, {}, inRoot).end();
    expect(collector.isOpen(traceId)).toBe(true);
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/dropped trace tr-[0-9a-f]{32}: it has more than 5 spans/);
    root.end();
    expect(collector.isOpen(traceId)).toBe(false);
    expect(written.filter((trace) => trace.info.trace_id === `tr-${traceId}`)).toEqual([]);
  });

  test('a trace open longer than the age limit is dropped with one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { collector, tracer, written, parent } = setup({ maxAgeMs: 20, sweepIntervalMs: 5 });
    const root = tracer.startSpan('forgotten', {}, parent);
    const traceId = root.spanContext().traceId;
    await sleep(60);
    expect(collector.isOpen(traceId)).toBe(false);
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toContain('open for more than 20 ms');
    root.end();
    expect(written).toEqual([]);
    collector.clear();
  });

  test('only roots from the Verdict tracer open traces; foreign roots are never held', () => {
    const { collector, written, parent } = setup({});
    const foreign = new BasicTracerProvider({ spanProcessors: [new VerdictSpanProcessor(collector)] }).getTracer('other');
    const span = foreign.startSpan('foreign-root', {}, parent);
    expect(collector.isOpen(span.spanContext().traceId)).toBe(false);
    span.end();
    expect(written).toEqual([]);
  });

  test('whenEnded waits for an open trace of the writer: woken after the write, on a drop by age, and on clear()', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { collector, tracer, written, parent, writer } = setup({ maxAgeMs: 20, sweepIntervalMs: 5 });
    const other: TraceWriter = { ...writer };
    const ended = tracer.startSpan('ended', {}, parent);
    expect(collector.whenEnded(ended.spanContext().traceId, other)).toBeUndefined();
    const waitEnded = collector.whenEnded(ended.spanContext().traceId, writer)?.then(() => written.length);
    ended.end();
    expect(await waitEnded).toBe(1);

    const aged = tracer.startSpan('aged', {}, parent);
    await collector.whenEnded(aged.spanContext().traceId, writer);
    expect(collector.isOpen(aged.spanContext().traceId)).toBe(false);

    const cleared = tracer.startSpan('cleared', {}, parent);
    const waitCleared = collector.whenEnded(cleared.spanContext().traceId, writer);
    collector.clear();
    await waitCleared;
    expect(collector.whenEnded('0'.repeat(32), writer)).toBeUndefined();
  });
});
