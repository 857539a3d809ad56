import { VerdictError } from '@verdict/core';
import type { Store } from '@verdict/core';
import { jsonStore } from '../json-store/json-store';
import { mlflowStore } from '../mlflow-store/mlflow-store';

/** A store named on the command line: `json:<dir>` or `mlflow:<trackingUri>#<experimentName>`. */
export type StoreSpec = { kind: 'json'; dir: string } | { kind: 'mlflow'; trackingUri: string; experimentName: string };

/**
 * Parses `json:<dir>` or `mlflow:<trackingUri>#<experimentName>`.
 * @example parseStoreSpec('mlflow:http://127.0.0.1:5000#chat-app')
 */
export function parseStoreSpec(value: string): StoreSpec {
  if (value.startsWith('json:') && value.length > 'json:'.length) return { kind: 'json', dir: value.slice('json:'.length) };
  const mlflow = /^mlflow:(https?:\/\/[^#]+)#(.+)$/.exec(value);
  if (mlflow !== null) return { kind: 'mlflow', trackingUri: mlflow[1]!, experimentName: mlflow[2]! };
  throw new VerdictError('INVALID_ARGUMENT', `a store is json:<dir> or mlflow:<trackingUri>#<experimentName>, not ${JSON.stringify(value)}`);
}

/** The spec without credentials, for progress lines and state files. */
export function describeStoreSpec(spec: StoreSpec): string {
  if (spec.kind === 'json') return `json:${spec.dir}`;
  const url = new URL(spec.trackingUri);
  url.username = '';
  url.password = '';
  return `mlflow:${url.toString().replace(/\/$/, '')}#${spec.experimentName}`;
}

/** How to authenticate to MLflow, from MLflow's own environment variables. */
export type MlflowAuth = { token?: string; username?: string; password?: string };

/**
 * Reads MLflow's credentials from the environment as MLflow's clients do: `MLFLOW_TRACKING_USERNAME`
 * and `MLFLOW_TRACKING_PASSWORD` (basic auth, used over a token when both are set), else
 * `MLFLOW_TRACKING_TOKEN` (bearer). Only one of the pair is an error naming the missing variable —
 * never echoing a value.
 * @example mlflowAuthFromEnv({ MLFLOW_TRACKING_USERNAME: 'ann', MLFLOW_TRACKING_PASSWORD: 's3cret' }) // { username: 'ann', password: 's3cret' }
 */
export function mlflowAuthFromEnv(env: Record<string, string | undefined>): MlflowAuth {
  const username = env.MLFLOW_TRACKING_USERNAME || undefined;
  const password = env.MLFLOW_TRACKING_PASSWORD || undefined;
  if ((username === undefined) !== (password === undefined)) {
    const [set, missing] = username === undefined ? ['MLFLOW_TRACKING_PASSWORD', 'MLFLOW_TRACKING_USERNAME'] : ['MLFLOW_TRACKING_USERNAME', 'MLFLOW_TRACKING_PASSWORD'];
    throw new VerdictError('INVALID_ARGUMENT', `${set} is set but ${missing} is not; MLflow basic auth needs both`);
  }
  if (username !== undefined) return { username, password };
  const token = env.MLFLOW_TRACKING_TOKEN || undefined;
  return token === undefined ? {} : { token };
}

/**
 * Opens the store a spec names. For MLflow, credentials come from the environment
 * ({@link mlflowAuthFromEnv}) and are never written to any output.
 */
export async function openStoreSpec(spec: StoreSpec, env: Record<string, string | undefined> = process.env): Promise<Store & { close(): Promise<void> }> {
  if (spec.kind === 'json') return jsonStore({ dir: spec.dir });
  return mlflowStore({
    trackingUri: spec.trackingUri,
    experimentName: spec.experimentName,
    ...mlflowAuthFromEnv(env),
    onLog: (level, message) => (level === 'warn' ? console.warn(message) : undefined),
  });
}
