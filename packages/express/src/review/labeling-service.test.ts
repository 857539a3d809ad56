import { AddLabelingItemsBodySchema, LABELING_COPY_TAG, VerdictError, memoryStore } from '@verdict/core';
import type { SearchTracesParams, Store, VerdictUser } from '@verdict/core';
import { makeTrace } from '@verdict/core/testing';
import { describe, expect, it } from 'vitest';
import { createDatasetService } from './dataset-service';
import { createLabelSchemaService } from './label-schema-service';
import { createLabelingService } from './labeling-service';

const dev: VerdictUser = { id: 'dev', role: 'developer' };
// A request body as the route hands it over: parsed, defaults filled in.
const byFilter = (filter: SearchTracesParams) => AddLabelingItemsBodySchema.parse({ filter });

// The real service over a real memoryStore; `searches` records each page it asks for.
function setup(options: { maxItems?: number } = {}) {
  const store: Store = memoryStore();
  const searches: SearchTracesParams[] = [];
  const labeling = createLabelingService({
    store,
    labelSchemas: createLabelSchemaService(store),
    datasets: createDatasetService(store),
    getTrace: (traceId) => store.traces.get(traceId),
    searchTraces: (params) => {
      searches.push(params);
      return store.traces.search(params);
    },
    claimTtlMs: 60_000,
    ...options,
  });
  const addTraces = async (count: number, tags: Record<string, string>) => {
    const traces = Array.from({ length: count }, (_, n) => makeTrace({ request_time: 1_700_000_000_000 + n, tags }));
    for (const trace of traces) await store.traces.put(trace);
    return traces.map((trace) => trace.info.trace_id);
  };
  const newSession = () => labeling.createSession({ name: 's', assigned_users: ['ann'], label_schemas: [] }, dev);
  return { store, labeling, searches, addTraces, newSession };
}

describe('labeling service: items from a /traces filter', () => {
  it('reads every page of the filter, max_results being the page size', async () => {
    const { labeling, searches, addTraces, newSession } = setup();
    const wanted = await addTraces(7, { doubt: 'yes' });
    await addTraces(2, { doubt: 'no' });
    const session = await newSession();
    const items = await labeling.addItems(session.labeling_session_id, byFilter({ tags: { doubt: 'yes' }, max_results: 3 }), dev);
    expect(items.map((item) => ('trace_id' in item.source ? item.source.trace_id : '')).sort()).toEqual([...wanted].sort());
    // 3 + 3 + 1: three pages, the later ones by the previous page's token.
    expect(searches).toHaveLength(3);
    expect(searches[0]?.page_token).toBeUndefined();
    expect(searches[1]?.page_token).toEqual(expect.any(String));
  });

  it('never picks copies, even when the filter names the copy tag', async () => {
    const { labeling, addTraces, newSession } = setup();
    await addTraces(2, { doubt: 'yes' });
    const first = await newSession();
    await labeling.addItems(first.labeling_session_id, byFilter({ tags: { doubt: 'yes' } }), dev);
    const second = await newSession();
    expect(await labeling.addItems(second.labeling_session_id, byFilter({ tags: { doubt: 'yes', [LABELING_COPY_TAG]: 'true' } }), dev)).toEqual([]);
    expect(await labeling.addItems(second.labeling_session_id, byFilter({ tags: { doubt: 'yes' } }), dev)).toHaveLength(2);
  });

  it('refuses a filter matching more traces than a session holds, naming the limit, and copies nothing', async () => {
    const { store, labeling, addTraces, newSession } = setup({ maxItems: 4 });
    await addTraces(5, { doubt: 'yes' });
    const session = await newSession();
    const refused = labeling.addItems(session.labeling_session_id, byFilter({ tags: { doubt: 'yes' }, max_results: 2 }), dev);
    await expect(refused).rejects.toBeInstanceOf(VerdictError);
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('more than 4 traces') });
    expect((await store.traces.search({ tags: { [LABELING_COPY_TAG]: 'true' } })).traces).toEqual([]);
    expect((await labeling.getSession(session.labeling_session_id, dev)).progress.total).toBe(0);
    // Exactly the limit fits.
    const narrower = await labeling.addItems(session.labeling_session_id, byFilter({ tags: { doubt: 'yes' }, max_results: 2, start_time_ms: 1_700_000_000_001 }), dev);
    expect(narrower).toHaveLength(4);
  });
});
