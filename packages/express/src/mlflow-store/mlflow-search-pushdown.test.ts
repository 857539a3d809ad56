import type { ParsedSearchTracesParams, SearchTracesParams } from '@verdict/core';
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlflowStore } from './mlflow-store';
import type { MlflowStore } from './mlflow-store';
import { assessmentClauses } from './search-filter';
import { startMlflowEmulator } from './test-support/mlflow-emulator';
import type { MlflowEmulator, SeenRequest } from './test-support/mlflow-emulator';

const clausesOf = (assessment_name: string | undefined, assessment_value: string | undefined) =>
  assessmentClauses({ assessment_name, assessment_value } as ParsedSearchTracesParams);

describe('assessmentClauses: pushed down only when MLflow cannot drop a row Verdict keeps', () => {
  it('booleans and plain words become a feedback and an expectation clause', () => {
    expect(clausesOf('user_feedback', 'false')).toEqual(["feedback.user_feedback = 'false'", "expectation.user_feedback = 'false'"]);
    expect(clausesOf('topic', 'billing')).toEqual(["feedback.topic = 'billing'", "expectation.topic = 'billing'"]);
    expect(clausesOf('my.score', 'true')).toEqual(["feedback.`my.score` = 'true'", "expectation.`my.score` = 'true'"]);
  });

  it.each([
    ['no value', 'user_feedback', undefined],
    ['a number (Python may store 5.0)', 'score', '5'],
    ['a JSON string (also matches a raw string with quotes)', 'topic', '"billing"'],
    ['null', 'topic', 'null'],
    ['a list', 'tags', '["a"]'],
    ['a quote', 'topic', "it's"],
    ['a backslash', 'topic', 'a\\b'],
    ['non-ASCII', 'topic', 'héllo'],
    ['edge whitespace', 'topic', ' billing'],
    ['the empty string', 'topic', ''],
    ['a backtick in the name', 'to`pic', 'billing'],
  ])('stays client-side: %s', (_, name, value) => {
    expect(clausesOf(name, value)).toBeUndefined();
  });
});

