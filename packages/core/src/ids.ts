/** Trace ids: `tr-` + 32 lowercase hex (the MLflow 3 form). */
export const TRACE_ID_PATTERN = /^tr-[0-9a-f]{32}$/;
/** Span ids: 16 lowercase hex (the OpenTelemetry form). */
export const SPAN_ID_PATTERN = /^[0-9a-f]{16}$/;
/** Assessment ids: `a-` + 32 lowercase hex. */
export const ASSESSMENT_ID_PATTERN = /^a-[0-9a-f]{32}$/;

function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  let out = '';
  for (const byte of buffer) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * A new random trace id.
 * @example newTraceId() // 'tr-3f0c…' (35 chars)
 */
export function newTraceId(): string {
  return `tr-${randomHex(16)}`;
}

/** A new random span id (16 hex). */
export function newSpanId(): string {
  return randomHex(8);
}

/** A new random assessment id (`a-` + 32 hex). */
export function newAssessmentId(): string {
  return `a-${randomHex(16)}`;
}

/**
 * The Verdict trace id for a 32-hex OpenTelemetry trace id, so OTel and Verdict agree on identity.
 * @example traceIdFromOtel('4bf92f3577b34da6a3ce929d0e0e4736') // 'tr-4bf92f35…'
 */
export function traceIdFromOtel(otelTraceId: string): string {
  return `tr-${otelTraceId}`;
}

/** The 32-hex OpenTelemetry trace id inside a Verdict trace id. */
export function otelTraceIdOf(traceId: string): string {
  return traceId.startsWith('tr-') ? traceId.slice(3) : traceId;
}

/** Prefixes of the ids of review and evaluation objects (DESIGN: "Wire shapes for review and evaluation"). */
export const ID_PREFIXES = {
  labelingSession: 'ls-',
  labelingItem: 'li-',
  dataset: 'ds-',
  datasetRecord: 'dr-',
  evaluation: 'ev-',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

/**
 * A new random id of a review or evaluation object: its prefix + 32 hex.
 * @example newId('dataset') // 'ds-9a1f…'
 */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}${randomHex(16)}`;
}
