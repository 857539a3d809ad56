import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { otelTraceIdOf } from '@verdict/core';
import type { JsonObject, Span, Trace } from '@verdict/core';
import { PAYLOAD_KEY, encodeSpanPayload } from './span-payload';
import { hexToBase64, msToHrTime, msToNs } from './wire-values';

/** MLflow's reserved span attribute keys that Verdict writes itself. */
export const SPAN_KEYS = {
  traceId: 'mlflow.traceRequestId',
  type: 'mlflow.spanType',
  inputs: 'mlflow.spanInputs',
  outputs: 'mlflow.spanOutputs',
} as const;
const WRITTEN = new Set<string>([...Object.values(SPAN_KEYS), PAYLOAD_KEY]);

const STATUS_NUMBER = { UNSET: 0, OK: 1, ERROR: 2 } as const;
const STATUS_NAME = { UNSET: 'STATUS_CODE_UNSET', OK: 'STATUS_CODE_OK', ERROR: 'STATUS_CODE_ERROR' } as const;

/**
 * A span's attributes as MLflow's Python client writes them: every value a JSON-encoded string
 * (`"mlflow.spanType": "\"LLM\""`), `mlflow.traceRequestId` on every span (MLflow refuses spans
 * without it), plus Verdict's payload (see span-payload.ts) as a plain string.
 */
export function mlflowSpanAttributes(traceId: string, span: Span, setHash: string, index: number): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (!WRITTEN.has(key)) attributes[key] = JSON.stringify(value);
  }
  attributes[SPAN_KEYS.traceId] = JSON.stringify(traceId);
  attributes[SPAN_KEYS.type] = JSON.stringify(span.span_type);
  if (span.inputs !== undefined) attributes[SPAN_KEYS.inputs] = JSON.stringify(span.inputs);
  if (span.outputs !== undefined) attributes[SPAN_KEYS.outputs] = JSON.stringify(span.outputs);
  attributes[PAYLOAD_KEY] = encodeSpanPayload(span, setHash, index);
  return attributes;
}

function encodeEventAttributes(attributes: JsonObject): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, JSON.stringify(value)]));
}

const resource = { attributes: { 'service.name': 'verdict' } };
const scope = { name: 'verdict.mlflow-store' };

// The serializer reads these ReadableSpan fields only; building them directly avoids running a tracer.
function toReadableSpan(trace: Trace, span: Span, setHash: string, index: number): ReadableSpan {
  const traceIdHex = otelTraceIdOf(span.trace_id);
  const start = msToHrTime(span.start_time_ms);
  // OTLP has no "not ended": an open span goes out ending where it started; the payload keeps the null.
  const end = span.end_time_ms === null ? start : msToHrTime(span.end_time_ms);
  return {
    name: span.name,
    kind: 0,
    spanContext: () => ({ traceId: traceIdHex, spanId: span.span_id, traceFlags: 1 }),
    parentSpanContext: span.parent_span_id === null ? undefined : { traceId: traceIdHex, spanId: span.parent_span_id, traceFlags: 1 },
    startTime: start,
    endTime: end,
    status: { code: STATUS_NUMBER[span.status.code], ...(span.status.message === undefined ? {} : { message: span.status.message }) },
    attributes: mlflowSpanAttributes(trace.info.trace_id, span, setHash, index),
    links: [],
    events: span.events.map((event) => ({ name: event.name, time: msToHrTime(event.time_ms), attributes: encodeEventAttributes(event.attributes) })),
    duration: [0, 0],
    ended: true,
    resource,
    instrumentationScope: scope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  } as unknown as ReadableSpan;
}

/**
 * The OTLP `ExportTraceServiceRequest` (protobuf bytes) for `POST /v1/traces`.
 * @example const body = toOtlpRequest(trace, spanSetHash(ids))
 */
export function toOtlpRequest(trace: Trace, setHash: string): Uint8Array {
  const bytes = ProtobufTraceSerializer.serializeRequest(trace.data.spans.map((span, index) => toReadableSpan(trace, span, setHash, index)));
  if (bytes === undefined) throw new Error('OTLP serializer returned nothing');
  return bytes;
}

/**
 * The `traces.json` artifact (MLflow's span-dict form: base64 ids, `STATUS_CODE_*`, ns times,
 * JSON-encoded attribute values) for servers without `/v1/traces`.
 */
export function toSpanDicts(trace: Trace, setHash: string): { spans: unknown[] } {
  return {
    spans: trace.data.spans.map((span, index) => {
      const attributes = mlflowSpanAttributes(trace.info.trace_id, span, setHash, index);
      attributes[PAYLOAD_KEY] = JSON.stringify(attributes[PAYLOAD_KEY]);
      return {
        trace_id: hexToBase64(otelTraceIdOf(span.trace_id)),
        span_id: hexToBase64(span.span_id),
        parent_span_id: span.parent_span_id === null ? null : hexToBase64(span.parent_span_id),
        name: span.name,
        // Decimal strings would be exact, but MLflow's readers expect numbers; the payload keeps exact times.
        start_time_unix_nano: Number(msToNs(span.start_time_ms)),
        end_time_unix_nano: span.end_time_ms === null ? null : Number(msToNs(span.end_time_ms)),
        status: { code: STATUS_NAME[span.status.code], message: span.status.message ?? '' },
        attributes,
        events: span.events.map((event) => ({
          name: event.name,
          time_unix_nano: Number(msToNs(event.time_ms)),
          attributes: encodeEventAttributes(event.attributes),
        })),
      };
    }),
  };
}
