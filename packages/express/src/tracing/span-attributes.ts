import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { SpanTypeSchema, VerdictError } from '@verdict/core';
import type { SpanType } from '@verdict/core';
import { serializeValue } from './json-safe';

/**
 * MLflow's attribute keys, so an MLflow store or any OTLP collector reads Verdict spans as MLflow
 * spans. Inputs and outputs are compact JSON strings; the span type is the bare enum name.
 */
export const SPAN_INPUTS_KEY = 'mlflow.spanInputs';
export const SPAN_OUTPUTS_KEY = 'mlflow.spanOutputs';
export const SPAN_TYPE_KEY = 'mlflow.spanType';

/** The instrumentation scope of Verdict's own spans: how the processor tells them from foreign ones. */
export const VERDICT_TRACER_NAME = '@verdict/express';

const SPAN_TYPES: ReadonlySet<string> = new Set(SpanTypeSchema.options);

/** Checks a span type once, where the caller made the mistake, rather than storing garbage. */
export function checkSpanType(spanType: string | undefined): SpanType {
  if (spanType === undefined) return 'UNKNOWN';
  if (SPAN_TYPES.has(spanType)) return spanType as SpanType;
  throw new VerdictError(
    'INVALID_ARGUMENT',
    `unknown span type "${spanType}"; expected one of ${SpanTypeSchema.options.join(', ')}`,
  );
}

/** Reads `mlflow.spanType`, accepting MLflow's JSON-quoted form (`"\"LLM\""`) too. */
export function spanTypeOf(value: AttributeValue | undefined): SpanType {
  if (typeof value !== 'string') return 'UNKNOWN';
  const bare = value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  return SPAN_TYPES.has(bare) ? (bare as SpanType) : 'UNKNOWN';
}

function isPrimitiveArray(value: unknown[]): boolean {
  let kind: string | undefined;
  for (const item of value) {
    if (item === null || item === undefined) continue;
    const type = typeof item;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return false;
    if (kind !== undefined && kind !== type) return false;
    kind = type;
  }
  return true;
}

/**
 * One attribute value as OpenTelemetry accepts it: primitives and homogeneous primitive arrays
 * pass through; anything else becomes its compact JSON, since OTel would silently drop it.
 */
export function toAttributeValue(value: unknown): AttributeValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'undefined':
      return undefined;
  }
  if (Array.isArray(value) && isPrimitiveArray(value)) return value as AttributeValue;
  return serializeValue(value);
}

/** A whole attribute bag, converted with {@link toAttributeValue}. */
export function toAttributes(values: Readonly<Record<string, unknown>>): Attributes {
  const out: Attributes = {};
  for (const key in values) {
    if (!Object.hasOwn(values, key)) continue;
    const value = toAttributeValue(values[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
