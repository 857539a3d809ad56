// Test-only: the emulator's run routes (`/api/2.0/mlflow/runs/*` and `traces/link-to-run`), which
// the document collections are kept in: create, search by tag, log-batch metrics, update, set-tag,
// delete, and trace links.
import { compare, parseFilter } from './emulator-filter';
import type { Clause } from './emulator-filter';
import { hex, missing, mlflowError } from './emulator-http';
import { experimentOr404 } from './emulator-state';
import type { EmulatorState, Loose, StoredRun } from './emulator-state';

function serializeRun(run: StoredRun): unknown {
  return { info: { ...run.info }, data: { tags: run.tags.map((tag) => ({ ...tag })) } };
}

function runOr404(state: EmulatorState, id: unknown): StoredRun {
  const run = state.runs.get(String(id));
  if (run === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Run with id=${String(id)} not found`);
  return run;
}

/**
 * `POST …/runs/create`.
 * @example json(createRun(state, { experiment_id: '1', tags: [{ key: 'k', value: 'v' }] }));
 */
export function createRun(state: EmulatorState, body: Loose): unknown {
  const experiment = experimentOr404(state, String(body.experiment_id ?? ''));
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
  state.runs.set(runId, run);
  return { run: serializeRun(run) };
}

/**
 * `POST …/runs/search`: active runs of the given experiments, filtered by tag clauses only, oldest first.
 * @example json(searchRuns(state, { experiment_ids: ['1'], filter: "tags.kind = 'doc'" }));
 */
export function searchRuns(state: EmulatorState, body: Loose): unknown {
  const ids = new Set((Array.isArray(body.experiment_ids) ? body.experiment_ids : []).map(String));
  let clauses: Clause[];
  try {
    clauses = typeof body.filter === 'string' ? parseFilter(body.filter) : [];
  } catch (error) {
    throw mlflowError(400, 'INVALID_PARAMETER_VALUE', (error as Error).message);
  }
  const rows = [...state.runs.values()]
    .filter((run) => ids.has(String(run.info.experiment_id)) && run.info.lifecycle_stage === 'active')
    .filter((run) => clauses.every((clause) => clause.kind === 'tag' && compare(run.tags.find((tag) => tag.key === clause.key)?.value, clause)))
    .sort((a, b) => Number(a.info.start_time) - Number(b.info.start_time));
  return rows.length === 0 ? {} : { runs: rows.map(serializeRun) };
}

/**
 * `POST …/runs/log-batch` (metrics only; all checked before any is stored).
 * @example json(logBatch(state, { run_id, metrics: [{ key: 'n', value: 1, timestamp: 0 }] }));
 */
export function logBatch(state: EmulatorState, body: Loose): unknown {
  if (body.run_id === undefined) throw missing('run_id');
  const run = runOr404(state, body.run_id);
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

/**
 * `POST …/runs/update`: status and end time.
 * @example json(updateRun(state, { run_id, status: 'FINISHED', end_time: Date.now() }));
 */
export function updateRun(state: EmulatorState, body: Loose): unknown {
  const run = runOr404(state, body.run_id);
  if (body.status !== undefined) {
    if (!['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'].includes(String(body.status))) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid run status ${String(body.status)}`);
    run.info.status = body.status;
  }
  if (body.end_time !== undefined) run.info.end_time = body.end_time;
  return { run_info: { ...run.info } };
}

/**
 * `POST …/runs/set-tag`: replaces the tag of that key.
 * @example json(setRunTag(state, { run_id, key: 'k', value: 'v' }));
 */
export function setRunTag(state: EmulatorState, body: Loose): unknown {
  if (typeof body.key !== 'string' || body.key === '') throw missing('key');
  const run = runOr404(state, body.run_id);
  run.tags = [...run.tags.filter((tag) => tag.key !== body.key), { key: body.key, value: String(body.value ?? '') }];
  return {};
}

/**
 * `POST …/runs/delete`: marks the run deleted (searches skip it).
 * @example json(deleteRun(state, { run_id }));
 */
export function deleteRun(state: EmulatorState, body: Loose): unknown {
  const run = state.runs.get(String(body.run_id));
  if (run === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', 'Run not found');
  run.info.lifecycle_stage = 'deleted';
  return {};
}

/**
 * `POST …/traces/link-to-run`: at most 100 trace ids; unknown ones are skipped.
 * @example json(linkTracesToRun(state, { run_id, trace_ids: ['tr-…'] }));
 */
export function linkTracesToRun(state: EmulatorState, body: Loose): unknown {
  if (!Array.isArray(body.trace_ids)) throw missing('trace_ids');
  if (body.run_id === undefined) throw missing('run_id');
  if (body.trace_ids.length > 100) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Cannot link more than 100 traces to a run in a single request');
  const run = runOr404(state, body.run_id);
  // Unknown trace ids are skipped, as the SQL store does.
  for (const id of body.trace_ids as string[]) if (state.traces.has(id)) run.traces.add(id);
  return {};
}
