import { expect, it } from 'vitest';
import type { Store } from '../store/store';
import { expectVerdictError } from './expect-verdict-error';
import { makeAssessment, makeSpan, makeTrace } from './fixtures';

/** The `traces.put` / `traces.get` part of the Store contract. */
export function describeTraceContract(store: () => Store): void {
  it('returns a put trace equal to the original in every field', async () => {
    const trace = makeTrace({
      client_request_id: 'req-42',
      tags: { env: 'prod', 'mlflow.traceName': 'chat', empty: '' },
      trace_metadata: { 'mlflow.user': 'u1', 'mlflow.session': 's1' },
    });
    await store().traces.put(trace);
    expect(await store().traces.get(trace.info.trace_id)).toEqual(trace);
  });

  it('round-trips an unfinished, failed trace (null times, error status, no inputs)', async () => {
    const trace = makeTrace({ state: 'IN_PROGRESS', execution_duration: null, tags: {}, trace_metadata: {} });
    const root = makeSpan({ trace_id: trace.info.trace_id, end_time_ms: null, status: { code: 'ERROR', message: 'boom' } });
    delete root.inputs;
    delete root.outputs;
    trace.data.spans = [root];
    await store().traces.put(trace);
    expect(await store().traces.get(trace.info.trace_id)).toEqual(trace);
  });

  it('returns null for an unknown trace', async () => {
    expect(await store().traces.get(makeTrace().info.trace_id)).toBeNull();
    expect(await store().traces.get('not-a-trace-id')).toBeNull();
  });

  it('ignores info.assessments on put', async () => {
    const trace = makeTrace();
    trace.info.assessments = [makeAssessment(trace.info.trace_id)];
    await store().traces.put(trace);
    expect((await store().traces.get(trace.info.trace_id))?.info.assessments).toEqual([]);
  });

  it('replaces info and spans on a second put but keeps the assessments', async () => {
    const trace = makeTrace({ state: 'IN_PROGRESS' });
    await store().traces.put(trace);
    const created = await store().assessments.create(makeAssessment(trace.info.trace_id));
    const replacement = makeTrace({ trace_id: trace.info.trace_id, state: 'OK', response_preview: 'done', tags: { v: '2' } });
    replacement.data.spans = replacement.data.spans.slice(0, 1);
    await store().traces.put({ ...replacement, info: { ...replacement.info, assessments: [] } });
    const stored = await store().traces.get(trace.info.trace_id);
    expect(stored).toEqual({ ...replacement, info: { ...replacement.info, assessments: [created] } });
  });

  it('refuses an invalid trace with INVALID_ARGUMENT and stores nothing', async () => {
    const trace = makeTrace();
    const invalid = { ...trace, info: { ...trace.info, state: 'DONE' } };
    const error = await expectVerdictError(store().traces.put(invalid as never), 'INVALID_ARGUMENT');
    expect(error.issues?.length).toBeGreaterThan(0);
    await expectVerdictError(store().traces.put(makeTrace({ trace_id: 'tr-123' })), 'INVALID_ARGUMENT');
    expect(await store().traces.get(trace.info.trace_id)).toBeNull();
  });

  it('copies traces in and out, so callers cannot change the store', async () => {
    const trace = makeTrace();
    const original = structuredClone(trace);
    await store().traces.put(trace);
    trace.info.tags.env = 'mutated';
    trace.data.spans.pop();
    const first = await store().traces.get(trace.info.trace_id);
    if (first === null) throw new Error('trace missing');
    first.info.request_preview = 'mutated';
    first.data.spans[0]!.name = 'mutated';
    const { traces } = await store().traces.search();
    traces[0]!.tags.env = 'mutated';
    expect(await store().traces.get(trace.info.trace_id)).toEqual(original);
  });

  it('can be closed twice', async () => {
    await store().close?.();
    await store().close?.();
  });
}
