import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlflowAuthFromEnv, openStore, parseStoreSpec } from './store-from-env';

const SECRET = 'pa:ss w0rd-91c';

/** A real HTTP server answering what mlflowStore asks at start (experiment by name, version; every other probe a 404), noting each Authorization header. */
async function startTinyMlflow(): Promise<{ url: string; authorizations: Array<string | undefined>; close(): Promise<void> }> {
  const authorizations: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    req.resume();
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/api/2.0/mlflow/experiments/get-by-name') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ experiment: { experiment_id: '7', name: 'chat', artifact_location: 'mlflow-artifacts:/7', lifecycle_stage: 'active' } }));
    } else if (path === '/version') res.writeHead(200, { 'Content-Type': 'text/plain' }).end('3.6.1');
    else res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('VERDICT_STORE', () => {
  it('defaults to the JSON store', () => {
    expect(parseStoreSpec(undefined)).toEqual({ kind: 'json', dir: '.verdict-data' });
    expect(parseStoreSpec('', 'elsewhere')).toEqual({ kind: 'json', dir: 'elsewhere' });
    expect(parseStoreSpec('json:/var/verdict')).toEqual({ kind: 'json', dir: '/var/verdict' });
  });

  it('reads mlflow:<trackingUri>#<experimentName>', () => {
    expect(parseStoreSpec('mlflow:http://127.0.0.1:5000#chat-app')).toEqual({ kind: 'mlflow', trackingUri: 'http://127.0.0.1:5000', experimentName: 'chat-app' });
  });

  it('refuses anything else with the accepted forms', () => {
    for (const value of ['mlflow:http://127.0.0.1:5000', 'json:', 'sqlite:x', 'mlflow:ftp://x#y']) {
      expect(() => parseStoreSpec(value)).toThrow(/json:<dir> or mlflow:<trackingUri>#<experimentName>/);
    }
  });

  it('reads MLflow credentials like MLflow: username + password as basic auth over a token, else the token', () => {
    expect(mlflowAuthFromEnv({})).toEqual({});
    expect(mlflowAuthFromEnv({ MLFLOW_TRACKING_TOKEN: 't0k' })).toEqual({ token: 't0k' });
    expect(mlflowAuthFromEnv({ MLFLOW_TRACKING_USERNAME: 'ann', MLFLOW_TRACKING_PASSWORD: SECRET, MLFLOW_TRACKING_TOKEN: 't0k' })).toEqual({ username: 'ann', password: SECRET });
    expect(() => mlflowAuthFromEnv({ MLFLOW_TRACKING_USERNAME: 'ann' })).toThrow(/MLFLOW_TRACKING_PASSWORD is not/);
    expect(() => mlflowAuthFromEnv({ MLFLOW_TRACKING_PASSWORD: SECRET })).toThrow(/^(?!.*pa:ss).*MLFLOW_TRACKING_USERNAME is not/);
  });

  it('opens an MLflow store with basic auth on every request, and no secret in the banner', async () => {
    const mlflow = await startTinyMlflow();
    const outbox = mkdtempSync(join(tmpdir(), 'verdict-outbox-'));
    try {
      const env = { MLFLOW_TRACKING_USERNAME: 'ann', MLFLOW_TRACKING_PASSWORD: SECRET, VERDICT_OUTBOX_DIR: outbox };
      const { store, description } = await openStore(parseStoreSpec(`mlflow:${mlflow.url}#chat`), env);
      await store.close();
      expect(description).toBe(`MLflow at ${mlflow.url}, experiment chat (7)`);
      expect(description).not.toContain(SECRET);
      expect(mlflow.authorizations.length).toBeGreaterThan(2);
      expect(new Set(mlflow.authorizations)).toEqual(new Set([`Basic ${Buffer.from(`ann:${SECRET}`).toString('base64')}`]));
    } finally {
      await mlflow.close();
      rmSync(outbox, { recursive: true, force: true });
    }
  });
});
