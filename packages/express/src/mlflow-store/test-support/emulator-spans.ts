// Test-only: span storage of the emulator in MLflow's span-dict form (mlflow-rest.md §2.3a),
// converted from OTLP on ingest and to OTel proto JSON (§2.3c) on GetTrace, as the real server does.
import type { AnyValue, OtlpSpan } from './otlp-decode';

/** A stored span: base64 ids, ns numbers, attribute values as JSON text. */
export interface StoredSpan {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  start_time_unix_nano: number;
  end_time_unix_nano: number | null;
  status: { code: string; message: string };
  attributes: Record<string, string>;
  events: Array<{ name: string; time_unix_nano: number; attributes: Record<string, string> }>;
}

const STATUS = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

// MLflow JSON-dumps each decoded value, then strips one layer of double encoding — observed
// for objects and strings, not for lists (a JSON list sent as a string comes back as a string).
function storeValue(value: AnyValue): string {
  if (typeof value === 'string') {
    try {
      const inner = JSON.parse(value) as unknown;
      if (typeof inner === 'string' || (typeof inner === 'object' && inner !== null && !Array.isArray(inner))) return value;
    } catch {
      // not JSON: stored JSON-encoded below
    }
  }
  return JSON.stringify(value);
}

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

/** An OTLP span as MLflow stores it (ns rounded to a double, as the real server answers them). */
export function storeOtlpSpan(span: OtlpSpan): StoredSpan {
  const attributes = Object.fromEntries(Object.entries(span.attributes).map(([key, value]) => [key, storeValue(value)]));
  return {
    trace_id: b64(span.traceId),
    span_id: b64(span.spanId),
    parent_span_id: span.parentSpanId === '' ? null : b64(span.parentSpanId),
    name: span.name,
    start_time_unix_nano: Number(span.startNs),
    end_time_unix_nano: Number(span.endNs),
    status: { code: STATUS[span.status.code] ?? 'STATUS_CODE_UNSET', message: span.status.message },
    attributes,
    events: span.events.map((event) => ({
      name: event.name,
      time_unix_nano: Number(event.timeNs),
      attributes: Object.fromEntries(Object.entries(event.attributes).map(([key, value]) => [key, storeValue(value)])),
    })),
  };
}

function toAnyValue(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return { string_value: value };
  if (typeof value === 'boolean') return { bool_value: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { int_value: value } : { double_value: value };
  if (Array.isArray(value)) return { array_value: { values: value.map(toAnyValue) } };
  if (typeof value === 'object' && value !== null) {
    return { kvlist_value: { values: Object.entries(value).map(([key, entry]) => ({ key, value: toAnyValue(entry) })) } };
  }
  return {};
}

function decoded(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const attributeList = (attributes: Record<string, string>) =>
  Object.entries(attributes).map(([key, value]) => ({ key, value: toAnyValue(decoded(value)) }));

/** A stored span as GetTrace/BatchGet answer it: OTel proto JSON, snake_case, decoded AnyValues. */
export function toProtoJson(span: StoredSpan): Record<string, unknown> {
  const out: Record<string, unknown> = {
    trace_id: span.trace_id,
    span_id: span.span_id,
    name: span.name,
    start_time_unix_nano: span.start_time_unix_nano,
    end_time_unix_nano: span.end_time_unix_nano,
    attributes: attributeList(span.attributes),
    status: span.status.message === '' ? { code: span.status.code } : span.status,
  };
  if (span.parent_span_id !== null) out.parent_span_id = span.parent_span_id;
  if (span.events.length > 0) {
    out.events = span.events.map((event) => ({ name: event.name, time_unix_nano: event.time_unix_nano, attributes: attributeList(event.attributes) }));
  }
  return out;
}

/**
 * Checks a span dict of an uploaded `traces.json` as MLflow's Python reader would: base64 ids of
 * the right length and a non-empty `mlflow.traceRequestId`. Returns the problem, or undefined.
 */
export function spanDictProblem(span: unknown): string | undefined {
  if (typeof span !== 'object' || span === null) return 'span is not an object';
  const record = span as Record<string, unknown>;
  const idOk = (value: unknown, bytes: number) =>
    typeof value === 'string' && Buffer.from(value, 'base64').length === bytes && Buffer.from(value, 'base64').toString('base64') === value;
  if (!idOk(record.trace_id, 16)) return `trace_id ${String(record.trace_id)} is not base64 of 16 bytes`;
  if (!idOk(record.span_id, 8)) return `span_id ${String(record.span_id)} is not base64 of 8 bytes`;
  if (record.parent_span_id !== null && record.parent_span_id !== '' && record.parent_span_id !== undefined && !idOk(record.parent_span_id, 8)) {
    return `parent_span_id ${String(record.parent_span_id)} is not base64 of 8 bytes`;
  }
  const attributes = (record.attributes ?? {}) as Record<string, unknown>;
  const requestId = attributes['mlflow.traceRequestId'];
  if (typeof requestId !== 'string' || requestId === '' || requestId === '""') return 'span has no mlflow.traceRequestId attribute';
  return undefined;
}
