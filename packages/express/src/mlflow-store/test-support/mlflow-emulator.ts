// Test-only: an in-memory MLflow tracking server on 127.0.0.1 implementing just the REST
// endpoints mlflowStore uses, and rejecting what MLflow 3.6 rejects (per mlflow-rest.md and the
// recorded exchanges in ./recorded). It also records the traps a client can fall into that the
// real server does not refuse: traces left IN_PROGRESS with ended roots, and PATCHes whose
// update_mask was silently ignored.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { compare, parseFilter } from './emulator-filter';
import type { Clause } from './emulator-filter';
import { spanDictProblem, storeOtlpSpan, toProtoJson } from './emulator-spans';
import type { StoredSpan } from './emulator-spans';
import { decodeExportTraceRequest } from './otlp-decode';
import { HttpProblem, hex, missing, mlflowError, notFoundHtml } from './emulator-http';
import { datasetsApi } from './emulator-datasets';
import type { EmulatedDataset } from './emulator-datasets';

type Loose = Record<string, unknown>;

/**
 * What a fault hook may do with a request instead of serving it: answer with a status, never
 * answer (`hang`), cut the connection (`drop`), or act on it and then never answer
 * (`lose-response`, the case that makes retried creates dangerous).
 */
export type FaultAction = { status: number; body?: string; headers?: Record<string, string> } | 'hang' | 'drop' | 'lose-response';

/** One request as the emulator saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** Options of {@link startMlflowEmulator}. */
export interface MlflowEmulatorOptions {
  /** `GET /version`. @default '3.6.1.dev0' */
  version?: string;
  /** `otlp`: `/v1/traces` works; `flask-only`: 404 (no FastAPI app); `filestore`: 501. @default 'otlp' */
  spanIngest?: 'otlp' | 'flask-only' | 'filestore';
  /** Serve the evaluation-datasets API (`/api/3.0/mlflow/datasets/*`, SQL backend); off, those routes are Flask 404s. @default false */
  datasets?: boolean;
}

interface StoredTrace {
  info: Loose;
  assessments: Loose[];
  spans: Map<string, StoredSpan>;
  experimentId: string;
  /** The state the last StartTraceV3 declared (undefined: never called). */
  declaredState?: string;
}

interface StoredRun {
  info: Loose;
  tags: Array<{ key: string; value: string }>;
  metrics: Array<{ key: string; value: number; timestamp: number; step: number }>;
  /** Trace ids linked with `traces/link-to-run`. */
  traces: Set<string>;
}

function truncateMap(map: Record<string, string>, keyLimit: number, valueLimit: number): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key.slice(0, keyLimit), value.slice(0, valueLimit)]));
}

function stateOfRoot(spans: Iterable<StoredSpan>): string {
  for (const span of spans) {
    if (span.parent_span_id !== null) continue;
    return span.status.code === 'STATUS_CODE_ERROR' ? 'ERROR' : 'OK';
  }
  return 'IN_PROGRESS';
}

/** A running emulator. */
export interface MlflowEmulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request received, in order (cleared by `requests.length = 0`). */
  requests: SeenRequest[];
  /** Set to answer some requests with a fault instead (return undefined to serve normally). */
  fault: ((request: SeenRequest) => FaultAction | undefined) | undefined;
  /**
   * Trace ids MLflow shows IN_PROGRESS although no StartTraceV3 said so: spans sent without a
   * final StartTraceV3, or sent after it (3.6 then re-derives the state from the spans).
   */
  inProgressLeftBehind(): string[];
  /** PATCHes whose update_mask MLflow's parser would have dropped, changing nothing. */
  ignoredUpdateMasks: string[];
  /** The stored state, for assertions. */
  state: { traces: Map<string, StoredTrace>; runs: Map<string, StoredRun>; artifacts: Map<string, Buffer>; datasets: Map<string, EmulatedDataset> };
  /** Dataset fields MLflow would have dropped without a word (e.g. `tags` sent as an object, not a JSON string). */
  ignoredDatasetFields: string[];
  /** Stops listening (clients get connection refused); state is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts an MLflow REST emulator on an ephemeral port of 127.0.0.1.
 * @example const mlflow = await startMlflowEmulator(); const store = await mlflowStore({ trackingUri: mlflow.url, experimentName: 'x' });
 */