describe('assessment filters pushed down to MLflow', () => {
  const T = 1_700_000_000_000;
  const N = 120;
  let emulator: MlflowEmulator;
  let store: MlflowStore;
  const ids: string[] = [];
  const times: number[] = [];
  beforeAll(async () => {
    emulator = await startMlflowEmulator();
    store = await mlflowStore({ trackingUri: emulator.url, experimentName: 'pushdown', onLog: () => undefined });
    for (let n = 0; n < N; n += 1) {
      // 55 and 56 share a ms, in the opposite order of their fractional times when ids sort so.
      times.push(n === 55 ? T + 55.7 : n === 56 ? T + 55.2 : T + n);
      const trace = makeTrace({ request_time: times[n]! });
      ids.push(trace.info.trace_id);
      await store.traces.put(trace);
      const id = trace.info.trace_id;
      const vote = [7, 55, 56, 90, 110].includes(n) ? false : true;
      const first = await store.assessments.create(makeAssessment(id, { create_time: T + 1, feedback: { value: n === 30 ? 'false' : vote } }));
      // 90's thumbs-down was changed to a thumbs-up: no longer a match.
      if (n === 90) await store.assessments.create(makeAssessment(id, { create_time: T + 2, feedback: { value: true }, overrides: first.assessment_id }));
      // An expectation with the feedback's name matches too (Verdict's rule does not look at the kind).
      if (n === 80) await store.assessments.create(makeAssessment(id, { assessment_name: 'user_feedback', source: { source_type: 'HUMAN', source_id: 'expert' }, expectation: { value: false } }));
      await store.assessments.create(makeAssessment(id, { assessment_name: 'topic', source: { source_type: 'LLM_JUDGE', source_id: 'judge' }, feedback: { value: n % 25 === 0 ? 'billing' : 'other' } }));
    }
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await emulator.close();
  });

  const searches = (requests: SeenRequest[]) =>
    requests.filter((request) => request.path.endsWith('/traces/search')).map((request) => (JSON.parse(request.body.toString('utf8')) as { filter?: string }).filter ?? '');

  async function pageThrough(on: MlflowStore, params: SearchTracesParams): Promise<{ seen: string[]; filters: string[] }> {
    emulator.requests.length = 0;
    const seen: string[] = [];
    let page_token: string | undefined;
    do {
      const page = await on.traces.search({ ...params, ...(page_token === undefined ? {} : { page_token }) });
      seen.push(...page.traces.map((info) => info.trace_id));
      page_token = page.next_page_token;
    } while (page_token !== undefined);
    return { seen, filters: searches(emulator.requests) };
  }

  const byTime = (picked: number[], direction: 'ASC' | 'DESC') => {
    const sorted = [...picked].sort((a, b) => times[a]! - times[b]!).map((n) => ids[n]!);
    return direction === 'ASC' ? sorted : sorted.reverse();
  };

  it.each([
    ['user_feedback', 'false', [7, 30, 55, 56, 80, 110]],
    ['topic', 'billing', [0, 25, 50, 75, 100]],
  ] as const)('%s = %s: same pages as client-side filtering, from far fewer MLflow pages', async (name, value, picked) => {
    const logs: string[] = [];
    // A server that refuses feedback/expectation clauses (400): the store falls back to client-side only.
    emulator.fault = (request) =>
      request.path.endsWith('/traces/search') && /feedback\.|expectation\./.test(request.body.toString('utf8'))
        ? { status: 400, body: JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid clause(s) in filter string' }) }
        : undefined;
    const plain = await mlflowStore({ trackingUri: emulator.url, experimentName: 'pushdown', onLog: (_, message) => logs.push(message) });
    try {
      for (const direction of ['ASC', 'DESC'] as const) {
        const params: SearchTracesParams = { assessment_name: name, assessment_value: value, max_results: 2, order_by: `request_time ${direction}` };
        const without = await pageThrough(plain, params);
        emulator.fault = undefined;
        const withPushdown = await pageThrough(store, params);
        expect(withPushdown.seen).toEqual(byTime([...picked], direction));
        expect(without.seen).toEqual(withPushdown.seen);
        // Refused once (the first page of the first direction), client-side only from then on.
        const plainFilters = without.filters.filter((filter) => !/feedback\.|expectation\./.test(filter));
        expect(without.filters.length - plainFilters.length).toBe(direction === 'ASC' ? 1 : 0);
        expect(withPushdown.filters.some((filter) => filter.includes(`feedback.${name} = '${value}'`))).toBe(true);
        expect(withPushdown.filters.some((filter) => filter.includes(`expectation.${name} = '${value}'`))).toBe(true);
        // Without pushdown every MLflow page of 3 rows is read; with it, a few per Verdict page.
        expect(withPushdown.filters.length * 4).toBeLessThan(plainFilters.length);
      }
      expect(logs.filter((line) => line.includes('refused feedback/expectation filters'))).toHaveLength(1);
    } finally {
      emulator.fault = undefined;
      await plain.close();
    }
  });

  it('the emulator compares feedback clauses as mlflow-rest.md says: valid only, by kind, JSON or raw string', async () => {
    const experimentId = (emulator.state.traces.get(ids[0]!)!.info.trace_location as { mlflow_experiment: { experiment_id: string } }).mlflow_experiment.experiment_id;
    const search = async (filter: string) => {
      const response = await fetch(`${emulator.url}/api/3.0/mlflow/traces/search`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } }], filter, max_results: 500 }),
      });
      const body = (await response.json()) as { traces?: Array<{ trace_id: string }> };
      return new Set((body.traces ?? []).map((trace) => trace.trace_id));
    };
    const falseVotes = await search("feedback.user_feedback = 'false'");
    // Boolean false (7, 55, 56, 110) and the string "false" (30); not 90 (overridden), not 80 (an expectation).
    expect(falseVotes).toEqual(new Set([7, 30, 55, 56, 110].map((n) => ids[n]!)));
    expect(await search("expectation.user_feedback = 'false'")).toEqual(new Set([ids[80]!]));
    expect((await search("feedback.topic = 'billing'")).size).toBe(5);
    // Boolean true everywhere else, including 90's override.
    expect((await search("feedback.user_feedback = 'true'")).size).toBe(N - 5);
  });
});
