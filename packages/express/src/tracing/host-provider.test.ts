import { context, trace as otel } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { beforeAll, describe, expect, test } from 'vitest';
import { createVerdictSpanProcessor, trace } from './index';
import { captureTraces, sleep } from './test-support';

// The host set up OpenTelemetry first (as with the OTel Node SDK), with Verdict's processor added.
const exporter = new InMemorySpanExporter();

beforeAll(() => {
  // Both succeed although ./index is already imported: Verdict registers nothing at import time.
  expect(context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())).toBe(true);
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter), createVerdictSpanProcessor()],
  });
  expect(otel.setGlobalTracerProvider(provider)).toBe(true);
});

describe('a host with its own global tracer provider', () => {
  test("Verdict's spans still go through Verdict's provider, foreign ones through the host's, one trace", async () => {
    const capture = captureTraces();
    const hostTracer = otel.getTracer('host-db');
    const lookup = trace(async function lookup(key: string) {
      return hostTracer.startActiveSpan('db.query', async (span) => {
        await sleep(1);
        span.setAttribute('db.statement', `GET ${key}`);
        span.end();
        return `value of ${key}`;
      });
    });
    const answer = trace(async function answer(message: string) {
      return lookup(message);
    });
    expect(await capture.run(() => answer('k'))).toBe('value of k');
    const stored = await capture.last();
    expect(stored.data.spans.map((span) => span.name)).toEqual(['answer', 'lookup', 'db.query']);
    const [, lookupSpan, query] = stored.data.spans;
    expect(query?.parent_span_id).toBe(lookupSpan?.span_id);
    expect(query?.attributes).toEqual({ 'db.statement': 'GET k' });
    // The host exporter got only the host's span: Verdict's provider is not the global one here.
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['db.query']);
  });

  test("spans outside Verdict traces pass through the host's pipeline untouched and are not stored", async () => {
    exporter.reset();
    const capture = captureTraces();
    const hostTracer = otel.getTracer('host-http');
    capture.run(() => hostTracer.startActiveSpan('GET /health', (span) => span.end()));
    await capture.writer.flush();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['GET /health']);
    expect((await capture.store.traces.search({})).traces).toEqual([]);
  });
});
