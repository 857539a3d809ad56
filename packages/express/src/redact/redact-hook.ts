import { VerdictError } from '@verdict/core';

/**
 * Which stored field a value comes from, so a hook can treat fields differently (e.g. mask span
 * inputs but keep numeric assessment values). Identifiers (trace, span, user and assessment ids,
 * names, tags, trace metadata, sources) are never passed: Verdict looks records up by them.
 */
export type RedactKind =
  | 'span_inputs'
  | 'span_outputs'
  | 'span_attributes'
  | 'span_events'
  | 'span_status_message'
  | 'trace_preview'
  | 'assessment_value'
  | 'rationale'
  | 'error_message'
  | 'dataset_inputs'
  | 'dataset_expectations'
  | 'label_value'
  | 'label_comment'
  | 'eval_inputs'
  | 'eval_outputs'
  | 'eval_expectations';

/** Where the value being redacted sits. */
export interface RedactContext {
  kind: RedactKind;
  /** The trace the value belongs to, when it belongs to one. */
  trace_id?: string;
  /** The field's path inside the record written, e.g. `['data', 'spans', 0, 'inputs']`. */
  path: readonly (string | number)[];
}

/**
 * The host's redaction hook: gets a value about to be stored and returns what to store instead.
 * Synchronous, and it must return a value of the same JSON type it got (a string for a string, an
 * object for an object; `span_inputs`/`span_outputs`/`eval_outputs` may become any JSON value).
 * If it throws or breaks that rule, the write fails (a 500, reported to `onError`) and nothing
 * unredacted is stored.
 * @example const redact: RedactHook = (value, { kind }) => (kind === 'span_inputs' ? '[hidden]' : value)
 */
export type RedactHook = (value: unknown, context: RedactContext) => unknown;

// Fields whose stored schema is "any JSON value": the hook may replace them with any JSON value.
const ANY_JSON: ReadonlySet<RedactKind> = new Set(['span_inputs', 'span_outputs', 'eval_outputs']);

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isJson(value: unknown): boolean {
  try {
    return JSON.stringify(value) !== undefined;
  } catch {
    return false;
  }
}

function where(context: RedactContext): string {
  return `${context.kind} at ${context.path.join('.')}${context.trace_id === undefined ? '' : ` of trace ${context.trace_id}`}`;
}

/**
 * Runs `redact` on one field, turning a throw or a wrong-typed result into an `INTERNAL`
 * VerdictError that names the field, so the write that needed it fails instead of storing raw data.
 * @example const masked = applyRedact(redact, span.inputs, { kind: 'span_inputs', trace_id, path: ['inputs'] })
 */
export function applyRedact<T>(redact: RedactHook, value: T, context: RedactContext): T {
  let result: unknown;
  try {
    result = redact(value, context);
  } catch (error) {
    throw new VerdictError('INTERNAL', `the redact hook threw on ${where(context)}; nothing was stored`, { cause: error });
  }
  const same = ANY_JSON.has(context.kind) ? result !== undefined && isJson(result) : jsonType(result) === jsonType(value);
  if (!same) {
    throw new VerdictError(
      'INTERNAL',
      `the redact hook returned ${jsonType(result)} for ${where(context)}, which holds ${jsonType(value)}; return a value of the same type. Nothing was stored`,
    );
  }
  return result as T;
}
