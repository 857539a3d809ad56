import type { ParsedSearchTracesParams, TraceInfo } from '@verdict/core';
import { LIMITS } from './trace-info-mapping';
import { isJsonText } from './wire-values';

/** Where the previous page ended (Verdict's keyset cursor). */
export interface Cursor {
  request_time: number;
  trace_id: string;
  direction: 'ASC' | 'DESC';
}

function quote(value: string): string | undefined {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  // MLflow's grammar has no escape for a value holding both quote kinds: that filter stays client-side.
  return undefined;
}

function identifier(prefix: string, key: string): string | undefined {
  if (key.includes('`')) return undefined;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${prefix}.${key}` : `${prefix}.\`${key}\``;
}

/**
 * MLflow's filter string for what of `params` its grammar can say, plus the cursor bound. The
 * result may match more traces than `params` (never fewer): the store re-checks every row on
 * the client. Left to the client: assessment name and value (see {@link assessmentClauses} for the
 * one case that is pushed down, in a second filter), values with both quote kinds,
 * keys with backticks, metadata values over 250 characters and tag values over 4000 (they are
 * truncated server-side), client request ids over 50 characters, the trace-id tie-break of the cursor,
 * and `text` (MLflow's `trace.text` searches span content, not the previews Verdict matches).
 * Labeling copies are left out client-side too: `IS NULL` on tags is in the grammar as read from
 * MLflow 3.11's source, but no recording shows an older server accepting it, and a refused clause
 * would fail every search.
 * @example toMlflowFilter({ state: 'OK', tags: { env: 'prod' } } as ParsedSearchTracesParams, undefined) // "trace.status = 'OK' AND tag.env = 'prod'"
 */
export function toMlflowFilter(params: ParsedSearchTracesParams, cursor: Cursor | undefined): string {
  const clauses: string[] = [];
  // MLflow keeps whole ms; floor/ceil keep the bounds inclusive of fractional request times.
  if (params.start_time_ms !== undefined) clauses.push(`trace.timestamp_ms >= ${Math.floor(params.start_time_ms)}`);
  if (params.end_time_ms !== undefined) clauses.push(`trace.timestamp_ms < ${Math.ceil(params.end_time_ms)}`);
  if (cursor !== undefined) {
    const bound = Math.floor(cursor.request_time);
    clauses.push(cursor.direction === 'DESC' ? `trace.timestamp_ms <= ${bound}` : `trace.timestamp_ms >= ${bound}`);
  }
  if (params.state !== undefined) clauses.push(`trace.status = '${params.state}'`);
  if (params.client_request_id !== undefined && params.client_request_id.length <= LIMITS.clientRequestId) {
    const value = quote(params.client_request_id);
    if (value !== undefined) clauses.push(`trace.client_request_id = ${value}`);
  }
  const maps: Array<[string, Record<string, string> | undefined, number]> = [
    ['tag', params.tags, LIMITS.tagValue],
    ['metadata', params.metadata, LIMITS.metadataValue],
  ];
  for (const [prefix, map, limit] of maps) {
    for (const [key, wanted] of Object.entries(map ?? {})) {
      if (key.length > LIMITS.key || wanted.length > limit) continue;
      const name = identifier(prefix, key);
      const value = quote(wanted);
      if (name !== undefined && value !== undefined) clauses.push(`${name} = ${value}`);
    }
  }
  return clauses.join(' AND ');
}

/**
 * The value text MLflow's `feedback.`/`expectation.` clauses compare with the stored JSON so that
 * they keep every assessment Verdict's rule keeps (its JSON, or its raw string, equals `wanted`);
 * undefined when no such text is certain. Only `true`/`false` and plain ASCII words that are not
 * JSON qualify: a number's JSON may differ between Python and JS (`5.0` vs `5`), and a JSON string
 * (`"yes"`) also matches a raw string holding the quotes; escapes, quotes, backslashes, edge
 * whitespace and `''` depend on how MLflow serialises, which no recording shows.
 */
function mlflowAssessmentValue(wanted: string): string | undefined {
  if (wanted === 'true' || wanted === 'false') return wanted;
  if (wanted === '' || wanted.trim() !== wanted || !/^[\x20-\x7E]+$/.test(wanted) || /["'\\`]/.test(wanted)) return undefined;
  return isJsonText(wanted) ? undefined : wanted;
}

/**
 * Verdict's assessment filter as two MLflow clauses, a feedback one and an expectation one, or
 * undefined when it stays client-side. MLflow's grammar has no `OR`, and a Verdict assessment of a
 * name may be either kind, so the store runs one search per clause and merges them: together they
 * never drop a row Verdict's rule keeps (both kinds consider only `valid` assessments, like
 * Verdict). Only with `assessment_value` whose MLflow form is certain (see mlflowAssessmentValue);
 * a name alone is not pushed down. The client re-checks every row anyway.
 * @example assessmentClauses({ assessment_name: 'user_feedback', assessment_value: 'false' } as ParsedSearchTracesParams) // ["feedback.user_feedback = 'false'", "expectation.user_feedback = 'false'"]
 */
export function assessmentClauses(params: ParsedSearchTracesParams): [string, string] | undefined {
  if (params.assessment_name === undefined || params.assessment_value === undefined) return undefined;
  const value = mlflowAssessmentValue(params.assessment_value);
  const feedback = identifier('feedback', params.assessment_name);
  const expectation = identifier('expectation', params.assessment_name);
  if (value === undefined || feedback === undefined || expectation === undefined) return undefined;
  return [`${feedback} = '${value}'`, `${expectation} = '${value}'`];
}

/** `base` AND `clause`, either of which may be empty. */
export function andFilter(base: string, clause: string): string {
  return base === '' ? clause : clause === '' ? base : `${base} AND ${clause}`;
}

/** MLflow's order_by for Verdict's order, with the trace id as tie-break like Verdict's. */
export function toMlflowOrder(direction: 'ASC' | 'DESC'): string[] {
  return [`timestamp_ms ${direction}`, `request_id ${direction}`];
}

/** True when `info` comes strictly after `cursor` in the cursor's order. */
export function isAfter(info: TraceInfo, cursor: Cursor): boolean {
  const sign = cursor.direction === 'ASC' ? 1 : -1;
  if (info.request_time !== cursor.request_time) return sign * (info.request_time - cursor.request_time) > 0;
  return sign * (info.trace_id < cursor.trace_id ? -1 : info.trace_id > cursor.trace_id ? 1 : 0) > 0;
}
