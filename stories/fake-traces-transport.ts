// A scripted stand-in for `GET /traces` and `GET /feedback/summary`, so the traces table and the
// feedback summary stories (and their tests) run without a server. Filtering, paging and the
// summary figures are core's own (`searchTraceInfos`, `summarizeFeedback`) over the scripted rows.
import {
  FeedbackSummaryQuerySchema,
  SearchTracesParamsSchema,
  searchParamsFromQuery,
  searchTraceInfos,
  summarizeFeedback,
} from '@verdict/core';
import type { TraceInfo } from '@verdict/core';
// eslint-disable-next-line no-restricted-imports -- test data shared with the component tests, not the package's code
import { rowWithAssessments } from '../packages/react/src/test-support/trace-rows';
import { failure, json, never, notScripted, requestOf } from './scripted-response';

/** How the fake routes answer; a route left out answers 404. */
export interface TracesScript {
  /** The stored traces (with assessments), 'pending' to never answer, or an error to answer with. */
  traces?: readonly TraceInfo[] | 'pending' | { error: string };
  /** Answer every search with all matching traces on one page, whatever `max_results` says (for 10,000-row stories). */
  onePage?: boolean;
  /** 'pending' never answers; an error answers 503; otherwise the summary is computed from `traces`. */
  summary?: 'computed' | 'pending' | { error: string };
}

/**
 * A `fetch` answering `GET /traces` and `GET /feedback/summary` from `script`.
 * @example <VerdictProvider baseUrl="/api" fetch={scriptedTracesFetch({ traces: storyRows(40) })}>…</VerdictProvider>
 */
export function scriptedTracesFetch(script: TracesScript): typeof globalThis.fetch {
  const { traces = [], onePage = false, summary = 'computed' } = script;
  return async (input, init) => {
    const { url, path: route } = requestOf(input, init);
    const query = Object.fromEntries(url.searchParams);
    if (route === '/traces') {
      if (traces === 'pending') return never();
      if (!Array.isArray(traces)) return failure(503, 'UNAVAILABLE', (traces as { error: string }).error);
      const params = SearchTracesParamsSchema.parse(searchParamsFromQuery(onePage ? { ...query, max_results: '1000' } : query));
      return json(searchTraceInfos(traces, onePage ? { ...params, max_results: traces.length } : params));
    }
    if (route === '/feedback/summary') {
      if (summary === 'pending') return never();
      if (summary !== 'computed') return failure(503, 'UNAVAILABLE', summary.error);
      return json(summarizeFeedback(Array.isArray(traces) ? (traces as TraceInfo[]) : [], FeedbackSummaryQuerySchema.parse(query)));
    }
    return notScripted(route);
  };
}

/** Rows 0..count-1 of the shared test rows (one a minute back from 2023-11-14T22:13:20Z), with assessments. */
export function storyRows(count: number): TraceInfo[] {
  return Array.from({ length: count }, (_, n) => rowWithAssessments(n));
}

/** `days` days of traces, 6 an hour each, with votes whose share and tone drift over time: a chart with a shape. */
export function summaryRows(days: number): TraceInfo[] {
  const rows: TraceInfo[] = [];
  const end = Date.UTC(2023, 10, 14, 23);
  for (let n = 0; n < days * 24 * 6; n++) {
    const base = rowWithAssessments(n % 60);
    const day = Math.floor(n / 144);
    const votes = base.assessments.filter((assessment) => (n * 7 + day) % 10 < 5 + (day % 4) || assessment.assessment_name !== 'user_feedback');
    rows.push({ ...base, trace_id: `tr-${(n + 0xb0000).toString(16).padStart(32, '0')}`, request_time: end - n * 600_000, assessments: votes });
  }
  return rows;
}
