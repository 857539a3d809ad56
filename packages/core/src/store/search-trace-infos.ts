import { VerdictError } from '../errors';
import type { Assessment } from '../schemas/assessment';
import type { ParsedSearchTracesParams, SearchTracesResponse } from '../schemas/search';
import type { TraceInfo } from '../schemas/trace';
import type { StringMap } from '../schemas/value';
import { isLabelingCopy, wantsLabelingCopies } from './labeling-copy';
import { decodePageToken, encodePageToken } from './page-token';
import type { TraceCursor } from './page-token';

function mapContains(map: StringMap, wanted: StringMap | undefined): boolean {
  if (wanted === undefined) return true;
  // Own-property check: a wanted key like `constructor` must not match Object.prototype.
  return Object.entries(wanted).every(([key, value]) => Object.hasOwn(map, key) && map[key] === value);
}

function valueMatches(assessment: Assessment, wanted: string): boolean {
  const value = assessment.feedback !== undefined ? assessment.feedback.value : assessment.expectation.value;
  if (value === undefined) return false;
  return JSON.stringify(value) === wanted || (typeof value === 'string' && value === wanted);
}

function hasAssessment(info: TraceInfo, name: string | undefined, value: string | undefined): boolean {
  if (name === undefined) return true;
  // Name and value must hold for the same assessment, and overridden ones no longer count.
  return info.assessments.some(
    (assessment) =>
      assessment.valid && assessment.assessment_name === name && (value === undefined || valueMatches(assessment, value)),
  );
}

// Case-insensitive substring of either preview; `needle` is already lower-cased.
function textMatches(info: TraceInfo, needle: string | undefined): boolean {
  if (needle === undefined) return true;
  return info.request_preview.toLowerCase().includes(needle) || info.response_preview.toLowerCase().includes(needle);
}

function matches(info: TraceInfo, params: ParsedSearchTracesParams, needle: string | undefined, copies: boolean): boolean {
  return (
    (copies || !isLabelingCopy(info)) &&
    (params.start_time_ms === undefined || info.request_time >= params.start_time_ms) &&
    (params.end_time_ms === undefined || info.request_time < params.end_time_ms) &&
    (params.state === undefined || info.state === params.state) &&
    (params.client_request_id === undefined || info.client_request_id === params.client_request_id) &&
    mapContains(info.tags, params.tags) &&
    mapContains(info.trace_metadata, params.metadata) &&
    hasAssessment(info, params.assessment_name, params.assessment_value) &&
    textMatches(info, needle)
  );
}

/** Compares two rows by (request_time, trace_id) ascending; the id breaks ties so the order is total. */
function compareKeys(a: { request_time: number; trace_id: string }, b: { request_time: number; trace_id: string }): number {
  if (a.request_time !== b.request_time) return a.request_time < b.request_time ? -1 : 1;
  if (a.trace_id === b.trace_id) return 0;
  return a.trace_id < b.trace_id ? -1 : 1;
}

/**
 * Filters, sorts and pages trace infos in memory, as `Store.traces.search` specifies. `infos`
 * must already carry their assessments. Pages are keyset-based: the token holds the last row's
 * (request_time, trace_id), and the next page starts strictly after it. Exported so stores that
 * keep trace infos in memory (like the JSON store's index) filter and page exactly as memoryStore does.
 * Labeling copies (tag `verdict.labeling_copy`) are left out unless `params.tags` names that tag;
 * `text` matches either preview, ignoring case.
 * @example searchTraceInfos(infos, SearchTracesParamsSchema.parse({ tags: { env: 'prod' }, max_results: 50 }))
 */
export function searchTraceInfos(infos: Iterable<TraceInfo>, params: ParsedSearchTracesParams): SearchTracesResponse {
  const direction = params.order_by === 'request_time ASC' ? 'ASC' : 'DESC';
  const sign = direction === 'ASC' ? 1 : -1;
  let cursor: TraceCursor | undefined;
  if (params.page_token !== undefined) {
    cursor = decodePageToken(params.page_token);
    if (cursor.direction !== direction) {
      throw new VerdictError('INVALID_ARGUMENT', `page_token was made for request_time ${cursor.direction}, not ${params.order_by}`);
    }
  }
  const after = cursor;
  const needle = params.text === undefined || params.text === '' ? undefined : params.text.toLowerCase();
  const copies = wantsLabelingCopies(params);
  const rows = [...infos]
    .filter((info) => matches(info, params, needle, copies))
    .filter((info) => after === undefined || sign * compareKeys(info, after) > 0)
    .sort((a, b) => sign * compareKeys(a, b));
  const page = rows.slice(0, params.max_results);
  const last = page[page.length - 1];
  if (rows.length <= params.max_results || last === undefined) return { traces: page };
  const next_page_token = encodePageToken({ request_time: last.request_time, trace_id: last.trace_id, direction });
  return { traces: page, next_page_token };
}
