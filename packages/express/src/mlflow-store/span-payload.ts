import { createHash } from 'node:crypto';
import type { JsonObject, JsonValue, Span, SpanEvent, SpanStatus } from '@verdict/core';
import { isJsonText } from './wire-values';

/** The span attribute holding what MLflow's span form cannot carry exactly. */
export const PAYLOAD_KEY = 'verdict.span';
// Not JSON on purpose: MLflow JSON-decodes attribute strings it can, and this one must come back byte for byte.
const PREFIX = 'verdict:1:';

/**
 * What a Verdict span needs beyond MLflow's fields: exact sub-ms times (MLflow's JSON answers
 * carry nanoseconds as doubles, ~100 ns off), the attributes and events as given, the status
 * message, inputs/outputs whenever MLflow's decoding would change them, and the hash of the
 * span set they were written with (OTLP upserts spans, so a re-put with fewer spans leaves old ones behind).
 */
export interface SpanPayload {
  s: number;
  e: number | null;
  a: JsonObject;
  ev: SpanEvent[];
  st: SpanStatus;
  /** 0: no inputs; 1: inputs are exactly what mlflow.spanInputs decodes to; 2: inputs are in `iv`. */
  i: 0 | 1 | 2;
  iv?: JsonValue;
  o: 0 | 1 | 2;
  ov?: JsonValue;
  h: string;
  /** The span's position in the trace as put (MLflow returns spans in its own order). */
  n: number;
}

/** The hash of a set of span ids, order-free: spans whose payload has another hash are leftovers. */
export function spanSetHash(spanIds: string[]): string {
  return createHash('sha256').update([...spanIds].sort().join(',')).digest('hex').slice(0, 16);
}

// A plain object or a non-JSON string survives MLflow's decode-and-reencode; arrays come back as
// JSON text, JSON-looking strings come back decoded, and scalars are not confirmed either way.
function survives(value: JsonValue): boolean {
  if (typeof value === 'string') return !isJsonText(value);
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kind(value: JsonValue | undefined): { flag: 0 | 1 | 2; verbatim?: JsonValue } {
  if (value === undefined) return { flag: 0 };
  return survives(value) ? { flag: 1 } : { flag: 2, verbatim: value };
}

/** Encodes the payload of `span` (written as a string attribute). */
export function encodeSpanPayload(span: Span, setHash: string, index: number): string {
  const inputs = kind(span.inputs);
  const outputs = kind(span.outputs);
  const payload: SpanPayload = {
    s: span.start_time_ms,
    e: span.end_time_ms,
    a: span.attributes,
    ev: span.events,
    st: span.status,
    i: inputs.flag,
    o: outputs.flag,
    h: setHash,
    n: index,
  };
  if (inputs.flag === 2) payload.iv = inputs.verbatim;
  if (outputs.flag === 2) payload.ov = outputs.verbatim;
  return PREFIX + JSON.stringify(payload);
}

/** Decodes a payload attribute value; undefined for spans not written by Verdict. */
export function decodeSpanPayload(value: unknown): SpanPayload | undefined {
  let text = value;
  // The artifact form stores attribute values JSON-encoded; undo that first.
  if (typeof text === 'string' && text.startsWith('"')) {
    try {
      text = JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof text !== 'string' || !text.startsWith(PREFIX)) return undefined;
  try {
    const payload = JSON.parse(text.slice(PREFIX.length)) as SpanPayload;
    return typeof payload === 'object' && payload !== null && typeof payload.s === 'number' ? payload : undefined;
  } catch {
    return undefined;
  }
}
