import { SpanStatusCode, trace as otel } from '@opentelemetry/api';
import { describe, expect, test } from 'vitest';
import { lastTraceId, trace, withSpan } from './index';
import { captureTraces, sleep, spanNamed } from './test-support';

// Here Verdict registers the global provider itself (nothing else did), so any library's
// `trace.getTracer()` reaches Verdict's span processor.
describe('foreign OpenTelemetry spans', () => {
  test('nest under Verdict spans and are stored with the trace, attributes kept', async () => {
    const capture = captureTraces();
    const foreign = otel.getTracer('foreign');
    const answer = trace(async function answer(message: string) {
      await foreign.startActiveSpan('http.get', { attributes: { 'http.method': 'GET', 'http.status_code': 200 } }, async (span) => {
        await sleep(1);
        withSpan({ name: 'inside-foreign', spanType: 'PARSER' }, () => 'parsed');
        span.addEvent('retry', { attempt: 1 });
        span.setStatus({ code: SpanStatusCode.OK });
        span.end();
      });
      return message.toUpperCase();
    });
    await capture.run(() => answer('hi'));
    const stored = await capture.last();
    const root = spanNamed(stored, 'answer');
    const http = spanNamed(stored, 'http.get');
    expect(http).toMatchObject({
      trace_id: stored.info.trace_id,
      parent_span_id: root.span_id,
      span_type: 'UNKNOWN',
      status: { code: 'OK' },
      attributes: { 'http.method': 'GET', 'http.status_code': 200 },
    });
    expect(http.events).toEqual([expect.objectContaining({ name: 'retry', attributes: { attempt: 1 } })]);
    expect(spanNamed(stored, 'inside-foreign').parent_span_id).toBe(http.span_id);
  });

  test('a Verdict span under a foreign root starts its own trace, linked, and the foreign spans are dropped', async () => {
    const capture = captureTraces();
    const foreign = otel.getTracer('foreign');
    const before = lastTraceId();
    let verdictTraceId: string | undefined;
    let foreignTraceId: string | undefined;
    await capture.run(() =>
      foreign.startActiveSpan('http.server', async (server) => {
        foreignTraceId = server.spanContext().traceId;
        await withSpan({ name: 'answer' }, async (span) => {
          verdictTraceId = span.traceId;
          await sleep(1);
        });
        foreign.startSpan('after-verdict').end();
        server.end();
      }),
    );
    expect(verdictTraceId).not.toBe(`tr-${foreignTraceId}`);
    expect(lastTraceId()).toBe(verdictTraceId);
    expect(lastTraceId()).not.toBe(before);
    const stored = await capture.get(verdictTraceId as string);
    expect(stored.data.spans.map((span) => span.name)).toEqual(['answer']);
    expect(stored.data.spans[0]?.parent_span_id).toBeNull();
    await capture.writer.flush();
    expect(await capture.store.traces.get(`tr-${foreignTraceId}`)).toBeNull();
  });

  test('foreign traces alone are never collected or stored', async () => {
    const capture = captureTraces();
    const foreign = otel.getTracer('foreign');
    const before = lastTraceId();
    capture.run(() => foreign.startActiveSpan('job', (span) => {
      foreign.startSpan('child').end();
      span.end();
    }));
    await capture.writer.flush();
    expect(lastTraceId()).toBe(before);
    expect((await capture.store.traces.search({})).traces).toEqual([]);
  });
});
