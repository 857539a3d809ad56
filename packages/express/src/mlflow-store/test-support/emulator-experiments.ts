// Test-only: the emulator's experiment routes (`/api/2.0/mlflow/experiments/*`): create, get by id,
// get by name, set and delete a tag. Ids are consecutive numbers, as on MLflow's SQL store.
import { missing, mlflowError } from './emulator-http';
import { experimentOr404 } from './emulator-state';
import type { EmulatorState, Loose, StoredExperiment } from './emulator-state';

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
  state.experiments.set(id, { experiment_id: id, name, artifact_location: `${state.artifactRoot.replace(/\/+$/, '')}/${id}`, lifecycle_stage: 'active' });
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

// MLflow's limits (mlflow/utils/validation.py) and its tag-key character rule.
const MAX_TAG_KEY = 250;
const MAX_TAG_VALUE = 5000;
const TAG_KEY = /^[\w\-. /]+$/;

function activeExperiment(state: EmulatorState, id: unknown): StoredExperiment {
  const experiment = experimentOr404(state, id);
  if (experiment.lifecycle_stage !== 'active') {
    throw mlflowError(400, 'INVALID_STATE', `The experiment ${experiment.experiment_id} must be in the 'active' state.`);
  }
  return experiment;
}

function tagKey(body: Loose): string {
  const key = body.key;
  if (typeof key !== 'string' || key === '') throw missing('key');
  if (key.length > MAX_TAG_KEY) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Tag key '${key.slice(0, 40)}…' had length ${key.length}, which exceeded length limit of ${MAX_TAG_KEY}`);
  if (!TAG_KEY.test(key)) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid tag name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).`);
  return key;
}

/**
 * `POST …/experiments/set-experiment-tag {experiment_id, key, value}`: upserts one tag.
 * @example json(setExperimentTag(state, { experiment_id: '1', key: 'k', value: 'v' })); // {}
 */
export function setExperimentTag(state: EmulatorState, body: Loose): unknown {
  const experiment = activeExperiment(state, body.experiment_id);
  const key = tagKey(body);
  const value = typeof body.value === 'string' ? body.value : '';
  if (value.length > MAX_TAG_VALUE) {
    throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Tag value '${value.slice(0, 40)}…' had length ${value.length}, which exceeded length limit of ${MAX_TAG_VALUE}`);
  }
  const tags = (experiment.tags ??= []);
  const existing = tags.find((tag) => tag.key === key);
  if (existing === undefined) tags.push({ key, value });
  else existing.value = value;
  return {};
}

/**
 * `POST …/experiments/delete-experiment-tag {experiment_id, key}`: 404 for a tag that is not there.
 * @example json(deleteExperimentTag(state, { experiment_id: '1', key: 'k' })); // {}
 */
export function deleteExperimentTag(state: EmulatorState, body: Loose): unknown {
  const experiment = activeExperiment(state, body.experiment_id);
  const key = tagKey(body);
  const index = experiment.tags?.findIndex((tag) => tag.key === key) ?? -1;
  if (index < 0) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `No tag with name: ${key} in experiment with id ${experiment.experiment_id}`);
  experiment.tags?.splice(index, 1);
  if (experiment.tags?.length === 0) delete experiment.tags;
  return {};
}
