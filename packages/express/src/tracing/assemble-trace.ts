import { SpanStatusCode } from '@opentelemetry/api';
import type { AttributeValue, Attributes, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { traceIdFromOtel } from '@verdict/core';
import type { JsonObject, JsonValue, Span, SpanStatus, Trace } from '@verdict/core';
import { SPAN_INPUTS_KEY, SPAN_OUTPUTS_KEY, SPAN_TYPE_KEY, spanTypeOf } from './span-attributes';

/** Longest `request_preview` / `response_preview`, in characters. */
export const PREVIEW_CHARS = 1000;

/** What `updateCurrentTrace()` gathered while the trace was open. */
export interface TraceInfoUpdates {
  tags: Record<string, string> | undefined;
  metadata: Record<string, string> | undefined;
  clientRequestId: string | undefined;
}

/** What a Verdict span recorded, as JSON-safe snapshots (foreign spans only have attributes). */
export interface RecordedValues {
  readonly inputs: JsonValue | undefined;
  readonly outputs: JsonValue | undefined;
}

function hrTimeToMs(time: HrTime): number {
  return time[0] * 1e3 + time[1] / 1e6;
}

function attributeToJson(value: AttributeValue | undefined): JsonValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map((item) => attributeToJson(item as AttributeValue | undefined));
  return value as string | boolean;
}

// Recorded values are compact JSON; a foreign span may have put anything there, kept as text.
function parseRecorded(value: AttributeValue | undefined): JsonValue | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return attributeToJson(value);
  try {
    return JSON.parse(value) as JsonValue;
  } catch {
    return value;
  }
}

function attributesToJson(attributes: Attributes | undefined): JsonObject {
  const out: JsonObject = {};
  for (const key in attributes) out[key] = attributeToJson(attributes[key]);
  return out;
}

function statusOf(span: ReadableSpan): SpanStatus {
  const { code, message } = span.status;
  const name = code === SpanStatusCode.ERROR ? 'ERROR' : code === SpanStatusCode.OK ? 'OK' : 'UNSET';
  return message ? { code: name, message } : { code: name };
}

/**
 * One OTel span as a Verdict span; `root` gets `parent_span_id: null` whatever its OTel parent.
 * Inputs and outputs come from `recorded` when given (no re-parse), else from the attributes.
 */
export function toVerdictSpan(span: ReadableSpan, recorded: RecordedValues | undefined, traceId: string, root: boolean): Span {
  const attributes: JsonObject = {};
  let inputs = recorded?.inputs;
  let outputs = recorded?.outputs;
  let spanType: AttributeValue | undefined;
  for (const key in span.attributes) {
    const value = span.attributes[key];
    if (key === SPAN_INPUTS_KEY) inputs ??= parseRecorded(value);
    else if (key === SPAN_OUTPUTS_KEY) outputs ??= parseRecorded(value);
    else if (key === SPAN_TYPE_KEY) spanType = value;
    else attributes[key] = attributeToJson(value);
  }
  const out: Span = {
    trace_id: traceId,
    span_id: span.spanContext().spanId,
    parent_span_id: root ? null : (span.parentSpanContext?.spanId ?? null),
    name: span.name,
    span_type: spanTypeOf(spanType),
    start_time_ms: hrTimeToMs(span.startTime),
    end_time_ms: hrTimeToMs(span.endTime),
    status: statusOf(span),
    attributes,
    events: span.events.map((event) => ({
      name: event.name,
      time_ms: hrTimeToMs(event.time),
      attributes: attributesToJson(event.attributes),
    })),
  };
  if (inputs !== undefined) out.inputs = inputs;
  if (outputs !== undefined) out.outputs = outputs;
  return out;
}

function truncate(text: string): string {
  if (text.length <= PREVIEW_CHARS) return text;
  let end = PREVIEW_CHARS - 1;
  // Never split a surrogate pair: a lone half is not valid UTF-8 for stores that encode it.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * The preview of a root's inputs or outputs: a string as-is, `{ [key]: string }` as that string
 * (`message` for requests, `response` for answers — the chat wire shapes), else compact JSON.
 */
export function previewOf(value: JsonValue | undefined, recorded: AttributeValue | undefined, key: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return truncate(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const text = value[key];
    if (typeof text === 'string') return truncate(text);
  }
  return truncate(typeof recorded === 'string' ? recorded : JSON.stringify(value));
}

/**
 * Root first, then start order, a parent before its children. Foreign spans start on whole
 * milliseconds (the SDK's `Date.now()`), so one can seem to start up to 1 ms before its Verdict
 * parent; it is moved to the parent's start, which lies within that uncertainty.
 */
function orderSpans(root: Span, others: Span[], foreign: boolean): Span[] {
  if (foreign) {
    const starts = new Map<string, number>([[root.span_id, root.start_time_ms]]);
    for (const span of others) starts.set(span.span_id, span.start_time_ms);
    for (const span of others) {
      const parentStart = span.parent_span_id === null ? undefined : starts.get(span.parent_span_id);
      if (parentStart !== undefined && span.start_time_ms < parentStart) span.start_time_ms = parentStart;
    }
  }
  others.sort(
    (a, b) =>
      a.start_time_ms - b.start_time_ms ||
      (a.parent_span_id === b.span_id ? 1 : b.parent_span_id === a.span_id ? -1 : 0),
  );
  others.unshift(root);
  return others;
}

/**
 * The core `Trace` for the ended spans of one trace, its root among them. Spans are listed
 * root first, then in start order.
 * @example assembleTrace(spans, [], root, { tags: { env: 'dev' }, metadata: undefined, clientRequestId: undefined })
 */
export function assembleTrace(
  spans: readonly ReadableSpan[],
  recorded: readonly (RecordedValues | undefined)[],
  root: ReadableSpan,
  updates: TraceInfoUpdates,
): Trace {
  const traceId = traceIdFromOtel(root.spanContext().traceId);
  const rootSpanId = root.spanContext().spanId;
  let rootSpan: Span | undefined;
  let foreign = false;
  const converted: Span[] = [];
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index] as ReadableSpan;
    const values = recorded[index];
    const isRoot = span.spanContext().spanId === rootSpanId;
    const verdictSpan = toVerdictSpan(span, values, traceId, isRoot);
    if (isRoot) rootSpan = verdictSpan;
    else converted.push(verdictSpan);
    if (values === undefined) foreign = true;
  }
  rootSpan ??= toVerdictSpan(root, undefined, traceId, true);
  const info: Trace['info'] = {
    trace_id: traceId,
    request_time: rootSpan.start_time_ms,
    execution_duration: (rootSpan.end_time_ms ?? rootSpan.start_time_ms) - rootSpan.start_time_ms,
    state: rootSpan.status.code === 'ERROR' ? 'ERROR' : 'OK',
    request_preview: previewOf(rootSpan.inputs, root.attributes[SPAN_INPUTS_KEY], 'message'),
    response_preview: previewOf(rootSpan.outputs, root.attributes[SPAN_OUTPUTS_KEY], 'response'),
    tags: updates.tags ?? {},
    trace_metadata: updates.metadata ?? {},
    assessments: [],
  };
  if (updates.clientRequestId !== undefined) info.client_request_id = updates.clientRequestId;
  return { info, data: { spans: orderSpans(rootSpan, converted, foreign) } };
}
