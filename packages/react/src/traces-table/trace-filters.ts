import type { SearchTracesParams, TraceInfo, TraceState } from '@verdict/core';

/** What the traces table filters by, as the user typed it. */
export interface TraceFilters {
  /** Only traces from this time on (ms since epoch). */
  from?: number;
  /** Only traces before this time (ms since epoch). */
  to?: number;
  state?: TraceState;
  /** Only traces with a valid assessment of this name… */
  assessmentName?: string;
  /** …whose value is this (`true`, `0.5`, `friendly`). */
  assessmentValue?: string;
  /** `key=value`: only traces with this tag. */
  tag?: string;
  /** Words to find in the request or response preview. */
  text?: string;
}

/**
 * The `GET /traces` params a set of filters maps to; the server applies all of them, `text` as a
 * case-insensitive substring of the request or response preview (over every trace, not one page).
 * @example searchParamsOf({ state: 'ERROR', tag: 'env=prod', text: 'refund' }) // { state: 'ERROR', tags: { env: 'prod' }, text: 'refund' }
 */
export function searchParamsOf(filters: TraceFilters): Omit<SearchTracesParams, 'page_token' | 'max_results' | 'order_by'> {
  const params: Omit<SearchTracesParams, 'page_token' | 'max_results' | 'order_by'> = {};
  if (filters.from !== undefined) params.start_time_ms = filters.from;
  if (filters.to !== undefined) params.end_time_ms = filters.to;
  if (filters.state !== undefined) params.state = filters.state;
  const name = filters.assessmentName?.trim();
  if (name) {
    params.assessment_name = name;
    const value = filters.assessmentValue?.trim();
    if (value) params.assessment_value = value;
  }
  const tag = filters.tag?.trim();
  if (tag) {
    const at = tag.indexOf('=');
    // A bare key can't be sent: the server matches tag values exactly, so `key` alone means `key=` .
    const key = at === -1 ? tag : tag.slice(0, at).trim();
    if (key) params.tags = { [key]: at === -1 ? '' : tag.slice(at + 1).trim() };
  }
  const text = filters.text?.trim();
  if (text) params.text = text;
  return params;
}

/**
 * Whether a trace's request or response preview contains every word of `text` (case-insensitive),
 * for filtering traces already loaded. `TracesTable` no longer uses it: it sends `text` to the server.
 * @example matchesText(info, 'refund policy')
 */
export function matchesText(info: TraceInfo, text: string | undefined): boolean {
  const words = text?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  if (words.length === 0) return true;
  const haystack = `${info.request_preview}\n${info.response_preview}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}
