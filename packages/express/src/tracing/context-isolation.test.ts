import type { Trace } from '@verdict/core';
import { describe, expect, test } from 'vitest';
import { currentTraceId, trace, withSpan } from './index';
import { captureTraces, sleep } from './test-support';
import type { Capture } from './test-support';

// One "request": a root and three children whose awaits interleave with every other request.
function makeHandler() {
  const step = trace(async function step(request: number, index: number) {
    await sleep((request * 7 + index * 3) % 5);
    return `${request}.${index}`;
  });
  return trace(async function handle(request: number) {
    const seen = new Set<string | undefined>([currentTraceId()]);
    const parts: string[] = [];
    for (let index = 0; index < 3; index++) {
      parts.push(await step(request, index));
      seen.add(currentTraceId());
      await sleep((request + index) % 3);
    }
    // Parallel children too: their contexts fork and must still join this request's trace.
    await Promise.all([0, 1].map((lane) => withSpan({ name: `lane-${lane}` }, () => sleep(lane))));
    seen.add(currentTraceId());
    return { request, parts, traceIds: [...seen] };
  });
}

async function runConcurrently(capture: Capture, count: number): Promise<Trace[]> {
  const handle = makeHandler();
  const results = await Promise.all(Array.from({ length: count }, (_, request) => capture.run(() => handle(request))));
  const traces: Trace[] = [];
  for (const result of results) {
    expect(result.traceIds).toHaveLength(1);
    traces.push(await capture.get(result.traceIds[0] as string));
  }
  return traces;
}

function expectIsolated(traces: Trace[]): void {
  expect(new Set(traces.map((stored) => stored.info.trace_id)).size).toBe(traces.length);
  traces.forEach((stored) => {
    const root = stored.data.spans[0];
    const request = (root?.inputs as { request: number }).request;
    expect(stored.data.spans).toHaveLength(6);
    const ids = new Set(stored.data.spans.map((span) => span.span_id));
    for (const span of stored.data.spans) {
      expect(span.trace_id).toBe(stored.info.trace_id);
      if (span.parent_span_id === null) continue;
      expect(span.parent_span_id).toBe(root?.span_id);
      expect(ids.has(span.parent_span_id)).toBe(true);
      if (span.name === 'step') expect((span.inputs as { request: number }).request).toBe(request);
    }
    expect(root?.outputs).toMatchObject({ parts: [`${request}.0`, `${request}.1`, `${request}.2`] });
  });
}

describe('async context isolation', () => {
  test('two interleaved requests never share spans', async () => {
    expectIsolated(await runConcurrently(captureTraces(), 2));
  });

  test('fifty interleaved requests never share spans', async () => {
    expectIsolated(await runConcurrently(captureTraces(), 50));
  });

  test('requests with different writers store into their own stores', async () => {
    const first = captureTraces();
    const second = captureTraces();
    const handle = makeHandler();
    const [a, b] = await Promise.all([first.run(() => handle(1)), second.run(() => handle(2))]);
    const aId = a.traceIds[0] as string;
    const bId = b.traceIds[0] as string;
    await Promise.all([first.writer.flush(), second.writer.flush()]);
    expect(await first.store.traces.get(aId)).not.toBeNull();
    expect(await first.store.traces.get(bId)).toBeNull();
    expect(await second.store.traces.get(bId)).not.toBeNull();
    expect(await second.store.traces.get(aId)).toBeNull();
  });

  test('two traces started one after the other in one context get distinct ids', async () => {
    const capture = captureTraces();
    const once = trace(async function once() {
      return currentTraceId();
    });
    const ids = await capture.run(async () => [await once(), await once()]);
    expect(ids[0]).not.toBe(ids[1]);
    expect(currentTraceId()).toBeUndefined();
  });
});
