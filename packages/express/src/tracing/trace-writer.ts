import { context } from '@opentelemetry/api';
import { VerdictError, otelTraceIdOf } from '@verdict/core';
import type { Store, Trace } from '@verdict/core';
import { ensureTracing, traceCollector } from './setup';
import { TRACE_WRITER_KEY } from './trace-collector';

/** Where finished traces go: a store, written off the request path. */
export interface TraceWriter {
  /** Queues `trace` for `store.traces.put`; returns at once and never throws. */
  write(trace: Trace): void;
  /**
   * Resolves when the pending write of `traceId` has finished (stored or failed and reported);
   * at once when none is pending. A trace of this writer still being recorded (a streamed answer
   * whose id went out first) is waited for until it ends and is written. Await it before
   * accepting feedback on a trace just served.
   */
  whenWritten(traceId: string): Promise<void>;
  /** Resolves when every write queued so far has finished. */
  flush(): Promise<void>;
}

/** Options of {@link createTraceWriter}. */
export interface TraceWriterOptions {
  /**
   * Called with every failed write. Must not throw.
   * @default logs with console.error, once per kind of error (VerdictError code or error name)
   */
  onError?: (error: unknown, trace: Trace) => void;
}

function errorKind(error: unknown): string {
  if (VerdictError.isInstance(error)) return error.code;
  if (error instanceof Error) return error.name;
  return typeof error;
}

function consoleReporter(): (error: unknown, trace: Trace) => void {
  const seen = new Set<string>();
  return (error, trace) => {
    const kind = errorKind(error);
    if (seen.has(kind)) return;
    seen.add(kind);
    console.error(`[verdict] could not store trace ${trace.info.trace_id} (further ${kind} errors are not logged):`, error);
  };
}

interface PendingWrite {
  /** A version of the trace still to put: queued, or written while an earlier put ran. */
  next: Trace | undefined;
  running: boolean;
  /** Made only when someone waits: most traces are never awaited. */
  waiters: (() => void)[] | undefined;
}

/**
 * A {@link TraceWriter} over `store`. Writes start on the next turn of the event loop (after the
 * response is on its way) and run concurrently; a trace written again while its put runs is put
 * once more afterwards, so the store ends with its last version.
 * @example
 * const writer = createTraceWriter(store, { onError: (error) => metrics.count('trace_write_failed') });
 * app.post('/chat', (req, res) => runWithTraceWriter(writer, () => answer(req, res)));
 */
export function createTraceWriter(store: Store, options: TraceWriterOptions = {}): TraceWriter {
  const report = options.onError ?? consoleReporter();
  const pending = new Map<string, PendingWrite>();
  let queue: string[] = [];
  let scheduled = false;
  let idle: (() => void)[] = [];

  function safeReport(error: unknown, trace: Trace): void {
    try {
      report(error, trace);
    } catch (reportError) {
      console.error('[verdict] the trace writer onError hook threw:', reportError);
    }
  }

  function settle(traceId: string, entry: PendingWrite): void {
    if (entry.next !== undefined) return start(traceId, entry);
    pending.delete(traceId);
    if (entry.waiters) for (const wake of entry.waiters) wake();
    if (pending.size === 0 && idle.length > 0) {
      const waiting = idle;
      idle = [];
      for (const wake of waiting) wake();
    }
  }

  function start(traceId: string, entry: PendingWrite): void {
    const trace = entry.next as Trace;
    entry.next = undefined;
    entry.running = true;
    let result: unknown;
    try {
      result = store.traces.put(trace);
    } catch (error) {
      result = Promise.reject(error);
    }
    // Promise.resolve returns a native promise as-is: no extra allocation on the common path.
    Promise.resolve(result).then(
      () => settle(traceId, entry),
      (error: unknown) => {
        safeReport(error, trace);
        settle(traceId, entry);
      },
    );
  }

  // One setImmediate per event-loop turn, shared by every trace finished in that turn.
  function drain(): void {
    scheduled = false;
    const traceIds = queue;
    queue = [];
    for (const traceId of traceIds) {
      const entry = pending.get(traceId);
      if (entry !== undefined && !entry.running) start(traceId, entry);
    }
  }

  function whenWritten(traceId: string): Promise<void> {
    const open = traceCollector().whenEnded(otelTraceIdOf(traceId), writer);
    if (open !== undefined) return open.then(() => whenWritten(traceId));
    const entry = pending.get(traceId);
    if (entry === undefined) return Promise.resolve();
    return new Promise((resolve) => (entry.waiters ??= []).push(resolve));
  }

  const writer: TraceWriter = {
    write(trace) {
      const traceId = trace.info.trace_id;
      const entry = pending.get(traceId);
      if (entry !== undefined) {
        entry.next = trace;
        return;
      }
      pending.set(traceId, { next: trace, running: false, waiters: undefined });
      queue.push(traceId);
      if (!scheduled) {
        scheduled = true;
        setImmediate(drain);
      }
    },
    whenWritten,
    flush() {
      if (pending.size === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
  return writer;
}

/**
 * Runs `fn` so that every trace whose root span starts inside it is written by `writer` when it
 * ends. Traces started outside any writer still get ids (and `lastTraceId()`) but are not stored.
 * Nesting replaces the writer for the inner call only.
 * @example
 * const writer = createTraceWriter(memoryStore());
 * const answer = await runWithTraceWriter(writer, () => tracedChat('hello'));
 */
export function runWithTraceWriter<T>(writer: TraceWriter, fn: () => T): T {
  ensureTracing();
  return context.with(context.active().setValue(TRACE_WRITER_KEY, writer), fn);
}
