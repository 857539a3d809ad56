import { createContextKey } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { traceIdFromOtel } from '@verdict/core';
import { assembleTrace } from './assemble-trace';
import type { RecordedValues, TraceInfoUpdates } from './assemble-trace';
import { VERDICT_TRACER_NAME } from './span-attributes';
import type { TraceWriter } from './trace-writer';

// The destination travels in the OTel context, like the active span, so concurrent requests
// with different stores (tests, multi-tenant hosts) never see each other's writer.
/** The context key `runWithTraceWriter` sets and a root span's parent context is read for. */
export const TRACE_WRITER_KEY = createContextKey('verdict.traceWriter');

// Verdict spans hand their recorded values over while their OTel span ends: end() is synchronous
// and calls the processor before returning, so a slot spares a lookup table and an allocation.
let ending: SpanWithValues | undefined;

/** A Verdict span: its OTel span and the values it recorded. */
export interface SpanWithValues extends RecordedValues {
  readonly otel: { end(time: number): void };
}

/** Ends a Verdict span's OTel span so that the collector receives its recorded values with it. */
export function endWithValues(span: SpanWithValues, time: number): void {
  ending = span;
  try {
    span.otel.end(time);
  } finally {
    ending = undefined;
  }
}

/** Limits of {@link TraceCollector}; the defaults bound a leak, not a normal trace. */
export interface TraceCollectorOptions {
  /** @default 10_000 spans started in one trace */
  maxSpans?: number;
  /** @default 3_600_000 (one hour) */
  maxAgeMs?: number;
  /** How often open traces are checked for age. @default 60_000 */
  sweepIntervalMs?: number;
}

interface OpenTrace extends TraceInfoUpdates {
  readonly rootSpanId: string;
  readonly writer: TraceWriter | undefined;
  readonly openedAt: number;
  ended: ReadableSpan[];
  /** Parallel to `ended`: the values a Verdict span recorded; undefined for foreign spans. */
  values: (RecordedValues | undefined)[];
  started: number;
  // A trace over the span limit stays as a tombstone until its root ends, so its later spans are
  // neither collected nor mistaken for new roots.
  dropped: boolean;
  /** Made only when someone waits for the trace to end (feedback on a stream still running). */
  waiters: (() => void)[] | undefined;
}

function wake(open: OpenTrace): void {
  if (open.waiters) for (const resolve of open.waiters) resolve();
  open.waiters = undefined;
}

/**
 * Gathers the spans of open Verdict traces, in memory, and hands each finished trace to the writer
 * its root was started under. Keyed by OTel trace id: a Verdict root always starts a new OTel trace,
 * so every span sharing that id runs inside it. Spans of other traces are ignored at once.
 */
export class TraceCollector {
  readonly #open = new Map<string, OpenTrace>();
  readonly #maxSpans: number;
  readonly #maxAgeMs: number;
  readonly #sweepIntervalMs: number;
  #sweeper: ReturnType<typeof setInterval> | undefined;
  #lastTraceId: string | undefined;
  #reportedFailure = false;

  constructor(options: TraceCollectorOptions = {}) {
    this.#maxSpans = options.maxSpans ?? 10_000;
    this.#maxAgeMs = options.maxAgeMs ?? 3_600_000;
    this.#sweepIntervalMs = options.sweepIntervalMs ?? Math.min(60_000, this.#maxAgeMs);
  }

  /** The Verdict id of the last root trace that ended and was collected in this process. */
  get lastTraceId(): string | undefined {
    return this.#lastTraceId;
  }

  /** True while a Verdict trace with this OTel trace id is open (even when it is being dropped). */
  isOpen(otelTraceId: string): boolean {
    return this.#open.has(otelTraceId);
  }

  /**
   * Resolves when the open trace ends (after its writer got it), is dropped or cleared; undefined
   * when no trace with this id is open for `writer`, whose traces are the only ones it waits for.
   */
  whenEnded(otelTraceId: string, writer: TraceWriter): Promise<void> | undefined {
    const open = this.#open.get(otelTraceId);
    if (open === undefined || open.writer !== writer) return undefined;
    return new Promise((resolve) => (open.waiters ??= []).push(resolve));
  }

