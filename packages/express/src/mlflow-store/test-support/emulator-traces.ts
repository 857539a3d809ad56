// Test-only: the emulator's trace routes — StartTraceV3 (an upsert), GetTraceInfoV3, GetTrace with
// its spans, and trace tags (set on v3, deleted on v2) — plus the TraceInfo serializer they share.
import { missing, mlflowError } from './emulator-http';
import { toProtoJson } from './emulator-spans';
import { experimentOr404, traceOr404 } from './emulator-state';
import type { EmulatorState, Loose, StoredTrace } from './emulator-state';

function truncateMap(map: Record<string, string>, keyLimit: number, valueLimit: number): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key.slice(0, keyLimit), value.slice(0, valueLimit)]));
}

/**
 * What the server answers for a TraceInfo: metadata truncated to 250 chars, tags to 4096 (TraceInfo.to_proto).
 * @example return { trace: { trace_info: serializeInfo(trace) } };
 */
export function serializeInfo(trace: StoredTrace): Loose {
  const info: Loose = { ...trace.info };
  info.trace_metadata = truncateMap((trace.info.trace_metadata ?? {}) as Record<string, string>, 250, 250);
  info.tags = truncateMap((trace.info.tags ?? {}) as Record<string, string>, 250, 4096);
  if (trace.assessments.length > 0) info.assessments = trace.assessments.map((assessment) => ({ ...assessment }));
  for (const key of ['request_preview', 'response_preview', 'client_request_id']) if (info[key] === '') delete info[key];
  return info;
}

/**
 * A fresh IN_PROGRESS trace row, as the server creates it on first sight of a trace id.
 * @example const trace = state.traces.get(id) ?? newTraceRow(id, '1', 'mlflow-artifacts:/1');
 */
export function newTraceRow(traceId: string, experimentId: string, artifactLocation: string): StoredTrace {
  return {
    info: {
      trace_id: traceId,
      trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } },
      request_time: new Date(0).toISOString(),
      state: 'IN_PROGRESS',
      trace_metadata: {},
      tags: { 'mlflow.artifactLocation': `${artifactLocation}/traces/${traceId}/artifacts` },
    },
    assessments: [],
    spans: new Map(),
    experimentId,
  };
}

/**
 * `POST /api/3.0/mlflow/traces` (StartTraceV3).
 * @example json(startTrace(state, post()));
 */
export function startTrace(state: EmulatorState, body: Loose): unknown {
  const trace = body.trace as Loose | undefined;
  if (trace === undefined) throw missing('trace');
  const info = (trace.trace_info ?? {}) as Loose;
  const location = info.trace_location as { mlflow_experiment?: { experiment_id?: unknown } } | undefined;
  const experiment = experimentOr404(state, location?.mlflow_experiment?.experiment_id ?? '0');
  const traceId = String(info.trace_id ?? '');
  if (traceId === '' || traceId.length > 50) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid trace_id '${traceId}'`);
  const clientRequestId = info.client_request_id;
  if (typeof clientRequestId === 'string' && clientRequestId.length > 50) {
    throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'client_request_id is longer than its 50-character column');
  }
  for (const preview of ['request_preview', 'response_preview']) {
    if (typeof info[preview] === 'string' && (info[preview] as string).length > 1000) {
      throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `${preview} is longer than its 1000-character column`);
    }
  }
  const states = ['STATE_UNSPECIFIED', 'OK', 'ERROR', 'IN_PROGRESS'];
  const existing = state.traces.get(traceId) ?? newTraceRow(traceId, experiment.experiment_id, experiment.artifact_location);
  const oldTags = (existing.info.tags ?? {}) as Record<string, string>;
  const tags: Record<string, string> = { ...((info.tags ?? {}) as Record<string, string>) };
  // The upsert keeps the server's own tags; everything else is replaced by the new info.
  for (const key of ['mlflow.artifactLocation', 'mlflow.trace.spansLocation']) if (oldTags[key] !== undefined) tags[key] = oldTags[key];
  if (state.spanIngest === 'otlp') tags['mlflow.trace.spansLocation'] = 'TRACKING_STORE';
  existing.info = {
    trace_id: traceId,
    trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experiment.experiment_id } },
    request_time: typeof info.request_time === 'string' ? info.request_time : new Date(0).toISOString(),
    // A bad enum fails protobuf parsing, which MLflow swallows: the field is just left unset.
    state: states.includes(String(info.state)) ? info.state : 'STATE_UNSPECIFIED',
    trace_metadata: { ...((info.trace_metadata ?? {}) as Record<string, string>) },
    tags,
    request_preview: info.request_preview ?? existing.info.request_preview ?? '',
    response_preview: info.response_preview ?? existing.info.response_preview ?? '',
    client_request_id: clientRequestId ?? '',
  };
  if (info.execution_duration !== undefined) existing.info.execution_duration = info.execution_duration;
  existing.declaredState = String(existing.info.state);
  state.traces.set(traceId, existing);
  return { trace: { trace_info: serializeInfo(existing) } };
}

/**
 * `GET /api/3.0/mlflow/traces/get` (GetTrace): the info with its spans, once they are all in.
 * @example json(traceWithSpans(state, query));
 */
export function traceWithSpans(state: EmulatorState, query: URLSearchParams): unknown {
  const traceId = query.get('trace_id');
  if (traceId === null) throw missing('trace_id');
  const trace = traceOr404(state, traceId);
  const tags = trace.info.tags as Record<string, string>;
  if (tags['mlflow.trace.spansLocation'] !== 'TRACKING_STORE') {
    throw mlflowError(500, 'INTERNAL_ERROR', `Trace data not stored in tracking store for trace ${traceId}`);
  }
  if (trace.spans.size === 0 && query.get('allow_partial') !== 'true') {
    throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Trace with ID ${traceId} is not fully exported yet, please try again later.`);
  }
  const spans = [...trace.spans.values()].sort((a, b) => a.start_time_unix_nano - b.start_time_unix_nano).map(toProtoJson);
  return { trace: { trace_info: serializeInfo(trace), ...(spans.length > 0 ? { spans } : {}) } };
}

/**
 * `GET /api/3.0/mlflow/traces/{id}` (GetTraceInfoV3); `encodedId` is the raw path segment.
 * @example json(traceInfo(state, info[1]!));
 */
export function traceInfo(state: EmulatorState, encodedId: string): unknown {
  return { trace: { trace_info: serializeInfo(traceOr404(state, decodeURIComponent(encodedId))) } };
}

/**
 * `PATCH /api/3.0/mlflow/traces/{id}/tags` (SetTraceTagV3); `encodedId` is the raw path segment.
 * @example json(setTraceTag(state, tagRoute[1]!, jsonBody(request, false)));
 */
export function setTraceTag(state: EmulatorState, encodedId: string, body: Loose): unknown {
  if (typeof body.key !== 'string') throw missing('key');
  (traceOr404(state, decodeURIComponent(encodedId)).info.tags as Record<string, string>)[body.key] = String(body.value ?? '');
  return {};
}

/**
 * `DELETE /api/2.0/mlflow/traces/{id}/tags` (DeleteTraceTag); `encodedId` is the raw path segment.
 * @example json(deleteTraceTag(state, tags[1]!, jsonBody(request, false)));
 */
export function deleteTraceTag(state: EmulatorState, encodedId: string, body: Loose): unknown {
  // DELETE parameters come from a JSON body only: a query string leaves `key` missing.
  if (typeof body.key !== 'string') throw missing('key');
  const trace = traceOr404(state, decodeURIComponent(encodedId));
  delete (trace.info.tags as Record<string, string>)[body.key];
  return {};
}
