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

/** Opens the store a spec names (`MLFLOW_TRACKING_TOKEN` is used for MLflow when set). */
export async function openStoreSpec(spec: StoreSpec, env: Record<string, string | undefined> = process.env): Promise<Store & { close(): Promise<void> }> {
  if (spec.kind === 'json') return jsonStore({ dir: spec.dir });
  return mlflowStore({
    trackingUri: spec.trackingUri,
    experimentName: spec.experimentName,
    token: env.MLFLOW_TRACKING_TOKEN || undefined,
    onLog: (level, message) => (level === 'warn' ? console.warn(message) : undefined),
  });
}
