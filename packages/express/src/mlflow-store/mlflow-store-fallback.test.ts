import { describeStoreConformance, makeTrace } from '@verdict/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlflowStore } from './mlflow-store';
import { startMlflowEmulator } from './test-support/mlflow-emulator';
import type { MlflowEmulator } from './test-support/mlflow-emulator';

// A server without OTLP ingest (Flask only, as under gunicorn): spans go to traces.json through the artifacts proxy.
let emulator: MlflowEmulator;
let experiments = 0;
beforeAll(async () => {
  emulator = await startMlflowEmulator({ spanIngest: 'flask-only', version: '3.3.2' });
});
afterAll(() => emulator.close());

const open = () => mlflowStore({ trackingUri: emulator.url, experimentName: `fallback-${(experiments += 1)}`, onLog: () => undefined });

describeStoreConformance('mlflowStore without /v1/traces (traces.json fallback)', open);

describe('span fallback', () => {
  it('detects the missing OTLP route at start and uploads traces.json instead', async () => {
    const store = await open();
    expect(store.capabilities.otlp).toBe(false);
    const trace = makeTrace();
    await store.traces.put(trace);
    const upload = emulator.requests.find((request) => request.method === 'PUT' && request.path.endsWith(`/traces/${trace.info.trace_id}/artifacts/traces.json`));
    expect(upload).toBeDefined();
    expect(await store.traces.get(trace.info.trace_id)).toEqual(trace);
    await store.close();
  });
});

describe('span fallback at run time', () => {
  let otlp: MlflowEmulator;
  beforeAll(async () => {
    otlp = await startMlflowEmulator();
  });
  afterAll(() => otlp.close());

  it('switches to traces.json for good when /v1/traces starts answering 501 (a FileStore backend)', async () => {
    const warnings: string[] = [];
    const store = await mlflowStore({ trackingUri: otlp.url, experimentName: 'switch', onLog: (level, message) => level === 'warn' && warnings.push(message) });
    expect(store.capabilities.otlp).toBe(true);
    otlp.fault = (request) => (request.path === '/v1/traces' ? { status: 501, body: JSON.stringify({ detail: 'REST OTLP span logging is not supported by FileStore' }) } : undefined);
    const trace = makeTrace();
    await store.traces.put(trace);
    expect(store.capabilities.otlp).toBe(false);
    expect(warnings).toEqual([expect.stringContaining('/v1/traces answered 501')]);
    otlp.fault = undefined;
    expect(await store.traces.get(trace.info.trace_id)).toEqual(trace);
    await store.close();
  });
});
