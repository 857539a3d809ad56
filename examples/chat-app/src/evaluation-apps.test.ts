import { createServer } from 'node:http';
import { createEvaluationClient, memoryStore } from '@verdict/core';
import { describe, expect, it } from 'vitest';
import { createChatApp } from './app';
import { DEMO_DATASET, DEMO_QUESTIONS, seedDemoDataset } from './demo-dataset';
import { demoModel } from './models';
import { listen } from './test-server';

const secret = 'an-evaluation-test-secret-of-32-chars';

describe('the Evaluate page’s server side', () => {
  it('seeds the demo dataset once, only into a store without datasets', async () => {
    const store = memoryStore();
    expect(await seedDemoDataset(store)).toBe(true);
    expect(await seedDemoDataset(store)).toBe(false);
    const stored = await store.datasets.get(DEMO_DATASET);
    expect(stored?.records).toHaveLength(DEMO_QUESTIONS.length);
    expect(stored?.records[0]?.expectations.expected_facts).toEqual(DEMO_QUESTIONS[0]?.facts);
  });

  it('runs both settings on the demo dataset and shows what the one-article setting loses', async () => {
    const store = memoryStore();
    await seedDemoDataset(store);
    const { app } = createChatApp({ store, model: demoModel(), feedbackSecret: secret });
    const evals = createEvaluationClient({ baseUrl: `${await listen(createServer(app))}/api` });
    const finish = async (app: string) => {
      const { evaluation_id } = await evals.startEvaluation({ dataset: DEMO_DATASET, app, scorers: ['contains_all', 'relevance_to_query'] });
      for await (const event of evals.evaluationEvents(evaluation_id)) if (event.type === 'finished') break;
      return evals.getEvaluation(evaluation_id);
    };
    const base = await finish('three-articles');
    const candidate = await finish('one-article-terse');
    expect(base.status).toBe('completed');
    // No judge configured: judge scorers say so on every row instead of passing.
    expect(base.aggregates.relevance_to_query).toEqual({ errors: DEMO_QUESTIONS.length });
    expect(base.rows[0]?.scores.relevance_to_query?.error?.error_code).toBe('JUDGE_NOT_CONFIGURED');
    // Each row's trace holds the pipeline's own spans under the evaluation's root.
    const trace = await store.traces.get(base.rows[0]?.trace_id ?? '');
    expect(trace?.data.spans.map((span) => span.name)).toEqual(expect.arrayContaining(['predict', 'retrieve', 'generate']));

    const comparison = await evals.compareEvaluations(base.evaluation_id, candidate.evaluation_id);
    // The one-article setting loses facts that need two articles, and wins one where the best-ranked article suffices.
    expect(comparison.scorers.contains_all).toEqual({ base: 8 / 9, candidate: 7 / 9, delta: expect.closeTo(-1 / 9) });
    expect(comparison.rows.map((row) => row.change)).toEqual(['regressed', 'regressed', 'improved', ...Array<string>(6).fill('unchanged')]);
    expect(comparison.rows[0]?.inputs.question).toMatch(/accidental damage/);
  });
});
