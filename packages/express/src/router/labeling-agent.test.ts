import { LABELING_COPY_TAG } from '@verdict/core';
import type { JsonObject, LabelingItem } from '@verdict/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { PredictFn } from '../evaluation/run-app';
import { useTempDirs } from '../json-store/test-support/temp-dirs';
import { serveReview } from '../test-support/review-server';
import type { ReviewServer } from '../test-support/review-server';
import { trace } from '../tracing';

const tempDir = useTempDirs('verdict-labeling-agent-');
let review: ReviewServer | undefined;
afterEach(async () => {
  await review?.close();
  review = undefined;
});

// A traced step inside the app: its span must land in the item's trace, under the agent's root.
const lookUp = trace(async (question: string) => `Lima is the capital (asked: ${question})`, { name: 'look_up' });

const APPS: Record<string, PredictFn> = {
  capitals: async ({ question }) => {
    if (String(question).includes('Atlantis')) throw new Error('no such country: Atlantis');
    return lookUp(String(question));
  },
  echo: (inputs: JsonObject) => inputs,
};

const recordIdOf = (item: LabelingItem): string | undefined => ('dataset_record_id' in item.source ? item.source.dataset_record_id : undefined);

async function setup(apps: Record<string, PredictFn> = APPS) {
  review = await serveReview(tempDir(), { apps });
  const dev = review.as('dev');
  await dev.createDataset({ name: 'golden' });
  return { server: review, dev };
}

