import { FeedbackSummaryQuerySchema, SearchTracesParamsSchema, VerdictError, parseOrThrow, searchTraceInfos, summarizeFeedback } from '@verdict/core';
import type { FeedbackSummary, FeedbackSummaryQuery, ParsedSearchTracesParams, SearchTracesParams, SearchTracesResponse, Trace, TraceInfo } from '@verdict/core';
import type { MlflowContext } from './context';
import { MlflowHttpError } from './http-client';
import {
  artifactPath,
  artifactUploadRequest,
  getTraceInfoRequest,
  getTraceSpansRequest,
  otlpExportRequest,
  parseSearchResponse,
  parseSpans,
  parseTraceInfo,
  rawTraceInfoOf,
  searchRequest,
  startTraceRequest,
} from './mlflow-requests';
import { andFilter, assessmentClauses, isAfter, toMlflowFilter, toMlflowOrder } from './search-filter';
import type { Cursor } from './search-filter';
import { spanSetHash } from './span-payload';
import type { ReadTraceInfo, SpansVia } from './trace-info-mapping';

const isMissing = (error: unknown) => error instanceof MlflowHttpError && error.status === 404;

/**
 * Writes a validated trace: spans first (OTLP, else the artifact fallback), then StartTraceV3
 * with the final state, so MLflow never keeps a trace IN_PROGRESS that Verdict finished.
 * Idempotent: both calls are upserts keyed by the trace id.
 */
export async function putTrace(ctx: MlflowContext, trace: Trace): Promise<void> {
  const hash = spanSetHash(trace.data.spans.map((span) => span.span_id));
  let via: SpansVia = ctx.caps.otlp ? 'otlp' : 'artifact';
  if (via === 'otlp' && trace.data.spans.length > 0) {
    try {
      await ctx.http.request(otlpExportRequest(trace, ctx.experiment.id, hash));
    } catch (error) {
      if (!(error instanceof MlflowHttpError && (error.status === 404 || error.status === 501))) throw error;
      ctx.caps.otlp = false;
      ctx.log('warn', `verdict mlflowStore: /v1/traces answered ${error.status}; spans now go to traces.json through the artifacts proxy`);
      via = 'artifact';
    }
  }
  const started = await ctx.http.request(startTraceRequest(trace, ctx.experiment.id, { via, hash }));
  if (via === 'otlp') return;
  const tags = (rawTraceInfoOf(started.json)?.tags ?? {}) as Record<string, string>;
  const path = artifactPath(tags['mlflow.artifactLocation']);
  if (path === undefined) {
    throw new VerdictError(
      'INTERNAL',
      `MLflow ${ctx.caps.version} has no OTLP /v1/traces and the experiment's artifact location (${tags['mlflow.artifactLocation'] ?? 'none'}) is not served by the artifacts proxy: spans need MLflow >= 3.4 with a SQL backend, or mlflow server --serve-artifacts`,
    );
  }
  await ctx.http.request(artifactUploadRequest(path, trace, hash));
}

/** GetTraceInfoV3 read into Verdict's form; null when MLflow has no such trace. */
export async function readTraceInfo(ctx: MlflowContext, traceId: string): Promise<(ReadTraceInfo & { raw: Record<string, unknown> }) | null> {
  try {
    const response = await ctx.http.request(getTraceInfoRequest(traceId));
    const raw = rawTraceInfoOf(response.json);
    return raw === undefined ? null : { ...parseTraceInfo(raw), raw };
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** A whole trace: its info (with assessments), then its spans from wherever they were written. */
export async function getTrace(ctx: MlflowContext, traceId: string): Promise<Trace | null> {
  const read = await readTraceInfo(ctx, traceId);
  if (read === null) return null;
  const { info, bookkeeping, mlflowTags } = read;
  const fromArtifact = bookkeeping ? bookkeeping.sp === 'artifact' : mlflowTags['mlflow.trace.spansLocation'] !== 'TRACKING_STORE';
  let spans: Trace['data']['spans'] = [];
  try {
    if (fromArtifact) {
      const path = artifactPath(mlflowTags['mlflow.artifactLocation']);
      if (path !== undefined) spans = parseSpans((await ctx.http.request({ method: 'GET', path })).json, info.trace_id, bookkeeping?.h);
    } else {
      spans = parseSpans((await ctx.http.request(getTraceSpansRequest(traceId))).json, info.trace_id, bookkeeping?.h);
    }
  } catch (error) {
    // No spans uploaded yet (a put cut short): the info is still the trace's truth.
    if (!isMissing(error)) throw error;
  }
  return { info, data: { spans } };
}

function cursorOf(token: string): Cursor {
  const binary = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
  const [request_time, trace_id, direction] = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))) as [
    number,
    string,
    'ASC' | 'DESC',
  ];
  return { request_time, trace_id, direction };
}

/** One MLflow search being read page by page; `buffer` holds the rows of its page not yet merged. */
interface MlflowStream {
  filter: string;
  token: string | undefined;
  buffer: TraceInfo[];
  done: boolean;
}

