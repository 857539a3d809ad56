import { makeTrace } from '@verdict/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otlpExportRequest } from '../mlflow-requests';
import { startMlflowEmulator } from './mlflow-emulator';
import type { MlflowEmulator } from './mlflow-emulator';

let emulator: MlflowEmulator;
const post = (path: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  fetch(emulator.url + path, { method: 'POST', headers, body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body) });
const put = (path: string, body: unknown) => fetch(emulator.url + path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const startBody = (traceId: string, extra: Record<string, unknown> = {}) => ({
  trace: {
    trace_info: {
      trace_id: traceId,
      trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: '1' } },
      request_time: '2026-11-23T10:00:00.000Z',
      state: 'OK',
      ...extra,
    },
  },
});

beforeAll(async () => {
  emulator = await startMlflowEmulator();
  await post('/api/2.0/mlflow/experiments/create', { name: 'traps' });
});
afterAll(() => emulator.close());

describe('the MLflow emulator refuses and mangles what MLflow does', () => {
  it('truncates metadata values to 250 characters in its answers, as TraceInfo.to_proto does', async () => {
    const traceId = makeTrace().info.trace_id;
    const response = await post('/api/3.0/mlflow/traces', startBody(traceId, { trace_metadata: { long: 'x'.repeat(300) } }));
    const body = (await response.json()) as { trace: { trace_info: { trace_metadata: Record<string, string> } } };
    expect(body.trace.trace_info.trace_metadata.long).toHaveLength(250);
  });

  it('reports a trace left IN_PROGRESS when spans arrive after the final StartTraceV3 without a root', async () => {
    const trace = makeTrace();
    await post('/api/3.0/mlflow/traces', startBody(trace.info.trace_id));
    // Only a child span: MLflow 3.6 re-derives the state from the (missing) root.
    const child = { ...trace, data: { spans: trace.data.spans.slice(1) } };
    const otlp = otlpExportRequest(child, '1', 'h');
    expect((await post(otlp.path, otlp.body, otlp.headers)).status).toBe(200);
    expect(emulator.inProgressLeftBehind()).toContain(trace.info.trace_id);
  });

  it('refuses traces.json spans without mlflow.traceRequestId or with ids not in base64', async () => {
    const path = '/api/2.0/mlflow-artifacts/artifacts/1/traces/tr-x/artifacts/traces.json';
    const span = { trace_id: Buffer.alloc(16, 1).toString('base64'), span_id: Buffer.alloc(8, 2).toString('base64'), parent_span_id: null, name: 's', attributes: { 'mlflow.traceRequestId': '"tr-x"' } };
    expect((await put(path, { spans: [span] })).status).toBe(200);
    expect((await put(path, { spans: [{ ...span, attributes: {} }] })).status).toBe(400);
    expect((await put(path, { spans: [{ ...span, span_id: '0123456789abcdef' }] })).status).toBe(400);
  });

  it('refuses assessments on spans addressed by anything but 16 hex digits', async () => {
    const traceId = makeTrace().info.trace_id;
    await post('/api/3.0/mlflow/traces', startBody(traceId));
    const create = (span_id: string) =>
      post(`/api/3.0/mlflow/traces/${traceId}/assessments`, { assessment: { assessment_name: 'x', span_id, source: { source_type: 'HUMAN', source_id: 'u' }, feedback: { value: 1 } } });
    expect((await create('00f067aa0ba902b7')).status).toBe(200);
    expect((await create('APBnqgupArc=')).status).toBe(400);
  });

  it('refuses POST bodies that are not application/json', async () => {
    const response = await post('/api/3.0/mlflow/traces', JSON.stringify(startBody(makeTrace().info.trace_id)), { 'Content-Type': 'text/plain' });
    expect([response.status, ((await response.json()) as { error_code: string }).error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
  });
});
