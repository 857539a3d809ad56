// Test-only: the emulator's experiment routes (`/api/2.0/mlflow/experiments/*`): create, get by id,
// get by name. Ids are consecutive numbers, as on MLflow's SQL store.
import { missing, mlflowError } from './emulator-http';
import { experimentOr404 } from './emulator-state';
import type { EmulatorState, Loose } from './emulator-state';

/**
 * `POST …/experiments/create`: names are unique.
 * @example json(createExperiment(state, { name: 'verdict' })); // { experiment_id: '1' }
 */
export function createExperiment(state: EmulatorState, body: Loose): unknown {
  const name = body.name;
  if (typeof name !== 'string' || name === '') throw missing('name');
  if ([...state.experiments.values()].some((experiment) => experiment.name === name)) {
    throw mlflowError(400, 'RESOURCE_ALREADY_EXISTS', `Experiment(name=${name}) already exists.`);
  }
  const id = String(state.nextExperiment++);
  state.experiments.set(id, { experiment_id: id, name, artifact_location: `mlflow-artifacts:/${id}`, lifecycle_stage: 'active' });
  return { experiment_id: id };
}

/**
 * `GET …/experiments/get?experiment_id=`.
 * @example json(getExperiment(state, query));
 */
export function getExperiment(state: EmulatorState, query: URLSearchParams): unknown {
  return { experiment: experimentOr404(state, query.get('experiment_id') ?? '') };
}

/**
 * `GET …/experiments/get-by-name?experiment_name=`.
 * @example json(getExperimentByName(state, query));
 */
export function getExperimentByName(state: EmulatorState, query: URLSearchParams): unknown {
  const name = query.get('experiment_name');
  if (name === null) throw missing('experiment_name');
  const experiment = [...state.experiments.values()].find((entry) => entry.name === name);
  if (experiment === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name '${name}'`);
  return { experiment };
}
