import { memoryStore } from '@verdict/core';
import { makeTrace } from '@verdict/core/testing';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatasetService } from '../review/dataset-service';
import { judgeReply, startOpenAICompatibleServer } from '../test-support/openai-compatible-server';
import type { OpenAICompatibleServer } from '../test-support/openai-compatible-server';
import { withSpan } from '../tracing';
import { verdict } from '../verdict';
import { containsAll, exactMatch } from './code-scorers';
import { EVALUATION_TAG, evaluate } from './evaluate';
import { correctness } from './judges';
import { scorer } from './scorer';

const capitals = [
  { inputs: { question: 'Capital of France?' }, expectations: { expected_response: 'Paris' } },
  { inputs: { question: 'Capital of Italy?' }, expectations: { expected_response: 'Rome' } },
  { inputs: { question: 'Capital of Spain?' }, expectations: { expected_response: 'Madrid' } },
];
const answers: Record<string, string> = { 'Capital of France?': 'Paris', 'Capital of Italy?': 'Milan', 'Capital of Spain?': 'Madrid' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let llm: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await llm?.close();
  llm = undefined;
});

describe('evaluate', () => {
  it('runs each row through predictFn in its own tagged trace and logs every score on it', async () => {
    llm = await startOpenAICompatibleServer({ script: ({ text }) => ({ content: judgeReply(!text.includes('Milan'), 'judged') }) });
    const store = memoryStore();
    const run = await evaluate({
      data: capitals,
      predictFn: async ({ question }) => {
        await withSpan({ name: 'lookup', spanType: 'TOOL' }, () => 'atlas');
        return answers[String(question)];
      },
      scorers: [exactMatch(), correctness()],
      judge: { client: new OpenAI({ baseURL: llm.baseURL, apiKey: 'test' }), model: 'judge' },
      store,
      name: 'capitals',
    });
    expect(run).toMatchObject({ name: 'capitals', status: 'completed', progress: { done: 3, total: 3 }, scorers: ['exact_match', 'correctness'] });
    expect(run.rows.map((row) => [row.outputs, row.scores.exact_match?.value, row.scores.correctness?.value])).toEqual([
      ['Paris', true, true],
      ['Milan', false, false],
      ['Madrid', true, true],
    ]);
    expect(run.aggregates.exact_match).toEqual({ pass_rate: 2 / 3, errors: 0 });
    expect(run.usage.judge_prompt_tokens).toBeGreaterThan(0);

    const trace = await store.traces.get(run.rows[1]?.trace_id ?? '');
    expect(trace?.info.tags[EVALUATION_TAG]).toBe(run.evaluation_id);
    expect(trace?.data.spans.map((span) => span.name).sort()).toEqual(['lookup', 'predict']);
    const logged = trace?.info.assessments.map((assessment) => [assessment.assessment_name, assessment.source, assessment.feedback?.value]);
    expect(logged).toEqual(
      expect.arrayContaining([
        ['exact_match', { source_type: 'CODE', source_id: 'exact_match' }, false],
        ['correctness', { source_type: 'LLM_JUDGE', source_id: 'correctness' }, false],
      ]),
    );
  });

  it('scores traces as they are without predictFn, and logs on those traces', async () => {
    const store = memoryStore();
    const trace = makeTrace();
    await store.traces.put(trace);
    const run = await evaluate({ data: [trace], scorers: [scorer('has_output', ({ outputs }) => outputs !== undefined)], store });
    expect(run.rows[0]).toMatchObject({ trace_id: trace.info.trace_id, scores: { has_output: { value: true } } });
    const stored = await store.traces.get(trace.info.trace_id);
    expect(stored?.info.assessments[0]).toMatchObject({ assessment_name: 'has_output', source: { source_type: 'CODE', source_id: 'has_output' } });
  });

  it('reads a dataset by name from the store', async () => {
    const store = memoryStore();
    const datasets = createDatasetService(store);
    await datasets.create({ name: 'golden' }, 'dev');
    await datasets.upsertRecords('golden', [{ inputs: { question: 'Capital of France?' }, expectations: { expected_facts: ['Paris'] } }], 'dev');
    const run = await evaluate({ data: 'golden', predictFn: ({ question }) => `It is ${answers[String(question)]}.`, scorers: [containsAll()], store });
    expect(run.rows[0]?.row_id).toMatch(/^dr-/);
    expect(run.aggregates.contains_all?.pass_rate).toBe(1);
  });

  it('turns a failing predictFn or scorer into error scores, never a crash or a pass', async () => {
    const store = memoryStore();
    const run = await evaluate({
      data: capitals.slice(0, 2),
      predictFn: ({ question }) => {
        if (question === 'Capital of Italy?') throw new Error('the app broke');
        return 'Paris';
      },
      scorers: [exactMatch(), scorer('throws', () => { throw new Error('scorer bug'); })],
      store,
    });
    expect(run.rows[0]?.scores.throws).toEqual({ error: { error_code: 'SCORER_ERROR', error_message: 'scorer bug' } });
    expect(run.rows[1]?.scores.exact_match).toEqual({ error: { error_code: 'PREDICT_ERROR', error_message: 'the app broke' } });
    expect(run.aggregates.exact_match).toEqual({ pass_rate: 1, errors: 1 });
    const failed = await store.traces.get(run.rows[1]?.trace_id ?? '');
    expect(failed?.info.state).toBe('ERROR');
  });

  it('never runs more rows at once than concurrency', async () => {
    let running = 0;
    let peak = 0;
    const data = Array.from({ length: 12 }, (_, index) => ({ inputs: { n: index } }));
    const run = await evaluate({
      data,
      concurrency: 3,
      predictFn: async ({ n }) => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(5);
        running -= 1;
        return n;
      },
      scorers: [scorer('even', ({ outputs }) => Number(outputs) % 2 === 0)],
    });
    expect(peak).toBe(3);
    expect(run.rows.map((row) => row.outputs)).toEqual(data.map((row) => row.inputs.n));
  });

  it('stops scheduling on cancel and ends cancelled with the rows already scored', async () => {
    const controller = new AbortController();
    let started = 0;
    const run = await evaluate({
      data: Array.from({ length: 50 }, (_, index) => ({ inputs: { n: index } })),
      concurrency: 2,
      signal: controller.signal,
      predictFn: async ({ n }) => {
        started += 1;
        await sleep(5);
        return n;
      },
      scorers: [scorer('ok', () => true)],
      onRow: (_row, progress) => {
        if (progress.done === 4) controller.abort();
      },
    });
    expect(run.status).toBe('cancelled');
    expect(run.progress.total).toBe(50);
    expect(run.rows.length).toBeGreaterThanOrEqual(4);
    expect(run.rows.length).toBeLessThan(10);
    expect(started).toBeLessThan(10);
  });

  it('v.evaluate() writes the run’s traces and scores to the instance’s store', async () => {
    const v = verdict({ store: memoryStore(), onError: () => undefined });
    const run = await v.evaluate({ data: capitals.slice(0, 1), predictFn: () => 'Paris', scorers: [exactMatch()] });
    const trace = await v.getTrace(run.rows[0]?.trace_id ?? '');
    expect(trace?.info.assessments.map((assessment) => [assessment.assessment_name, assessment.feedback?.value])).toEqual([['exact_match', true]]);
  });
});
