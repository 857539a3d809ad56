// Request builders and response parsers: pure functions, so the replay test can hold them
// against exchanges recorded with a real MLflow server.
import type { Assessment, Trace, TraceInfo } from '@verdict/core';
import { fromMlflowAssessments, toMlflowAssessment } from './assessment-mapping';
import type { MlflowRequest } from './http-client';
import { toVerdictSpans } from './spans-from-mlflow';
import { toOtlpRequest, toSpanDicts } from './spans-to-mlflow';
import { fromMlflowTraceInfo, toMlflowTraceInfo } from './trace-info-mapping';
import type { ReadTraceInfo, SpansVia } from './trace-info-mapping';

const V3 = '/api/3.0/mlflow';
type Loose = Record<string, unknown>;

/** StartTraceV3: the final TraceInfo (state, previews, tags, metadata), sent after the spans. */
export function startTraceRequest(trace: Trace, experimentId: string, spans: { via: SpansVia; hash: string }): MlflowRequest {
  return { method: 'POST', path: `${V3}/traces`, json: { trace: { trace_info: toMlflowTraceInfo(trace, experimentId, spans) } } };
}

/** OTLP span export (protobuf; MLflow refuses JSON on 3.6). */
export function otlpExportRequest(trace: Trace, experimentId: string, hash: string): MlflowRequest {
  return {
    method: 'POST',
    path: '/v1/traces',
    body: toOtlpRequest(trace, hash),
    headers: { 'Content-Type': 'application/x-protobuf', 'x-mlflow-experiment-id': experimentId },
  };
}

/**
 * The artifacts-proxy path of a trace's `traces.json`, from its `mlflow.artifactLocation` tag;
 * undefined unless that is an `mlflow-artifacts:` URI (other stores need direct access).
 * @example artifactPath('mlflow-artifacts:/1/traces/tr-1/artifacts') // '/api/2.0/mlflow-artifacts/artifacts/1/traces/tr-1/artifacts/traces.json'
 */
export function artifactPath(artifactLocation: string | undefined, file = 'traces.json'): string | undefined {
  if (artifactLocation === undefined || !artifactLocation.startsWith('mlflow-artifacts:')) return undefined;
  const path = artifactLocation.slice('mlflow-artifacts:'.length).replace(/^\/+/, '').replace(/\/+$/, '');
  return `/api/2.0/mlflow-artifacts/artifacts/${path}/${file}`;
}

/** Fallback span upload: `PUT` of `traces.json` through the artifacts proxy. */
export function artifactUploadRequest(path: string, trace: Trace, hash: string): MlflowRequest {
  return { method: 'PUT', path, json: toSpanDicts(trace, hash) };
}

/** GetTraceInfoV3. */
export function getTraceInfoRequest(traceId: string): MlflowRequest {
  return { method: 'GET', path: `${V3}/traces/${encodeURIComponent(traceId)}` };
}

/** GetTrace with spans from the tracking store; `allow_partial` so a trace without DB spans answers 200. */
export function getTraceSpansRequest(traceId: string): MlflowRequest {
  return { method: 'GET', path: `${V3}/traces/get`, query: { trace_id: traceId, allow_partial: true } };
}

/** The raw TraceInfoV3 inside a `{trace: {trace_info}}` or `{trace_info}` answer. */
export function rawTraceInfoOf(json: unknown): Loose | undefined {
  const body = json as { trace?: { trace_info?: Loose }; trace_info?: Loose } | undefined;
  return body?.trace?.trace_info ?? body?.trace_info;
}

/** A TraceInfoV3 → Verdict's info with its assessments. */
export function parseTraceInfo(raw: Loose): ReadTraceInfo {
  const read = fromMlflowTraceInfo(raw);
  read.info.assessments = fromMlflowAssessments(raw.assessments);
  return read;
}

/** Spans of a GetTrace answer (`{trace: {spans}}`) or a `traces.json` (`{spans}`) as Verdict spans. */
export function parseSpans(json: unknown, traceId: string, hash: string | undefined): Trace['data']['spans'] {
  const body = json as { trace?: { spans?: unknown }; spans?: unknown } | undefined;
  const spans = body?.trace?.spans ?? body?.spans;
  return toVerdictSpans(traceId, Array.isArray(spans) ? spans : [], hash);
}

/** SearchTracesV3 (always POST: `GET …/traces/search` is read as a trace id and 404s). */
export function searchRequest(experimentId: string, filter: string, orderBy: string[], maxResults: number, pageToken: string | undefined): MlflowRequest {
  const json: Loose = {
    locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } }],
    max_results: Math.min(500, maxResults),
    order_by: orderBy,
  };
  if (filter !== '') json.filter = filter;
  if (pageToken !== undefined) json.page_token = pageToken;
  return { method: 'POST', path: `${V3}/traces/search`, json };
}

/** A search answer: Verdict infos (with assessments) and MLflow's next token. */
export function parseSearchResponse(json: unknown): { infos: TraceInfo[]; nextPageToken: string | undefined } {
  const body = (json ?? {}) as { traces?: unknown; next_page_token?: unknown };
  const traces = Array.isArray(body.traces) ? body.traces : [];
  const infos = traces.filter((raw): raw is Loose => typeof raw === 'object' && raw !== null).map((raw) => parseTraceInfo(raw).info);
  const token = typeof body.next_page_token === 'string' && body.next_page_token !== '' ? body.next_page_token : undefined;
  return { infos, nextPageToken: token };
}

/** CreateAssessment; `retry: 'safe'` because a create is not idempotent (callers check before retrying). */
export function createAssessmentRequest(assessment: Assessment, overridesMlflowId: string | undefined): MlflowRequest {
  return {
    method: 'POST',
    path: `${V3}/traces/${encodeURIComponent(assessment.trace_id)}/assessments`,
    json: { assessment: toMlflowAssessment(assessment, overridesMlflowId) },
    retry: 'safe',
  };
}

/** DeleteAssessment: ids in the path, no body, no query (MLflow reads DELETE parameters from a JSON body only). */
export function deleteAssessmentRequest(traceId: string, mlflowAssessmentId: string): MlflowRequest {
  return { method: 'DELETE', path: `${V3}/traces/${encodeURIComponent(traceId)}/assessments/${encodeURIComponent(mlflowAssessmentId)}` };
}

/** The raw assessment of a create/get answer. */
export function rawAssessmentOf(json: unknown): Loose | undefined {
  return (json as { assessment?: Loose } | undefined)?.assessment;
}
