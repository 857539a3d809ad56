// Test-only helpers for the tracing tests; never exported from index.ts.
import { memoryStore } from '@verdict/core';
import type { Span, Store, Trace } from '@verdict/core';
import { lastTraceId } from './current-trace';
import { createTraceWriter, runWithTraceWriter } from './trace-writer';
import type { TraceWriter } from './trace-writer';

/** A memoryStore with a writer, and helpers to run traced code into it and read traces back. */
export interface Capture {
  store: Store;
  writer: TraceWriter;
  /** Runs `fn` with the writer in context. */
  run<T>(fn: () => T): T;
  /** The stored trace, once its write finished; fails the test if it is missing. */
  get(traceId: string): Promise<Trace>;
  /** The stored trace of the last root that ended. */
  last(): Promise<Trace>;
}

/**
 * A fresh store and writer for one test.
 * @example const capture = captureTraces(); await capture.run(() => answer('hi')); const trace = await capture.last();
 */
export function captureTraces(store: Store = memoryStore()): Capture {
  const writer = createTraceWriter(store);
  const capture: Capture = {
    store,
    writer,
    run: (fn) => runWithTraceWriter(writer, fn),
    async get(traceId) {
      await writer.whenWritten(traceId);
      const trace = await store.traces.get(traceId);
      if (trace === null) throw new Error(`trace ${traceId} was not stored`);
      return trace;
    },
    last() {
      const traceId = lastTraceId();
      if (traceId === undefined) throw new Error('no trace has ended yet');
      return capture.get(traceId);
    },
  };
  return capture;
}

/** The span called `name`; fails the test if there is not exactly one. */
export function spanNamed(trace: Trace, name: string): Span {
  const found = trace.data.spans.filter((span) => span.name === name);
  if (found.length !== 1) throw new Error(`expected one span "${name}", found ${found.length}`);
  return found[0] as Span;
}

/** Resolves after `ms` milliseconds, so concurrent calls interleave. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
