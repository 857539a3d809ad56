import { SpanSchema, SpanTypeSchema } from '@verdict/core';
import type { JsonObject, JsonValue, Span, SpanEvent } from '@verdict/core';
import { PAYLOAD_KEY, decodeSpanPayload } from './span-payload';
import { SPAN_KEYS } from './spans-to-mlflow';
import { idToHex, nsToMs } from './wire-values';

/** A span read from MLflow in either of its forms, before it becomes a Verdict span. */
interface RawSpan {
  spanId: string;
  parentId: string | null;
  name: string;
  startMs: number;
  endMs: number | null;
  status: { code: 'OK' | 'ERROR' | 'UNSET'; message?: string };
  attributes: Record<string, JsonValue>;
  events: SpanEvent[];
}

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const pick = (record: Loose, snake: string, camel: string): unknown => record[snake] ?? record[camel];

/** An OTel `AnyValue` in proto JSON (snake_case or camelCase) → plain JSON. */
export function decodeAnyValue(value: unknown): JsonValue {
  if (!isRecord(value)) return null;
  const string = pick(value, 'string_value', 'stringValue');
  if (typeof string === 'string') return string;
  const bool = pick(value, 'bool_value', 'boolValue');
  if (typeof bool === 'boolean') return bool;
  const int = pick(value, 'int_value', 'intValue');
  if (int !== undefined) return Number(int);
  const double = pick(value, 'double_value', 'doubleValue');
  if (double !== undefined) return Number(double);
  const array = pick(value, 'array_value', 'arrayValue');
  if (isRecord(array)) return Array.isArray(array.values) ? array.values.map(decodeAnyValue) : [];
  const kvlist = pick(value, 'kvlist_value', 'kvlistValue');
  if (isRecord(kvlist)) return keyValues(kvlist.values);
  const bytes = pick(value, 'bytes_value', 'bytesValue');
  if (typeof bytes === 'string') return bytes;
  return null;
}

function keyValues(list: unknown): JsonObject {
  const out: JsonObject = {};
  if (!Array.isArray(list)) return out;
  for (const entry of list) if (isRecord(entry) && typeof entry.key === 'string') out[entry.key] = decodeAnyValue(entry.value);
  return out;
}

// The span-dict form JSON-encodes every attribute value; values that are not JSON are kept raw, as MLflow does.
function decodeJsonStrings(attributes: unknown): JsonObject {
  const out: JsonObject = {};
  if (!isRecord(attributes)) return out;
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value !== 'string') out[key] = value as JsonValue;
    else {
      try {
        out[key] = JSON.parse(value) as JsonValue;
      } catch {
        out[key] = value;
      }
    }
  }
  return out;
}

function statusOf(status: unknown): RawSpan['status'] {
  const record = isRecord(status) ? status : {};
  const code = String(record.code ?? '');
  const name = /ERROR|^2$/.test(code) ? 'ERROR' : /OK|^1$/.test(code) ? 'OK' : 'UNSET';
  return typeof record.message === 'string' && record.message !== '' ? { code: name, message: record.message } : { code: name };
}

/**
 * Reads one span of either MLflow form: OTel proto JSON (GetTrace/BatchGet: attributes as a
 * key/AnyValue list) or the span dict of `traces.json` (attributes as JSON-encoded strings).
 * Ids may be base64 or hex. Undefined when the ids or times are unreadable.
 */
export function readRawSpan(input: unknown): RawSpan | undefined {
  if (!isRecord(input)) return undefined;
  const spanId = typeof input.span_id === 'string' ? idToHex(input.span_id, 8) : undefined;
  const parentRaw = input.parent_span_id;
  const parentId = typeof parentRaw === 'string' && parentRaw !== '' ? idToHex(parentRaw, 8) : null;
  const startMs = nsToMs(input.start_time_unix_nano);
  if (spanId === undefined || parentId === undefined || startMs === undefined) return undefined;
  const attributes = Array.isArray(input.attributes) ? keyValues(input.attributes) : decodeJsonStrings(input.attributes);
  const events: SpanEvent[] = Array.isArray(input.events)
    ? input.events.filter(isRecord).map((event) => ({
        name: String(event.name ?? ''),
        time_ms: nsToMs(event.time_unix_nano) ?? startMs,
        attributes: Array.isArray(event.attributes) ? keyValues(event.attributes) : decodeJsonStrings(event.attributes),
      }))
    : [];
  return {
    spanId,
    parentId,
    name: String(input.name ?? ''),
    startMs,
    endMs: nsToMs(input.end_time_unix_nano) ?? null,
    status: statusOf(input.status),
    attributes,
    events,
  };
}

/**
 * Turns MLflow spans into Verdict spans. Spans Verdict wrote are restored exactly from their
 * payload and put back in their original order; spans written with another span-set hash than
 * `expectedHash` are leftovers of an earlier put and dropped. Other writers' spans are read
 * best-effort (ns → ms, `mlflow.spanType` → span_type).
 */
export function toVerdictSpans(traceId: string, rawSpans: unknown[], expectedHash: string | undefined): Span[] {
  const spans: Array<{ order: number; span: Span }> = [];
  rawSpans.forEach((input, index) => {
    const raw = readRawSpan(input);
    if (raw === undefined) return;
    const payload = decodeSpanPayload(raw.attributes[PAYLOAD_KEY]);
    if (payload !== undefined && expectedHash !== undefined && payload.h !== expectedHash) return;
    const typed = SpanTypeSchema.safeParse(raw.attributes[SPAN_KEYS.type]);
    const candidate: Span = payload
      ? {
          trace_id: traceId,
          span_id: raw.spanId,
          parent_span_id: raw.parentId,
          name: raw.name,
          span_type: typed.success ? typed.data : 'UNKNOWN',
          start_time_ms: payload.s,
          end_time_ms: payload.e,
          status: payload.st,
          attributes: payload.a,
          events: payload.ev,
        }
      : {
          trace_id: traceId,
          span_id: raw.spanId,
          parent_span_id: raw.parentId,
          name: raw.name,
          span_type: typed.success ? typed.data : 'UNKNOWN',
          start_time_ms: raw.startMs,
          end_time_ms: raw.endMs,
          status: raw.status,
          attributes: Object.fromEntries(
            Object.entries(raw.attributes).filter(([key]) => key !== SPAN_KEYS.traceId && key !== SPAN_KEYS.inputs && key !== SPAN_KEYS.outputs),
          ),
          events: raw.events,
        };
    const inputs = payload?.i === 2 ? payload.iv : payload?.i === 0 ? undefined : raw.attributes[SPAN_KEYS.inputs];
    const outputs = payload?.o === 2 ? payload.ov : payload?.o === 0 ? undefined : raw.attributes[SPAN_KEYS.outputs];
    if (inputs !== undefined) candidate.inputs = inputs;
    if (outputs !== undefined) candidate.outputs = outputs;
    const parsed = SpanSchema.safeParse(candidate);
    if (parsed.success) spans.push({ order: payload?.n ?? rawSpans.length + index, span: parsed.data });
  });
  return spans.sort((a, b) => a.order - b.order).map((entry) => entry.span);
}