// MLflow's order: whole ms, then the trace id (what toMlflowOrder asks for).
function mlflowKeyCompare(a: TraceInfo, b: TraceInfo): number {
  const [ta, tb] = [Math.floor(a.request_time), Math.floor(b.request_time)];
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.trace_id < b.trace_id ? -1 : a.trace_id > b.trace_id ? 1 : 0;
}

/**
 * Reads MLflow searches (one per filter, in MLflow's order) merged into one ordered stream
 * without duplicates, i.e. what `filter1 OR filter2` would return, until one more Verdict match
 * than asked proves there is a next page and the ms of the last match is read to its end (Verdict
 * orders within a ms by the exact time, MLflow by id). Then Verdict's own rule picks the page.
 */
async function collectPage(
  ctx: MlflowContext,
  params: ParsedSearchTracesParams,
  cursor: Cursor | undefined,
  direction: 'ASC' | 'DESC',
  filters: string[],
): Promise<SearchTracesResponse> {
  const wanted = params.max_results + 1;
  const order = toMlflowOrder(direction);
  const sign = direction === 'ASC' ? 1 : -1;
  const streams: MlflowStream[] = filters.map((filter) => ({ filter, token: undefined, buffer: [], done: false }));
  const collected = new Map<string, TraceInfo>();
  const recheck = { ...params, page_token: undefined, max_results: 1000 };
  let matched = 0;
  let lastMatchMs: number | undefined;
  for (;;) {
    for (const stream of streams) {
      if (stream.buffer.length > 0 || stream.done) continue;
      const page = parseSearchResponse((await ctx.http.request(searchRequest(ctx.experiment.id, stream.filter, order, wanted, stream.token))).json);
      stream.buffer = page.infos;
      stream.token = page.nextPageToken;
      stream.done = page.nextPageToken === undefined;
    }
    let next: MlflowStream | undefined;
    for (const stream of streams) {
      if (stream.buffer.length > 0 && (next === undefined || sign * mlflowKeyCompare(stream.buffer[0]!, next.buffer[0]!) < 0)) next = stream;
    }
    if (next === undefined) break;
    const info = next.buffer[0]!;
    if (matched >= wanted && Math.floor(info.request_time) !== lastMatchMs) break;
    next.buffer.shift();
    if (collected.has(info.trace_id) || (cursor !== undefined && !isAfter(info, cursor))) continue;
    collected.set(info.trace_id, info);
    if (searchTraceInfos([info], recheck).traces.length > 0) {
      matched += 1;
      lastMatchMs = Math.floor(info.request_time);
    }
  }
  return searchTraceInfos(collected.values(), params);
}

/**
 * One page of Verdict's search over MLflow's SearchTracesV3: what MLflow's grammar can say goes
 * in its filter, every row is re-checked here (search-filter.ts lists what stays client-side),
 * and MLflow pages are read until one more match than asked proves there is a next page.
 * An assessment name + value MLflow can compare is pushed down as two searches (feedback and
 * expectation, merged: the grammar has no OR); a server that refuses those clauses (400) gets the
 * plain filter from then on, with a warning. Verdict's page token is a keyset (request_time,
 * trace_id), so inserts between pages neither repeat nor skip rows, which MLflow's offset tokens
 * cannot promise.
 */
export async function searchTraces(ctx: MlflowContext, input: SearchTracesParams | undefined): Promise<SearchTracesResponse> {
  const params = parseOrThrow(SearchTracesParamsSchema, input ?? {}, 'search params');
  // Validates the token (shape, direction) the same way every store does.
  searchTraceInfos([], params);
  const direction = params.order_by === 'request_time ASC' ? 'ASC' : 'DESC';
  const cursor = params.page_token === undefined ? undefined : cursorOf(params.page_token);
  const filter = toMlflowFilter(params, cursor);
  const pushed = ctx.caps.assessmentFilters === false ? undefined : assessmentClauses(params);
  if (pushed === undefined) return collectPage(ctx, params, cursor, direction, [filter]);
  try {
    return await collectPage(ctx, params, cursor, direction, pushed.map((clause) => andFilter(filter, clause)));
  } catch (error) {
    if (!(error instanceof MlflowHttpError && error.status === 400)) throw error;
    // Only blame the assessment clauses once the plain filter is accepted.
    const page = await collectPage(ctx, params, cursor, direction, [filter]);
    ctx.caps.assessmentFilters = false;
    ctx.log('warn', `verdict mlflowStore: MLflow ${ctx.caps.version} refused feedback/expectation filters (${error.message}); assessment filters now run client-side only`);
    return page;
  }
}

/** Feedback figures of a time window: every trace info in it (paged through search), summarised as core defines. */
export async function summarizeTraces(ctx: MlflowContext, input: FeedbackSummaryQuery | undefined): Promise<FeedbackSummary> {
  const query = parseOrThrow(FeedbackSummaryQuerySchema, input ?? {}, 'summary params');
  const infos: TraceInfo[] = [];
  let page_token: string | undefined;
  do {
    const page = await searchTraces(ctx, {
      start_time_ms: query.start_time_ms,
      end_time_ms: query.end_time_ms,
      max_results: 1000,
      order_by: 'request_time ASC',
      page_token,
    });
    infos.push(...page.traces);
    page_token = page.next_page_token;
  } while (page_token !== undefined);
  return summarizeFeedback(infos, query);
}
