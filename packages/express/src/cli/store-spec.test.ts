import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMlflowEmulator } from '../mlflow-store/test-support/mlflow-emulator';
import type { MlflowEmulator } from '../mlflow-store/test-support/mlflow-emulator';
import { describeStoreSpec, mlflowAuthFromEnv, openStoreSpec, parseStoreSpec } from './store-spec';

const SECRET = 'pa:ss w0rd-7f3e';

describe('MLflow credentials from the environment', () => {
  it('uses MLFLOW_TRACKING_USERNAME/PASSWORD as basic auth (over a token, as MLflow does), else MLFLOW_TRACKING_TOKEN', () => {
    expect(mlflowAuthFromEnv({})).toEqual({});
    expect(mlflowAuthFromEnv({ MLFLOW_TRACKING_TOKEN: 't0k' })).toEqual({ token: 't0k' });
    expect(mlflowAuthFromEnv({ MLFLOW_TRACKING_USERNAME: 'ann', MLFLOW_TRACKING_PASSWORD: SECRET })).toEqual({ username: 'ann', password: SECRET });
    expect(mlflowAuthFromEnv({ MLFLOW_TRACKING_USERNAME: 'ann', MLFLOW_TRACKING_PASSWORD: SECRET, MLFLOW_TRACKING_TOKEN: 't0k' })).toEqual({ username: 'ann', password: SECRET });
    // Empty variables count as unset (a shell `export X=` is common).
    expect(mlflowAuthFromEnv({ MLFLOW_TRACKING_USERNAME: '', MLFLOW_TRACKING_PASSWORD: '', MLFLOW_TRACKING_TOKEN: '' })).toEqual({});
  });

  it('refuses half a pair, naming the missing variable and never the value', () => {
    expect(() => mlflowAuthFromEnv({ MLFLOW_TRACKING_PASSWORD: SECRET })).toThrow(/MLFLOW_TRACKING_PASSWORD is set but MLFLOW_TRACKING_USERNAME is not/);
    expect(() => mlflowAuthFromEnv({ MLFLOW_TRACKING_USERNAME: 'ann' })).toThrow(/MLFLOW_TRACKING_PASSWORD is not/);
    try {
      mlflowAuthFromEnv({ MLFLOW_TRACKING_PASSWORD: SECRET });
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET);
    }
  });
});

describe('openStoreSpec against an MLflow server', () => {
  let emulator: MlflowEmulator;
  beforeEach(async () => {
    emulator = await startMlflowEmulator();
  });
  afterEach(() => emulator.close());

  it('sends basic auth from MLFLOW_TRACKING_USERNAME/PASSWORD on every request', async () => {
    const store = await openStoreSpec(parseStoreSpec(`mlflow:${emulator.url}#auth`), { MLFLOW_TRACKING_USERNAME: 'ann', MLFLOW_TRACKING_PASSWORD: SECRET });
    await store.traces.search({});
    await store.close();
    const basic = `Basic ${Buffer.from(`ann:${SECRET}`).toString('base64')}`;
    expect(emulator.requests.length).toBeGreaterThan(2);
    expect(new Set(emulator.requests.map((request) => request.headers.authorization))).toEqual(new Set([basic]));
  });

  it('sends the token as a bearer when only MLFLOW_TRACKING_TOKEN is set', async () => {
    const store = await openStoreSpec(parseStoreSpec(`mlflow:${emulator.url}#auth`), { MLFLOW_TRACKING_TOKEN: 't0k' });
    await store.close();
    expect(new Set(emulator.requests.map((request) => request.headers.authorization))).toEqual(new Set(['Bearer t0k']));
  });

  it('keeps the password out of a refusal and out of the store description', async () => {
    emulator.fault = () => ({ status: 401, body: JSON.stringify({ error_code: 'UNAUTHENTICATED', message: 'You are not authenticated.' }) });
    const spec = parseStoreSpec(`mlflow:${emulator.url}#auth`);
    const failure = await openStoreSpec(spec, { MLFLOW_TRACKING_USERNAME: 'ann', MLFLOW_TRACKING_PASSWORD: SECRET }).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(`${failure!.message} ${JSON.stringify(failure)}`).not.toContain(SECRET);
    expect(describeStoreSpec(spec)).not.toContain(SECRET);
  });
});