  /** Merges tags, metadata or the client request id into an open trace; false when none is open. */
  update(otelTraceId: string, updates: Partial<TraceInfoUpdates>): boolean {
    const open = this.#open.get(otelTraceId);
    if (open === undefined) return false;
    if (updates.tags) open.tags = { ...open.tags, ...updates.tags };
    if (updates.metadata) open.metadata = { ...open.metadata, ...updates.metadata };
    if (updates.clientRequestId !== undefined) open.clientRequestId = updates.clientRequestId;
    return true;
  }

  /** Called by the span processor for every started span. */
  spanStarted(span: ReadableSpan, parentContext: Context): void {
    const { traceId, spanId } = span.spanContext();
    const open = this.#open.get(traceId);
    if (open !== undefined) {
      if (open.dropped) return;
      open.started += 1;
      if (open.started > this.#maxSpans) this.#drop(traceId, open, `it has more than ${this.#maxSpans} spans`);
      return;
    }
    if (span.parentSpanContext !== undefined || span.instrumentationScope.name !== VERDICT_TRACER_NAME) return;
    this.#open.set(traceId, {
      rootSpanId: spanId,
      writer: parentContext.getValue(TRACE_WRITER_KEY) as TraceWriter | undefined,
      openedAt: Date.now(),
      ended: [],
      values: [],
      started: 1,
      dropped: false,
      waiters: undefined,
      tags: undefined,
      metadata: undefined,
      clientRequestId: undefined,
    });
    this.#sweeper ??= this.#startSweeper();
  }

  /** Called by the span processor for every ended span; finishes the trace when its root ends. */
  spanEnded(span: ReadableSpan): void {
    const { traceId, spanId } = span.spanContext();
    const open = this.#open.get(traceId);
    if (open === undefined) return;
    if (!open.dropped) {
      open.ended.push(span);
      open.values.push(ending !== undefined && (ending.otel as unknown) === span ? ending : undefined);
    }
    if (spanId !== open.rootSpanId) return;
    this.#open.delete(traceId);
    if (!open.dropped) this.#finish(traceId, open, span);
    // After the write is queued, so a waiter's whenWritten() finds it pending.
    wake(open);
  }

  #finish(traceId: string, open: OpenTrace, root: ReadableSpan): void {
    this.#lastTraceId = traceIdFromOtel(traceId);
    // Assembling costs; a trace nobody will store only needs its id.
    if (open.writer === undefined) return;
    try {
      open.writer.write(assembleTrace(open.ended, open.values, root, open));
    } catch (error) {
      // span.end() runs in the host's request path: a tracing bug must never become its error.
      if (!this.#reportedFailure) console.error('[verdict] could not assemble a trace (logged once):', error);
      this.#reportedFailure = true;
    }
  }

  /** Drops every open trace and stops the age check (tests, shutdown). */
  clear(): void {
    for (const open of this.#open.values()) wake(open);
    this.#open.clear();
    if (this.#sweeper !== undefined) clearInterval(this.#sweeper);
    this.#sweeper = undefined;
  }

  #drop(traceId: string, open: OpenTrace, why: string): void {
    open.dropped = true;
    open.ended = [];
    open.values = [];
    console.warn(`[verdict] dropped trace ${traceIdFromOtel(traceId)}: ${why}; its spans are not stored.`);
  }

  #startSweeper(): ReturnType<typeof setInterval> {
    const sweeper = setInterval(() => this.#sweep(), this.#sweepIntervalMs);
    // The age check must never keep a process alive on its own.
    sweeper.unref();
    return sweeper;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [traceId, open] of this.#open) {
      if (now - open.openedAt <= this.#maxAgeMs) continue;
      this.#open.delete(traceId);
      if (!open.dropped) this.#drop(traceId, open, `it has been open for more than ${this.#maxAgeMs} ms`);
      wake(open);
    }
    if (this.#open.size === 0) this.clear();
  }
}
