// Test-only: what the MLflow emulator keeps in memory, shared by its route modules, and the
// lookups that answer MLflow's own 404s for missing experiments and traces.
import type { IncomingMessage } from 'node:http';
import type { StoredSpan } from './emulator-spans';
import { mlflowError } from './emulator-http';

/** A JSON object as the emulator reads it off the wire: shape checks happen where fields are used. */
export type Loose = Record<string, unknown>;

/**
 * One request as the emulator saw it.
 * @example const isCreate = (request: SeenRequest) => request.method === 'POST';
 */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * One experiment as the emulator keeps it (and answers it, field for field).
 * @example const experiment: StoredExperiment = { experiment_id: '1', name: 'x', artifact_location: 'mlflow-artifacts:/1', lifecycle_stage: 'active' };
 */
export interface StoredExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: string;
  /** Experiment tags; absent while there are none, as MLflow omits an empty repeated field. */
  tags?: Array<{ key: string; value: string }>;
}

/**
 * One trace as the emulator keeps it.
 * @example const trace = emulator.state.traces.get('tr-…'); trace?.assessments.length;
 */
export interface StoredTrace {
  info: Loose;
  assessments: Loose[];
  spans: Map<string, StoredSpan>;
  experimentId: string;
  /** The state the last StartTraceV3 declared (undefined: never called). */
  declaredState?: string;
}

/**
 * One run as the emulator keeps it.
 * @example const run = emulator.state.runs.get(runId); run?.metrics.length;
 */
export interface StoredRun {
  info: Loose;
  tags: Array<{ key: string; value: string }>;
  metrics: Array<{ key: string; value: number; timestamp: number; step: number }>;
  /** Trace ids linked with `traces/link-to-run`. */
  traces: Set<string>;
}

/**
 * Everything one emulator holds, passed to each route function.
 * @example const state = emulatorState('otlp'); createExperiment(state, { name: 'x' });
 */
export interface EmulatorState {
  /** How `/v1/traces` behaves (see `MlflowEmulatorOptions.spanIngest`). */
  spanIngest: 'otlp' | 'flask-only' | 'filestore';
  experiments: Map<string, StoredExperiment>;
  traces: Map<string, StoredTrace>;
  runs: Map<string, StoredRun>;
  artifacts: Map<string, Buffer>;
  /** PATCHes whose update_mask MLflow's parser would have dropped, changing nothing. */
  ignoredUpdateMasks: string[];
  /** The id the next created experiment gets. */
  nextExperiment: number;
  /** `--default-artifact-root`; anything but `mlflow-artifacts:/` also turns the artifacts proxy off (503, as `--no-serve-artifacts`). */
  artifactRoot: string;
}

/**
 * An empty emulator state.
 * @example const state = emulatorState('otlp');
 */
export function emulatorState(spanIngest: EmulatorState['spanIngest'], artifactRoot = 'mlflow-artifacts:/'): EmulatorState {
  return { spanIngest, experiments: new Map(), traces: new Map(), runs: new Map(), artifacts: new Map(), ignoredUpdateMasks: [], nextExperiment: 1, artifactRoot };
}

/**
 * The experiment `id` names, or MLflow's 400 (not a number) / 404 (unknown).
 * @example const experiment = experimentOr404(state, body.experiment_id);
 */
export function experimentOr404(state: EmulatorState, id: unknown): StoredExperiment {
  if (typeof id !== 'string' || !/^\d+$/.test(id)) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid experiment ID: ${String(id)}`);
  const experiment = state.experiments.get(id);
  if (experiment === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${id} exists`);
  return experiment;
}

/**
 * The trace `id` names, or MLflow's 404.
 * @example const trace = traceOr404(state, 'tr-…');
 */
export function traceOr404(state: EmulatorState, id: string): StoredTrace {
  const trace = state.traces.get(id);
  if (trace === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Trace with ID '${id}' not found.`);
  return trace;
}
