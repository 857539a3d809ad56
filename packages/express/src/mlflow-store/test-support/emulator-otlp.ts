// Test-only: the emulator's OTLP span ingest (`POST /v1/traces`, MLflow's FastAPI app): protobuf
// bodies decoded by otlp-decode.ts, stored all or nothing, and the trace state re-derived from
// the root span as 3.6 does.
import { HttpProblem, notFoundHtml } from './emulator-http';
import { storeOtlpSpan } from './emulator-spans';
import type { StoredSpan } from './emulator-spans';
import { experimentOr404 } from './emulator-state';
import type { EmulatorState, SeenRequest } from './emulator-state';
import { newTraceRow } from './emulator-traces';
import { decodeExportTraceRequest } from './otlp-decode';

function stateOfRoot(spans: Iterable<StoredSpan>): string {
  for (const span of spans) {
    if (span.parent_span_id !== null) continue;
    return span.status.code === 'STATUS_CODE_ERROR' ? 'ERROR' : 'OK';
  }
  return 'IN_PROGRESS';
}

/**
 * `POST /v1/traces`: answers as `state.spanIngest` says (404 without the FastAPI app, 501 on a FileStore).
 * @example if (path === '/v1/traces') return logSpans(state, request);
 */
export function logSpans(state: EmulatorState, request: SeenRequest): { status: number; body: Buffer; type: string } {
  if (state.spanIngest === 'flask-only') throw notFoundHtml();
  if (state.spanIngest === 'filestore') throw new HttpProblem(501, { detail: 'REST OTLP span logging is not supported by FileStore' });
  const type = String(request.headers['content-type'] ?? '');
  if (type !== 'application/x-protobuf') throw new HttpProblem(400, { detail: `Invalid Content-Type: ${type}. Expected: application/x-protobuf` });
  const experimentId = request.headers['x-mlflow-experiment-id'];
  if (typeof experimentId !== 'string') {
    throw new HttpProblem(422, { detail: [{ type: 'missing', loc: ['header', 'x-mlflow-experiment-id'], msg: 'Field required', input: null }] });
  }
  let decoded: ReturnType<typeof decodeExportTraceRequest>;
  try {
    decoded = decodeExportTraceRequest(request.body);
  } catch {
    throw new HttpProblem(400, { detail: 'Invalid OpenTelemetry protobuf format' });
  }
  if (decoded.resourceSpans === 0) throw new HttpProblem(400, { detail: 'No resource_spans in request' });
  const experiment = experimentOr404(state, experimentId);
  // All or nothing: check every span before storing one.
  for (const span of decoded.spans) {
    if (span.traceId.length !== 32 || span.spanId.length !== 16) throw new HttpProblem(422, { detail: 'Span has an empty or malformed trace_id/span_id' });
  }
  for (const span of decoded.spans) {
    const requestId = span.attributes['mlflow.traceRequestId'];
    let traceId = `tr-${span.traceId}`;
    if (typeof requestId === 'string' && requestId !== '') traceId = requestId.startsWith('"') ? (JSON.parse(requestId) as string) : requestId;
    const trace = state.traces.get(traceId) ?? newTraceRow(traceId, experiment.experiment_id, experiment.artifact_location);
    trace.spans.set(span.spanId, storeOtlpSpan({ ...span, attributes: { ...span.attributes, 'mlflow.traceRequestId': traceId } }));
    const tags = trace.info.tags as Record<string, string>;
    tags['mlflow.trace.spansLocation'] = 'TRACKING_STORE';
    // 3.6 has no "info finalized" flag: spans arriving after StartTraceV3 re-derive the state.
    trace.info.state = stateOfRoot(trace.spans.values());
    state.traces.set(traceId, trace);
  }
  return { status: 200, body: Buffer.alloc(0), type: 'application/x-protobuf' };
}
