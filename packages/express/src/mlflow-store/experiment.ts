import { MlflowHttpError } from './http-client';
import type { MlflowHttp } from './http-client';

/** An MLflow experiment: its id and where its artifacts live. */
export interface Experiment {
  id: string;
  artifactLocation: string;
}

function readExperiment(json: unknown): Experiment {
  const experiment = (json as { experiment?: { experiment_id?: unknown; artifact_location?: unknown } }).experiment;
  return { id: String(experiment?.experiment_id), artifactLocation: String(experiment?.artifact_location ?? '') };
}

/**
 * Finds the experiment by id, or by name (creating it when missing; a replica racing us to
 * create it is fine: we read it back by name).
 * @example await resolveExperiment(http, { name: 'chat-app' })
 */
export async function resolveExperiment(http: MlflowHttp, wanted: { id?: string | undefined; name?: string | undefined }): Promise<Experiment> {
  if (wanted.id !== undefined) {
    const response = await http.request({ method: 'GET', path: '/api/2.0/mlflow/experiments/get', query: { experiment_id: wanted.id } });
    return readExperiment(response.json);
  }
  const name = wanted.name ?? '';
  const byName = () => http.request({ method: 'GET', path: '/api/2.0/mlflow/experiments/get-by-name', query: { experiment_name: name } });
  try {
    return readExperiment((await byName()).json);
  } catch (error) {
    if (!(error instanceof MlflowHttpError && error.status === 404)) throw error;
  }
  try {
    await http.request({ method: 'POST', path: '/api/2.0/mlflow/experiments/create', json: { name } });
  } catch (error) {
    if (!(error instanceof MlflowHttpError && error.errorCode === 'RESOURCE_ALREADY_EXISTS')) throw error;
  }
  return readExperiment((await byName()).json);
}