export async function startMlflowEmulator(options: MlflowEmulatorOptions = {}): Promise<MlflowEmulator> {
  const version = options.version ?? '3.6.1.dev0';
  const spanIngest = options.spanIngest ?? 'otlp';
  const experiments = new Map<string, { experiment_id: string; name: string; artifact_location: string; lifecycle_stage: string }>();
  const traces = new Map<string, StoredTrace>();
  const runs = new Map<string, StoredRun>();
  const artifacts = new Map<string, Buffer>();
  const ignoredUpdateMasks: string[] = [];
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let nextExperiment = 1;
  const datasetApi = datasetsApi((id) => experimentOr404(id));

  function experimentOr404(id: unknown): NonNullable<ReturnType<typeof experiments.get>> {
    if (typeof id !== 'string' || !/^\d+$/.test(id)) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid experiment ID: ${String(id)}`);
    const experiment = experiments.get(id);
    if (experiment === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${id} exists`);
    return experiment;
  }

  function traceOr404(id: string): StoredTrace {
    const trace = traces.get(id);
    if (trace === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Trace with ID '${id}' not found.`);
    return trace;
  }

  // What the server answers for a TraceInfo: metadata truncated to 250 chars, tags to 4096 (TraceInfo.to_proto).
  function serializeInfo(trace: StoredTrace): Loose {
    const info: Loose = { ...trace.info };
    info.trace_metadata = truncateMap((trace.info.trace_metadata ?? {}) as Record<string, string>, 250, 250);
    info.tags = truncateMap((trace.info.tags ?? {}) as Record<string, string>, 250, 4096);
    if (trace.assessments.length > 0) info.assessments = trace.assessments.map((assessment) => ({ ...assessment }));
    for (const key of ['request_preview', 'response_preview', 'client_request_id']) if (info[key] === '') delete info[key];
    return info;
  }

  function newTraceRow(traceId: string, experimentId: string, artifactLocation: string): StoredTrace {
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

  // ---- traces -------------------------------------------------------------------------------

  function startTrace(body: Loose): unknown {
    const trace = body.trace as Loose | undefined;
    if (trace === undefined) throw missing('trace');
    const info = (trace.trace_info ?? {}) as Loose;
    const location = info.trace_location as { mlflow_experiment?: { experiment_id?: unknown } } | undefined;
    const experiment = experimentOr404(location?.mlflow_experiment?.experiment_id ?? '0');
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
    const existing = traces.get(traceId) ?? newTraceRow(traceId, experiment.experiment_id, experiment.artifact_location);
    const oldTags = (existing.info.tags ?? {}) as Record<string, string>;
    const tags: Record<string, string> = { ...((info.tags ?? {}) as Record<string, string>) };
    // The upsert keeps the server's own tags; everything else is replaced by the new info.
    for (const key of ['mlflow.artifactLocation', 'mlflow.trace.spansLocation']) if (oldTags[key] !== undefined) tags[key] = oldTags[key];
    if (spanIngest === 'otlp') tags['mlflow.trace.spansLocation'] = 'TRACKING_STORE';
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
    traces.set(traceId, existing);
    return { trace: { trace_info: serializeInfo(existing) } };
  }

  function logSpans(request: SeenRequest): { status: number; body: Buffer; type: string } {
    if (spanIngest === 'flask-only') throw notFoundHtml();
    if (spanIngest === 'filestore') throw new HttpProblem(501, { detail: 'REST OTLP span logging is not supported by FileStore' });
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
    const experiment = experimentOr404(experimentId);
    // All or nothing: check every span before storing one.
    for (const span of decoded.spans) {
      if (span.traceId.length !== 32 || span.spanId.length !== 16) throw new HttpProblem(422, { detail: 'Span has an empty or malformed trace_id/span_id' });
    }
    for (const span of decoded.spans) {
      const requestId = span.attributes['mlflow.traceRequestId'];
      let traceId = `tr-${span.traceId}`;
      if (typeof requestId === 'string' && requestId !== '') traceId = requestId.startsWith('"') ? (JSON.parse(requestId) as string) : requestId;
      const trace = traces.get(traceId) ?? newTraceRow(traceId, experiment.experiment_id, experiment.artifact_location);
      trace.spans.set(span.spanId, storeOtlpSpan({ ...span, attributes: { ...span.attributes, 'mlflow.traceRequestId': traceId } }));
      const tags = trace.info.tags as Record<string, string>;
      tags['mlflow.trace.spansLocation'] = 'TRACKING_STORE';
      // 3.6 has no "info finalized" flag: spans arriving after StartTraceV3 re-derive the state.
      trace.info.state = stateOfRoot(trace.spans.values());
      traces.set(traceId, trace);
    }
    return { status: 200, body: Buffer.alloc(0), type: 'application/x-protobuf' };
  }

  function traceWithSpans(query: URLSearchParams): unknown {
    const traceId = query.get('trace_id');
    if (traceId === null) throw missing('trace_id');
    const trace = traceOr404(traceId);
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

  function matchesClause(trace: StoredTrace, clause: Clause): boolean {
    const info = trace.info;
    if (clause.kind === 'tag') return compare(((info.tags ?? {}) as Record<string, string>)[clause.key], clause);
    if (clause.kind === 'metadata') return compare(((info.trace_metadata ?? {}) as Record<string, string>)[clause.key], clause);
    if (clause.kind === 'feedback' || clause.kind === 'expectation') {
      return trace.assessments.some((assessment) => {
        if (assessment.valid === false || assessment.assessment_name !== clause.key || assessment[clause.kind] === undefined) return false;
        const value = (assessment[clause.kind] as Loose).value;
        return compare(typeof value === 'string' ? value : JSON.stringify(value), clause);
      });
    }
    switch (clause.key) {
      case 'timestamp_ms':
      case 'timestamp':
        return compare(Date.parse(String(info.request_time)), clause);
      case 'status':
        return compare(String(info.state), clause);
      case 'client_request_id':
        return compare(info.client_request_id === '' ? undefined : String(info.client_request_id), clause);
      case 'request_id':
        return compare(String(info.trace_id), clause);
      case 'name':
        return compare(((info.tags ?? {}) as Record<string, string>)['mlflow.traceName'], clause);
      default:
        throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid attribute key '${clause.key}' specified.`);
    }
  }

  function searchTraces(body: Loose): unknown {
    const locations = body.locations;
    if (!Array.isArray(locations) || locations.length === 0) throw missing('locations');
    const maxResults = body.max_results === undefined ? 100 : Number(body.max_results);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 500) {
      throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid value ${String(body.max_results)} for parameter 'max_results' supplied:  Hint: Value was of type 'int'. See the API docs for more information about request parameters.`);
    }
    const experimentIds = new Set(locations.map((location: Loose) => String((location.mlflow_experiment as Loose | undefined)?.experiment_id)));
    let clauses: Clause[];
    try {
      clauses = typeof body.filter === 'string' ? parseFilter(body.filter) : [];
    } catch (error) {
      throw mlflowError(400, 'INVALID_PARAMETER_VALUE', (error as Error).message);
    }
    const orderBy = Array.isArray(body.order_by) && body.order_by.length > 0 ? (body.order_by as string[]) : ['timestamp_ms DESC'];
    const keys = orderBy.map((entry) => {
      const [key = '', direction = 'ASC'] = entry.trim().split(/\s+/);
      if (!['timestamp_ms', 'timestamp', 'request_id'].includes(key)) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid order_by entity '${key}'`);
      return { key, sign: direction.toUpperCase() === 'DESC' ? -1 : 1 };
    });
    keys.push({ key: 'request_id', sign: 1 });
    const rows = [...traces.values()]
      .filter((trace) => experimentIds.has(trace.experimentId) && clauses.every((clause) => matchesClause(trace, clause)))
      .sort((a, b) => {
        for (const { key, sign } of keys) {
          const [x, y] = key === 'request_id' ? [String(a.info.trace_id), String(b.info.trace_id)] : [Date.parse(String(a.info.request_time)), Date.parse(String(b.info.request_time))];
          if (x !== y) return sign * (x < y ? -1 : 1);
        }
        return 0;
      });
    let offset = 0;
    if (typeof body.page_token === 'string' && body.page_token !== '') {
      try {
        offset = Number((JSON.parse(Buffer.from(body.page_token, 'base64').toString('utf8')) as { offset: number }).offset);
      } catch {
        throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Invalid page token');
      }
    }
    const page = rows.slice(offset, offset + maxResults);
    const out: Loose = { traces: page.map(serializeInfo) };
    if (offset + maxResults < rows.length) out.next_page_token = Buffer.from(JSON.stringify({ offset: offset + maxResults })).toString('base64');
    return out;
  }

  // ---- assessments --------------------------------------------------------------------------

  function createAssessment(traceId: string, body: Loose): unknown {
    const input = body.assessment as Loose | undefined;
    if (input === undefined) throw missing('assessment');
    const trace = traceOr404(traceId);
    const kinds = ['feedback', 'expectation', 'issue'].filter((kind) => input[kind] !== undefined);
    if (kinds.length === 0) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Unknown assessment type: None');
    if (kinds.length > 1) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Exactly one of feedback, expectation or issue must be set');
    if (input.span_id !== undefined && !/^[0-9a-f]{16}$/.test(String(input.span_id))) {
      throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `span_id '${String(input.span_id)}' is not 16 hex digits`);
    }
    const now = new Date().toISOString();
    const source = (input.source ?? { source_type: 'SOURCE_TYPE_UNSPECIFIED' }) as Loose;
    const row: Loose = {
      assessment_id: `a-${hex(16)}`,
      assessment_name: typeof input.assessment_name === 'string' ? input.assessment_name : '',
      trace_id: traceId,
      source,
      create_time: typeof input.create_time === 'string' ? input.create_time : now,
      last_update_time: typeof input.last_update_time === 'string' ? input.last_update_time : now,
      valid: true,
    };
    if (input.span_id !== undefined) row.span_id = input.span_id;
    if (input.metadata !== undefined) row.metadata = { ...(input.metadata as Loose) };
    if (input.feedback !== undefined) {
      const feedback = input.feedback as Loose;
      row.feedback = { value: feedback.value ?? null, ...(feedback.error === undefined ? {} : { error: feedback.error }) };
      if (input.rationale !== undefined) row.rationale = input.rationale;
      if (typeof input.overrides === 'string' && input.overrides !== '') {
        const old = trace.assessments.find((assessment) => assessment.assessment_id === input.overrides);
        if (old === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Assessment with ID '${input.overrides}' not found for trace '{trace_id}'`);
        old.valid = false;
        row.overrides = input.overrides;
      }
    } else if (input.expectation !== undefined) {
      // Rationale and overrides are dropped for expectations (Expectation.from_proto); non-primitives become serialized_value.
      const expectation = input.expectation as Loose;
      const value = expectation.value;
      row.expectation =
        expectation.serialized_value !== undefined
          ? { serialized_value: expectation.serialized_value }
          : typeof value === 'object' && value !== null
            ? { serialized_value: { serialization_format: 'JSON_FORMAT', value: JSON.stringify(value) } }
            : { value };
    } else {
      row.issue = input.issue;
    }
    trace.assessments.push(row);
    return { assessment: { ...row } };
  }

  function findAssessment(traceId: string, assessmentId: string): Loose {
    const trace = traces.get(traceId);
    if (trace === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Trace with request_id '${traceId}' not found`);
    const row = trace.assessments.find((assessment) => assessment.assessment_id === assessmentId);
    if (row === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Assessment with ID '${assessmentId}' not found for trace '${traceId}'`);
    return row;
  }

  function updateAssessment(traceId: string, assessmentId: string, body: Loose): unknown {
    if (body.assessment === undefined) throw missing('assessment');
    if (body.update_mask === undefined) throw missing('update_mask');
    const row = findAssessment(traceId, assessmentId);
    const input = body.assessment as Loose;
    row.last_update_time = new Date().toISOString();
    const mask = body.update_mask;
    // FieldMask JSON is one string of lowerCamelCase paths; anything else fails to parse and
    // MLflow swallows the error: nothing but last_update_time changes.
    if (typeof mask !== 'string' || /_/.test(mask)) {
      ignoredUpdateMasks.push(JSON.stringify(mask));
      return { assessment: { ...row } };
    }
    for (const path of mask.split(',').map((part) => part.trim())) {
      if (path === 'assessmentName') row.assessment_name = input.assessment_name;
      else if (path === 'feedback') {
        if (row.feedback === undefined) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Cannot update an expectation with a feedback');
        row.feedback = input.feedback;
      } else if (path === 'expectation') {
        if (row.expectation === undefined) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Cannot update a feedback with an expectation');
        row.expectation = input.expectation;
      } else if (path === 'rationale') row.rationale = input.rationale;
      else if (path === 'metadata') row.metadata = { ...(row.metadata as Loose | undefined), ...(input.metadata as Loose) };
      else if (path === 'valid') throw new HttpProblem(500, '<!doctype html>\n<title>500 Internal Server Error</title>\n', true);
    }
    return { assessment: { ...row } };
  }

  function deleteAssessment(traceId: string, assessmentId: string): unknown {
    const trace = traces.get(traceId);
    const row = trace?.assessments.find((assessment) => assessment.assessment_id === assessmentId);
    if (trace === undefined || row === undefined) return {};
    trace.assessments = trace.assessments.filter((assessment) => assessment !== row);
    // Deleting an override makes the assessment it replaced valid again.
    if (typeof row.overrides === 'string') {
      const old = trace.assessments.find((assessment) => assessment.assessment_id === row.overrides);
      if (old !== undefined) old.valid = true;
    }
    return {};
  }

  // ---- experiments, runs, artifacts ----------------------------------------------------------

  function createExperiment(body: Loose): unknown {
    const name = body.name;
    if (typeof name !== 'string' || name === '') throw missing('name');
    if ([...experiments.values()].some((experiment) => experiment.name === name)) {
      throw mlflowError(400, 'RESOURCE_ALREADY_EXISTS', `Experiment(name=${name}) already exists.`);
    }
    const id = String(nextExperiment++);
    experiments.set(id, { experiment_id: id, name, artifact_location: `mlflow-artifacts:/${id}`, lifecycle_stage: 'active' });
    return { experiment_id: id };
  }

  function serializeRun(run: StoredRun): unknown {
    return { info: { ...run.info }, data: { tags: run.tags.map((tag) => ({ ...tag })) } };
  }

  function createRun(body: Loose): unknown {
    const experiment = experimentOr404(String(body.experiment_id ?? ''));
    const runId = hex(16);
    const tags = Array.isArray(body.tags) ? (body.tags as Array<{ key: string; value: string }>) : [];
    if (!tags.every((tag) => typeof tag.key === 'string' && typeof tag.value === 'string')) {
      throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Run tags must be a list of {key, value}');
    }
    const run: StoredRun = {
      info: {
        run_id: runId,
        run_uuid: runId,
        experiment_id: experiment.experiment_id,
        run_name: body.run_name ?? '',
        status: 'RUNNING',
        start_time: Number(body.start_time ?? Date.now()),
        artifact_uri: `${experiment.artifact_location}/${runId}/artifacts`,
        lifecycle_stage: 'active',
      },
      tags: tags.map((tag) => ({ key: tag.key, value: tag.value })),
      metrics: [],
      traces: new Set(),
    };
    runs.set(runId, run);
    return { run: serializeRun(run) };
  }

  function searchRuns(body: Loose): unknown {
    const ids = new Set((Array.isArray(body.experiment_ids) ? body.experiment_ids : []).map(String));
    let clauses: Clause[];
    try {
      clauses = typeof body.filter === 'string' ? parseFilter(body.filter) : [];
    } catch (error) {
      throw mlflowError(400, 'INVALID_PARAMETER_VALUE', (error as Error).message);
    }
    const rows = [...runs.values()]
      .filter((run) => ids.has(String(run.info.experiment_id)) && run.info.lifecycle_stage === 'active')
      .filter((run) => clauses.every((clause) => clause.kind === 'tag' && compare(run.tags.find((tag) => tag.key === clause.key)?.value, clause)))
      .sort((a, b) => Number(a.info.start_time) - Number(b.info.start_time));
    return rows.length === 0 ? {} : { runs: rows.map(serializeRun) };
  }

  function runOr404(id: unknown): StoredRun {
    const run = runs.get(String(id));
    if (run === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Run with id=${String(id)} not found`);
    return run;
  }

  function logBatch(body: Loose): unknown {
    if (body.run_id === undefined) throw missing('run_id');
    const run = runOr404(body.run_id);
    const metrics = Array.isArray(body.metrics) ? (body.metrics as Loose[]) : [];
    if (metrics.length > 1000) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'A batch logging request can contain at most 1000 metrics');
    for (const metric of metrics) {
      if (typeof metric.key !== 'string' || !/^[A-Za-z0-9_\-. /]+$/.test(metric.key)) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid metric name: '${String(metric.key)}'`);
      if (typeof metric.value !== 'number' || typeof metric.timestamp !== 'number') throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid value for metric '${metric.key}'`);
    }
    for (const metric of metrics) {
      run.metrics.push({ key: metric.key as string, value: metric.value as number, timestamp: metric.timestamp as number, step: Number(metric.step ?? 0) });
    }
    return {};
  }

  function updateRun(body: Loose): unknown {
    const run = runOr404(body.run_id);
    if (body.status !== undefined) {
      if (!['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'].includes(String(body.status))) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid run status ${String(body.status)}`);
      run.info.status = body.status;
    }
    if (body.end_time !== undefined) run.info.end_time = body.end_time;
    return { run_info: { ...run.info } };
  }

  function linkTracesToRun(body: Loose): unknown {
    if (!Array.isArray(body.trace_ids)) throw missing('trace_ids');
    if (body.run_id === undefined) throw missing('run_id');
    if (body.trace_ids.length > 100) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Cannot link more than 100 traces to a run in a single request');
    const run = runOr404(body.run_id);
    // Unknown trace ids are skipped, as the SQL store does.
    for (const id of body.trace_ids as string[]) if (traces.has(id)) run.traces.add(id);
    return {};
  }

  function putArtifact(path: string, body: Buffer): unknown {
    if (path.endsWith('/traces.json')) {
      let spans: unknown;
      try {
        spans = (JSON.parse(body.toString('utf8')) as { spans?: unknown }).spans;
      } catch {
        throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'traces.json is not JSON');
      }
      if (!Array.isArray(spans)) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'traces.json has no spans list');
      // MLflow stores any bytes here, but its readers (Span.from_dict) then refuse the trace: fail at the source instead.
      for (const span of spans) {
        const problem = spanDictProblem(span);
        if (problem !== undefined) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `traces.json: ${problem}`);
      }
    }
    artifacts.set(path, body);
    return {};
  }

  // ---- routing ------------------------------------------------------------------------------

  function jsonBody(request: SeenRequest, requireType: boolean): Loose {
    if (requireType && !String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      throw mlflowError(400, 'INVALID_PARAMETER_VALUE', "Bad Request. Content-Type must be one of ['application/json']");
    }
    if (request.body.length === 0) return {};
    try {
      return JSON.parse(request.body.toString('utf8')) as Loose;
    } catch {
      throw mlflowError(400, 'MALFORMED_REQUEST', 'Malformed JSON');
    }
  }

  function route(request: SeenRequest): { status: number; body: Buffer | string; type: string } {
    const { method, path, query } = request;
    const json = (value: unknown) => ({ status: 200, body: JSON.stringify(value), type: 'application/json' });
    const post = () => jsonBody(request, true);
    if (method === 'GET' && path === '/version') return { status: 200, body: version, type: 'text/html; charset=utf-8' };
    if (method === 'GET' && path === '/health') return { status: 200, body: 'OK', type: 'text/html; charset=utf-8' };
    if (path === '/v1/traces') {
      if (method !== 'POST') throw notFoundHtml();
      return logSpans(request);
    }
    if (path.startsWith('/api/2.0/mlflow-artifacts/artifacts/')) {
      const key = path.slice('/api/2.0/mlflow-artifacts/artifacts/'.length);
      if (method === 'PUT') return json(putArtifact(key, request.body));
      if (method === 'GET') {
        const stored = artifacts.get(key);
        if (stored === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `File not found: ${key}`);
        return { status: 200, body: stored, type: 'application/octet-stream' };
      }
    }
    const api = /^\/(?:api|ajax-api)\/([23])\.0\/mlflow(\/.*)$/.exec(path);
    if (api === null) throw notFoundHtml();
    const [, major, rest = ''] = api;
    if (major === '2') {
      if (method === 'GET' && rest === '/experiments/get') return json({ experiment: experimentOr404(query.get('experiment_id') ?? '') });
      if (method === 'GET' && rest === '/experiments/get-by-name') {
        const name = query.get('experiment_name');
        if (name === null) throw missing('experiment_name');
        const experiment = [...experiments.values()].find((entry) => entry.name === name);
        if (experiment === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name '${name}'`);
        return json({ experiment });
      }
      if (method === 'POST' && rest === '/experiments/create') return json(createExperiment(post()));
      if (method === 'POST' && rest === '/runs/create') return json(createRun(post()));
      if (method === 'POST' && rest === '/runs/search') return json(searchRuns(post()));
      if (method === 'POST' && rest === '/runs/log-batch') return json(logBatch(post()));
      if (method === 'POST' && rest === '/runs/update') return json(updateRun(post()));
      if (method === 'POST' && rest === '/runs/set-tag') {
        const body = post();
        if (typeof body.key !== 'string' || body.key === '') throw missing('key');
        const run = runOr404(body.run_id);
        run.tags = [...run.tags.filter((tag) => tag.key !== body.key), { key: body.key, value: String(body.value ?? '') }];
        return json({});
      }
      if (method === 'POST' && rest === '/traces/link-to-run') return json(linkTracesToRun(post()));
      if (method === 'POST' && rest === '/runs/delete') {
        const run = runs.get(String(post().run_id));
        if (run === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', 'Run not found');
        run.info.lifecycle_stage = 'deleted';
        return json({});
      }
      const tags = /^\/traces\/([^/]+)\/tags$/.exec(rest);
      if (tags !== null && method === 'DELETE') {
        // DELETE parameters come from a JSON body only: a query string leaves `key` missing.
        const body = jsonBody(request, false);
        if (typeof body.key !== 'string') throw missing('key');
        const trace = traceOr404(decodeURIComponent(tags[1]!));
        delete (trace.info.tags as Record<string, string>)[body.key];
        return json({});
      }
      throw notFoundHtml();
    }
    if (rest.startsWith('/datasets/')) {
      const answer = options.datasets === true ? datasetApi.route({ method, rest, query, body: (requireType) => jsonBody(request, requireType) }) : undefined;
      if (answer === undefined) throw notFoundHtml();
      return json(answer);
    }
    if (method === 'POST' && rest === '/traces') return json(startTrace(post()));
    if (method === 'GET' && rest === '/traces') throw new HttpProblem(405, '<!doctype html>\n<title>405 Method Not Allowed</title>\n', true);
    if (method === 'POST' && rest === '/traces/search') return json(searchTraces(post()));
    if (method === 'GET' && rest === '/traces/get') return json(traceWithSpans(query));
    const tagRoute = /^\/traces\/([^/]+)\/tags$/.exec(rest);
    if (tagRoute !== null && method === 'PATCH') {
      const body = jsonBody(request, false);
      if (typeof body.key !== 'string') throw missing('key');
      (traceOr404(decodeURIComponent(tagRoute[1]!)).info.tags as Record<string, string>)[body.key] = String(body.value ?? '');
      return json({});
    }
    // DeleteTraceTagV3 answers 500 at 3.6.1 (recorded): the v2 route is the one that works.
    if (tagRoute !== null && method === 'DELETE') throw new HttpProblem(500, '<!doctype html>\n<title>500 Internal Server Error</title>\n', true);
    const assessments = /^\/traces\/([^/]+)\/assessments$/.exec(rest);
    if (assessments !== null) {
      if (method !== 'POST') throw new HttpProblem(405, '<!doctype html>\n<title>405 Method Not Allowed</title>\n', true);
      return json(createAssessment(decodeURIComponent(assessments[1]!), post()));
    }
    const one = /^\/traces\/([^/]+)\/assessments\/([^/]+)$/.exec(rest);
    if (one !== null) {
      const [traceId, assessmentId] = [decodeURIComponent(one[1]!), decodeURIComponent(one[2]!)];
      if (method === 'GET') return json({ assessment: { ...findAssessment(traceId, assessmentId) } });
      if (method === 'PATCH') return json(updateAssessment(traceId, assessmentId, jsonBody(request, false)));
      if (method === 'DELETE') return json(deleteAssessment(traceId, assessmentId));
    }
    const info = /^\/traces\/([^/]+)$/.exec(rest);
    if (info !== null && method === 'GET') return json({ trace: { trace_info: serializeInfo(traceOr404(decodeURIComponent(info[1]!))) } });
    throw notFoundHtml();
  }

  let fault: MlflowEmulator['fault'];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks) };
    requests.push(seen);
    const action = fault?.(seen);
    if (action === 'hang') return;
    if (action === 'lose-response') {
      try {
        route(seen);
      } catch {
        // the client never learns either way
      }
      return;
    }
    if (action === 'drop') {
      req.socket.destroy();
      return;
    }
    if (action !== undefined) {
      res.writeHead(action.status, { 'Content-Type': 'application/json', ...action.headers });
      res.end(action.body ?? JSON.stringify({ error_code: 'INTERNAL_ERROR', message: 'injected fault' }));
      return;
    }
    try {
      const answer = route(seen);
      res.writeHead(answer.status, { 'Content-Type': answer.type });
      res.end(answer.body);
    } catch (error) {
      if (error instanceof HttpProblem) {
        res.writeHead(error.status, { 'Content-Type': error.html ? 'text/html; charset=utf-8' : 'application/json' });
        res.end(typeof error.body === 'string' ? error.body : JSON.stringify(error.body));
      } else {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error_code: 'INTERNAL_ERROR', message: String(error) }));
      }
    }
  }

  let server: Server | undefined;
  let port = 0;

  async function listen(): Promise<void> {
    const next = createServer((req, res) => void handle(req, res));
    next.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  }

  async function stop(): Promise<void> {
    const current = server;
    server = undefined;
    if (current === undefined) return;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get fault() {
      return fault;
    },
    set fault(value) {
      fault = value;
    },
    inProgressLeftBehind: () =>
      [...traces.values()]
        .filter((trace) => trace.info.state === 'IN_PROGRESS' && trace.declaredState !== 'IN_PROGRESS')
        .map((trace) => String(trace.info.trace_id)),
    ignoredUpdateMasks,
    state: { traces, runs, artifacts, datasets: datasetApi.datasets },
    ignoredDatasetFields: datasetApi.ignoredFields,
    stop,
    start: listen,
    close: stop,
  };
}
