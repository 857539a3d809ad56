import { MlflowHttpError } from './http-client';
import type { MlflowHttp } from './http-client';

/** What the MLflow server offers, found at start. */
export interface MlflowCapabilities {
  /** `GET /version`, or `unknown`. */
  version: string;
  /** `POST /v1/traces` (OTLP protobuf; MLflow ≥ 3.4 on the default server with a SQL backend). */
  otlp: boolean;
  /** `/api/3.0/mlflow/datasets/*` (evaluation datasets, SQL backend). */
  datasets: boolean;
  /** `/api/3.0/mlflow/label-schemas/*` (OSS label schemas, later than 3.11). */
  labelSchemas: boolean;
  /** `/api/3.0/mlflow/review-queues/*` (OSS review queues, 3.14+). */
  reviewQueues: boolean;
  /** Set to false (for good) when MLflow answers 400 to a `feedback.`/`expectation.` search clause; not probed at start. */
  assessmentFilters?: boolean;
}

// Present = anything but a 404/405/501: a 400 for our empty probe still proves the route exists.
async function probe(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (error instanceof MlflowHttpError) return ![404, 405, 501].includes(error.status);
    throw error;
  }
}

/**
 * Probes the server once: its version, OTLP ingest (an empty protobuf body: 400 means "there"),
 * datasets, label schemas and review queues. Network failures propagate (the server is down).
 * @example const caps = await detectCapabilities(http, '1'); caps.otlp // true on MLflow ≥ 3.4
 */
export async function detectCapabilities(http: MlflowHttp, experimentId: string): Promise<MlflowCapabilities> {
  let version = 'unknown';
  try {
    const response = await http.request({ method: 'GET', path: '/version' });
    version = response.text.trim().slice(0, 40) || 'unknown';
  } catch (error) {
    if (!(error instanceof MlflowHttpError)) throw error;
  }
  const otlp = await probe(() =>
    http.request({
      method: 'POST',
      path: '/v1/traces',
      body: new Uint8Array(0),
      headers: { 'Content-Type': 'application/x-protobuf', 'x-mlflow-experiment-id': experimentId },
    }),
  );
  const datasets = await probe(() =>
    http.request({ method: 'POST', path: '/api/3.0/mlflow/datasets/search', json: { experiment_ids: [experimentId], max_results: 1 } }),
  );
  const labelSchemas = await probe(() =>
    http.request({ method: 'GET', path: '/api/3.0/mlflow/label-schemas/list', query: { experiment_id: experimentId, max_results: 1 } }),
  );
  const reviewQueues = await probe(() =>
    http.request({ method: 'GET', path: '/api/3.0/mlflow/review-queues/list', query: { experiment_id: experimentId, max_results: 1 } }),
  );
  return { version, otlp, datasets, labelSchemas, reviewQueues };
}

/** The one line logged at start. */
export function describeCapabilities(caps: MlflowCapabilities, experimentId: string): string {
  const yes = (flag: boolean) => (flag ? 'yes' : 'no');
  return (
    `verdict mlflowStore: MLflow ${caps.version}, experiment ${experimentId}; ` +
    `spans via ${caps.otlp ? 'OTLP /v1/traces' : 'traces.json artifact upload'}; ` +
    `datasets ${yes(caps.datasets)}, label schemas ${yes(caps.labelSchemas)}, review queues ${yes(caps.reviewQueues)}`
  );
}