describe('labeling sessions with an agent', () => {
  it('refuses an agent that is not a registered app, naming the known apps', async () => {
    const { server } = await setup();
    const refused = await server.call('dev', 'POST', '/labeling-sessions', { name: 's', assigned_users: ['ann'], label_schemas: ['expected_facts'], agent: 'nope' });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toContain('unknown app "nope"');
    expect(refused.json.error.message).toContain('known apps: capitals, echo');
    expect(refused.json.error.issues[0].path).toEqual(['agent']);
    // Nothing was created.
    expect((await server.call('dev', 'GET', '/labeling-sessions')).json).toEqual({ labeling_sessions: [] });
    // A registered one is accepted and kept on the session.
    const created = await server.call('dev', 'POST', '/labeling-sessions', { name: 's', assigned_users: ['ann'], label_schemas: ['expected_facts'], agent: 'capitals' });
    expect(created.status).toBe(201);
    expect(created.json.agent).toBe('capitals');
  });

  it('refuses any agent when the server registers no apps', async () => {
    const { server } = await setup({});
    const refused = await server.call('dev', 'POST', '/labeling-sessions', { name: 's', assigned_users: ['ann'], label_schemas: ['expected_facts'], agent: 'capitals' });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toContain('register apps with verdict({ apps');
  });

  it("gives dataset items the agent's real answer in a trace tagged as this session's copy, kept out of /traces and the summary", async () => {
    const { server, dev } = await setup();
    await dev.upsertDatasetRecords('golden', { records: [{ inputs: { question: 'Capital of Peru?' }, tags: { topic: 'geo' } }] });
    const summaryBefore = (await server.call('dev', 'GET', '/feedback/summary?bucket=hour')).json;
    const session = await dev.createLabelingSession({ name: 'facts', assigned_users: ['ann'], label_schemas: ['expected_facts'], agent: 'capitals' });
    const { items } = await dev.addLabelingItems(session.labeling_session_id, { dataset: 'golden' });
    expect(items).toHaveLength(1);
    const item = items[0]!;
    const stored = (await server.store.traces.get(item.trace_id))!;
    expect(stored.info.state).toBe('OK');
    expect(stored.info.tags).toMatchObject({ [LABELING_COPY_TAG]: 'true', topic: 'geo' });
    expect(stored.info.trace_metadata).toMatchObject({
      'verdict.labeling_session_id': session.labeling_session_id,
      'verdict.source_dataset': 'golden',
      'verdict.source_dataset_record_id': recordIdOf(item),
      'verdict.agent': 'capitals',
    });
    expect(stored.info.response_preview).toContain('Lima is the capital (asked: Capital of Peru?)');
    const root = stored.data.spans.find((span) => span.parent_span_id === null)!;
    expect(root).toMatchObject({ name: 'capitals', inputs: { question: 'Capital of Peru?' }, outputs: 'Lima is the capital (asked: Capital of Peru?)' });
    // The app's own traced step is in the same trace, under the root.
    expect(stored.data.spans.find((span) => span.name === 'look_up')).toMatchObject({ parent_span_id: root.span_id });
    // Reviewers read the same trace through the API.
    const viaApi = await server.call('ann', 'GET', `/traces/${item.trace_id}`);
    expect(viaApi.status).toBe(200);
    expect(viaApi.json.info.trace_id).toBe(item.trace_id);
    // A labeling copy, not app traffic.
    expect((await server.call('dev', 'GET', '/traces')).json.traces).toEqual([]);
    expect((await server.call('dev', 'GET', '/feedback/summary?bucket=hour')).json).toEqual(summaryBefore);
    // Labels sync back to the record for the same inputs.
    await server.as('ann').submitLabels(session.labeling_session_id, item.item_id, { labels: { expected_facts: ['Lima'] } });
    expect(await dev.syncExpectations(session.labeling_session_id, 'golden')).toEqual({ inserted: 0, updated: 1 });
  });

  it('keeps an item whose agent run threw, with the ERROR trace, next to the ones that answered', async () => {
    const { server, dev } = await setup();
    await dev.upsertDatasetRecords('golden', { records: [{ inputs: { question: 'Capital of Atlantis?' } }, { inputs: { question: 'Capital of Chile?' } }] });
    const session = await dev.createLabelingSession({ name: 'facts', assigned_users: ['ann'], label_schemas: ['expected_facts'], agent: 'capitals' });
    const { items } = await dev.addLabelingItems(session.labeling_session_id, { dataset: 'golden' });
    expect(items).toHaveLength(2);
    const traces = await Promise.all(items.map((item) => server.store.traces.get(item.trace_id)));
    const byQuestion = Object.fromEntries(traces.map((stored) => [String((stored!.data.spans.find((span) => span.parent_span_id === null)!.inputs as JsonObject).question), stored!]));
    const failed = byQuestion['Capital of Atlantis?']!;
    expect(failed.info.state).toBe('ERROR');
    expect(failed.info.tags[LABELING_COPY_TAG]).toBe('true');
    const failedRoot = failed.data.spans.find((span) => span.parent_span_id === null)!;
    expect(failedRoot.status).toMatchObject({ code: 'ERROR', message: 'no such country: Atlantis' });
    expect(byQuestion['Capital of Chile?']!.info.state).toBe('OK');
    // The failed item is labelable like any other.
    const failedItem = items.find((item) => item.trace_id === failed.info.trace_id)!;
    const labeled = await server.as('ann').submitLabels(session.labeling_session_id, failedItem.item_id, { labels: { expected_facts: ['Atlantis is a myth'] } });
    expect(labeled.state).toBe('completed');
  });

  it('runs the agent on at most 4 records at once, and without an agent keeps the synthetic trace', async () => {
    let running = 0;
    let most = 0;
    const slow: PredictFn = async (inputs) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
      return inputs;
    };
    const { server, dev } = await setup({ slow });
    await dev.upsertDatasetRecords('golden', { records: Array.from({ length: 10 }, (_, n) => ({ inputs: { question: `q${n}` } })) });
    const withAgent = await dev.createLabelingSession({ name: 'a', assigned_users: ['ann'], label_schemas: ['expected_facts'], agent: 'slow' });
    const { items } = await dev.addLabelingItems(withAgent.labeling_session_id, { dataset: 'golden' });
    expect(items).toHaveLength(10);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
    // Items keep the records' order, each on its own trace with that record's answer.
    const records = (await dev.listDatasetRecords('golden')).records;
    expect(items.map(recordIdOf)).toEqual(records.map((record) => record.dataset_record_id));
    for (const [index, item] of items.entries()) {
      const root = (await server.store.traces.get(item.trace_id))!.data.spans.find((span) => span.parent_span_id === null)!;
      expect(root.outputs).toEqual(records[index]!.inputs);
    }

    const plain = await dev.createLabelingSession({ name: 'b', assigned_users: ['ann'], label_schemas: ['expected_facts'] });
    const before = most;
    const synthetic = await dev.addLabelingItems(plain.labeling_session_id, { dataset: 'golden', record_ids: [records[0]!.dataset_record_id] });
    const stored = (await server.store.traces.get(synthetic.items[0]!.trace_id))!;
    expect(stored.data.spans).toHaveLength(1);
    expect(stored.data.spans[0]).toMatchObject({ name: 'dataset_record', inputs: records[0]!.inputs });
    expect(stored.data.spans[0]!.outputs).toBeUndefined();
    expect(most).toBe(before);
  });

  it('leaves trace-sourced items as copies of the originals, agent or not', async () => {
    const { server, dev } = await setup();
    const [original] = await server.addTraces(1);
    const session = await dev.createLabelingSession({ name: 'facts', assigned_users: ['ann'], label_schemas: ['expected_facts'], agent: 'echo' });
    const { items } = await dev.addLabelingItems(session.labeling_session_id, { trace_ids: [original!.info.trace_id] });
    const copy = (await server.store.traces.get(items[0]!.trace_id))!;
    expect(copy.info.trace_metadata['verdict.source_trace_id']).toBe(original!.info.trace_id);
    expect(copy.info.trace_metadata['verdict.agent']).toBeUndefined();
    expect(copy.data.spans.map((span) => [span.name, span.outputs])).toEqual(original!.data.spans.map((span) => [span.name, span.outputs]));
  });
});
