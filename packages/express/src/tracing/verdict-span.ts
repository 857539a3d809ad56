import { SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Attributes, Context, Span as OtelSpan } from '@opentelemetry/api';
import { traceIdFromOtel } from '@verdict/core';
import type { JsonValue, SpanType } from '@verdict/core';
import { epochNowMs } from './clock';
import { normalizeDocuments } from './documents';
import { serializeValue, toJsonValue } from './json-safe';
import { ensureTracing, traceCollector } from './setup';
import { SPAN_INPUTS_KEY, SPAN_OUTPUTS_KEY, SPAN_TYPE_KEY, checkSpanType, toAttributes } from './span-attributes';
import { endWithValues } from './trace-collector';
import type { SpanWithValues } from './trace-collector';

/** A span of a Verdict trace: an OpenTelemetry span with MLflow's inputs, outputs and type. */
export interface VerdictSpan {
  /** The Verdict trace id (`tr-` + the OTel trace id). */
  readonly traceId: string;
  /** The span id (16 hex, the OTel span id). */
  readonly spanId: string;
  /** Records the inputs (any value; made JSON-safe and capped at about 100 KB). */
  setInputs(inputs: unknown): this;
  /** Records the outputs; a `RETRIEVER` span's outputs are normalised to `Document[]`. */
  setOutputs(outputs: unknown): this;
  /** Adds attributes; values that are not primitives are stored as compact JSON. */
  setAttributes(attributes: Readonly<Record<string, unknown>>): this;
  addEvent(name: string, attributes?: Readonly<Record<string, unknown>>): this;
  /** Adds an `exception` event (`exception.type`, `exception.message`, `exception.stacktrace`). */
  recordException(error: unknown): this;
  setStatus(code: 'OK' | 'ERROR', message?: string): this;
  /** Ends the span; a root span's end finishes and stores its trace. */
  end(): void;
}

/** What every way of making a span accepts. */
export interface SpanOptions {
  name: string;
  /** @default 'UNKNOWN' */
  spanType?: SpanType;
  inputs?: unknown;
  attributes?: Readonly<Record<string, unknown>>;
}

/** Options of {@link startSpan}. */
export interface StartSpanOptions extends SpanOptions {
  /** The parent span. @default the active span, if it belongs to an open Verdict trace */
  parent?: VerdictSpan;
}

let warnedDocuments = false;
// The SDK copies a status it is given, so one shared object will do.
const OK_STATUS = { code: SpanStatusCode.OK } as const;

function exceptionAttributes(error: unknown): Attributes {
  if (error instanceof Error) {
    const attributes: Attributes = { 'exception.type': error.name, 'exception.message': error.message };
    if (error.stack !== undefined) attributes['exception.stacktrace'] = error.stack;
    return attributes;
  }
  return { 'exception.type': typeof error, 'exception.message': typeof error === 'string' ? error : serializeValue(error) };
}

/**
 * The one implementation of {@link VerdictSpan}, wrapping (never subclassing) the OTel span. It
 * keeps the JSON-safe snapshots it recorded, handed to the collector when it ends, so assembling
 * the trace never re-parses the attribute strings.
 */
export class VerdictSpanHandle implements VerdictSpan, SpanWithValues {
  readonly otel: OtelSpan;
  readonly spanType: SpanType;
  inputs: JsonValue | undefined = undefined;
  outputs: JsonValue | undefined = undefined;
  outputsSet = false;
  statusSet = false;
  ended = false;

  constructor(otel: OtelSpan, spanType: SpanType) {
    this.otel = otel;
    this.spanType = spanType;
  }

  get traceId(): string {
    return traceIdFromOtel(this.otel.spanContext().traceId);
  }

  get spanId(): string {
    return this.otel.spanContext().spanId;
  }

  setInputs(inputs: unknown): this {
    if (this.ended) return this;
    this.inputs = toJsonValue(inputs);
    this.otel.setAttribute(SPAN_INPUTS_KEY, JSON.stringify(this.inputs));
    return this;
  }

