import type { Store } from '@verdict/core';
import { jsonStore } from '@verdict/express/json-store';
import { mlflowStore } from '@verdict/express/mlflow-store';

/** Which store `VERDICT_STORE` names. */
export type StoreSpec = { kind: 'json'; dir: string } | { kind: 'mlflow'; trackingUri: string; experimentName: string };

/**
 * Reads `VERDICT_STORE`: `json:<dir>` (the default, `json:.verdict-data` or `json:$VERDICT_DATA_DIR`)
 * or `mlflow:<trackingUri>#<experimentName>`.
 * @example parseStoreSpec('mlflow:http://127.0.0.1:5000#chat-app') // { kind: 'mlflow', trackingUri: 'http://127.0.0.1:5000', experimentName: 'chat-app' }
 */
export function parseStoreSpec(value: string | undefined, defaultDir = '.verdict-data'): StoreSpec {
  if (value === undefined || value === '') return { kind: 'json', dir: defaultDir };
  if (value.startsWith('json:') && value.length > 'json:'.length) return { kind: 'json', dir: value.slice('json:'.length) };
  const mlflow = /^mlflow:(https?:\/\/[^#]+)#(.+)$/.exec(value);
  if (mlflow !== null) return { kind: 'mlflow', trackingUri: mlflow[1]!, experimentName: mlflow[2]! };
  throw new Error(`VERDICT_STORE must be json:<dir> or mlflow:<trackingUri>#<experimentName>, not ${JSON.stringify(value)}`);
}

/**
 * MLflow credentials from MLflow's own variables: `MLFLOW_TRACKING_USERNAME` + `MLFLOW_TRACKING_PASSWORD`
 * (basic auth; wins over a token, as in MLflow's clients), else `MLFLOW_TRACKING_TOKEN` (bearer).
 * Half a pair is an error that names the missing variable, never a value.
 * @example mlflowAuthFromEnv({ MLFLOW_TRACKING_TOKEN: 't0k' }) // { token: 't0k' }
 */
export function mlflowAuthFromEnv(env: NodeJS.ProcessEnv): { token?: string; username?: string; password?: string } {
  const username = env.MLFLOW_TRACKING_USERNAME || undefined;
  const password = env.MLFLOW_TRACKING_PASSWORD || undefined;
  if (username === undefined && password !== undefined) throw new Error('MLFLOW_TRACKING_PASSWORD is set but MLFLOW_TRACKING_USERNAME is not; MLflow basic auth needs both');
  if (username !== undefined && password === undefined) throw new Error('MLFLOW_TRACKING_USERNAME is set but MLFLOW_TRACKING_PASSWORD is not; MLflow basic auth needs both');
  if (username !== undefined) return { username, password };
  const token = env.MLFLOW_TRACKING_TOKEN || undefined;
  return token === undefined ? {} : { token };
}

/** Opens the store `spec` names, with a one-line description for the start banner (no secrets in it). */
export async function openStore(spec: StoreSpec, env: NodeJS.ProcessEnv): Promise<{ store: Store & { close(): Promise<void> }; description: string }> {
  if (spec.kind === 'json') {
    const store = await jsonStore({ dir: spec.dir });
    return { store, description: `${store.dir} (JSON files; set VERDICT_STORE=mlflow:<uri>#<experiment> for MLflow)` };
  }
  const store = await mlflowStore({
    trackingUri: spec.trackingUri,
    experimentName: spec.experimentName,
    ...mlflowAuthFromEnv(env),
    // Feedback given while MLflow is down waits here and is sent when it is back.
    outboxDir: env.VERDICT_OUTBOX_DIR ?? '.verdict-outbox',
  });
  const where = new URL(spec.trackingUri);
  return { store, description: `MLflow at ${where.origin}, experiment ${spec.experimentName} (${store.experimentId})` };
}
