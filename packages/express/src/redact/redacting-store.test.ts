import { memoryStore } from '@verdict/core';
import { describeStoreConformance, makeAssessment, makeTrace } from '@verdict/core/testing';
import type { StoredDataset } from '@verdict/core';
import { describe, expect, it } from 'vitest';
import type { RedactContext } from './redact-hook';
import { redactingStore } from './redacting-store';

// With a hook that changes nothing, the wrapper must be an invisible, fully working store.
describeStoreConformance('redactingStore(memoryStore(), identity)', () => redactingStore(memoryStore(), (value) => value));

describe('redactingStore', () => {
  it('hands the hook each field with its kind, path and trace, and leaves the caller’s objects alone', async () => {
    const seen: RedactContext[] = [];
    const store = redactingStore(memoryStore(), (value, context) => {
      seen.push(context);
      return typeof value === 'string' ? value.toUpperCase() : value;
    });
    const trace = makeTrace();
    const before = structuredClone(trace);
    await store.traces.put(trace);
    expect(trace).toEqual(before);
    const traceId = trace.info.trace_id;
    expect(seen).toContainEqual({ kind: 'trace_preview', path: ['info', 'request_preview'], trace_id: traceId });
    expect(seen).toContainEqual({ kind: 'span_inputs', path: ['data', 'spans', 0, 'inputs'], trace_id: traceId });
    const stored = await store.traces.get(traceId);
    expect(stored!.info.request_preview).toBe(trace.info.request_preview.toUpperCase());

    const assessment = makeAssessment(traceId, { rationale: 'because', feedback: { value: 'fine' } });
    expect(await store.assessments.create(assessment)).toMatchObject({ rationale: 'BECAUSE', feedback: { value: 'FINE' } });
    expect(assessment.rationale).toBe('because');
  });

  it('redacts each value once: an update passes only new or changed fields to the hook', async () => {
    const calls: unknown[] = [];
    // Not idempotent on purpose: running twice on one value would show as <<x>>.
    const store = redactingStore(memoryStore(), (value, { kind }) => {
      calls.push(value);
      return kind === 'dataset_inputs' ? { masked: `<${JSON.stringify(value)}>` } : value;
    });
    const record = (id: string, question: string) => ({
      dataset_record_id: id, inputs: { question }, expectations: {}, tags: {}, create_time: 1, created_by: 'dev', last_update_time: 1, last_updated_by: 'dev',
    });
    const empty: StoredDataset = { dataset: { dataset_id: 'ds-1', name: 'd', tags: {}, create_time: 1, created_by: 'dev' } as StoredDataset['dataset'], records: [] };
    await store.datasets.create('d', empty);
    await store.datasets.update('d', (current) => {
      current.records.push(record('dr-a', 'a'));
      return current;
    });
    await store.datasets.update('d', (current) => {
      current.records.push(record('dr-b', 'b'));
      return current;
    });
    const stored = await store.datasets.get('d');
    expect(stored!.records.map((r) => r.inputs)).toEqual([{ masked: '<{"question":"a"}>' }, { masked: '<{"question":"b"}>' }]);
    // Each record's inputs and expectations went through once.
    expect(calls.filter((value) => JSON.stringify(value).includes('question'))).toEqual([{ question: 'a' }, { question: 'b' }]);
  });
});