  setOutputs(outputs: unknown): this {
    if (this.ended) return this;
    let recorded = outputs;
    if (this.spanType === 'RETRIEVER') {
      const documents = normalizeDocuments(outputs);
      if (documents !== undefined) recorded = documents;
      else if (!warnedDocuments) {
        warnedDocuments = true;
        console.warn('[verdict] a RETRIEVER span returned something that is not a list of documents; stored as-is (warned once).');
      }
    }
    this.outputs = toJsonValue(recorded);
    this.otel.setAttribute(SPAN_OUTPUTS_KEY, JSON.stringify(this.outputs));
    this.outputsSet = true;
    return this;
  }

  setAttributes(attributes: Readonly<Record<string, unknown>>): this {
    this.otel.setAttributes(toAttributes(attributes));
    return this;
  }

  addEvent(name: string, attributes?: Readonly<Record<string, unknown>>): this {
    // Times are always explicit: a span started with an explicit time would stamp whole ms.
    this.otel.addEvent(name, attributes ? toAttributes(attributes) : {}, epochNowMs());
    return this;
  }

  recordException(error: unknown): this {
    this.otel.addEvent('exception', exceptionAttributes(error), epochNowMs());
    return this;
  }

  setStatus(code: 'OK' | 'ERROR', message?: string): this {
    this.statusSet = true;
    this.otel.setStatus(code === 'OK' ? OK_STATUS : { code: SpanStatusCode.ERROR, message });
    return this;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    endWithValues(this, epochNowMs());
  }
}

// The SDK copies start attributes, so spans without attributes of their own can share these.
const TYPE_ONLY = new Map<SpanType, Attributes>();

/** The attributes a span starts with: the host's, converted once, plus the span type. */
export function startAttributes(spanType: SpanType, attributes: Readonly<Record<string, unknown>> | undefined): Attributes {
  if (attributes === undefined) {
    let shared = TYPE_ONLY.get(spanType);
    if (shared === undefined) TYPE_ONLY.set(spanType, (shared = Object.freeze({ [SPAN_TYPE_KEY]: spanType })));
    return shared;
  }
  const out = toAttributes(attributes);
  out[SPAN_TYPE_KEY] = spanType;
  return out;
}

/**
 * Starts a span under `parentContext`'s span when that span belongs to an open Verdict trace;
 * otherwise starts a new trace (a new OTel trace id, linked to any foreign parent), so two Verdict
 * traces inside one host request never share an id. `attributes` may be shared between calls:
 * the SDK copies them.
 */
export function openSpan(name: string, spanType: SpanType, attributes: Attributes, parentContext: Context): VerdictSpanHandle {
  const tracer = ensureTracing();
  const parent = trace.getSpan(parentContext)?.spanContext();
  const child = parent !== undefined && traceCollector().isOpen(parent.traceId);
  const links = !child && parent !== undefined && trace.isSpanContextValid(parent) ? [{ context: parent }] : undefined;
  const otel = tracer.startSpan(name, { root: !child, attributes, links, startTime: epochNowMs() }, parentContext);
  return new VerdictSpanHandle(otel, spanType);
}

/** {@link openSpan} for the options of `withSpan` and `startSpan`. */
export function openSpanFrom(options: SpanOptions, parentContext: Context): VerdictSpanHandle {
  const spanType = checkSpanType(options.spanType);
  const span = openSpan(options.name, spanType, startAttributes(spanType, options.attributes), parentContext);
  if (options.inputs !== undefined) span.setInputs(options.inputs);
  return span;
}

/**
 * Starts a span you end yourself. It does not become the active span (so spans made meanwhile do
 * not nest under it unless given it as `parent`); use {@link withSpan} for that.
 * @example
 * const span = startSpan({ name: 'rerank', spanType: 'RERANKER', inputs: { query } });
 * try { span.setOutputs(await rerank(query)); } finally { span.end(); }
 */
export function startSpan(options: StartSpanOptions): VerdictSpan {
  const parentContext =
    options.parent instanceof VerdictSpanHandle
      ? trace.setSpan(context.active(), options.parent.otel)
      : context.active();
  return openSpanFrom(options, parentContext);
}
