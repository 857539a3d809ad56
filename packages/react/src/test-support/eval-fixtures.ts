// Test and story data (never exported from the package): eval runs typed with core's schemas.
// Stories read them through stories/fake-eval-transport.ts, so both show the same runs.
import type { CompareEvaluationsResponse, EvalAggregate, EvalEvent, EvalRow, EvalRun, EvalScore } from '@verdict/core';

/** A well-formed evaluation id from a small number: `ev-000…0001`. */
export const fixtureEvaluationId = (n: number) => `ev-${n.toString(16).padStart(32, '0')}`;
const traceId = (n: number) => `tr-${(0xe000 + n).toString(16).padStart(32, '0')}`;

const QUESTIONS = ['What is a trace?', 'What is a span?', 'How do I rate an answer?', 'Can I undo a vote?', 'What is a judge?'];

/**
 * Row `n` of a run: a question, an answer, an expected answer, and the scores `score(n)` gives
 * (by default `correctness` passes unless n % 4 === 3, `relevance` = (n % 10) / 10).
 */
export function fixtureRow(n: number, score: (n: number) => Record<string, EvalScore> = defaultScores): EvalRow {
  const question = `${QUESTIONS[n % QUESTIONS.length]} (#${n + 1})`;
  return {
    row_id: `row-${n}`,
    inputs: { question },
    outputs: `Answer to ${question}`,
    expectations: { expected_response: `Expected answer to ${question}` },
    trace_id: traceId(n),
    scores: score(n),
  };
}

export const defaultScores = (n: number): Record<string, EvalScore> => ({
  correctness: n % 4 === 3 ? { value: false, rationale: `Row ${n + 1} misses the key fact.` } : { value: true, rationale: `Row ${n + 1} states the fact.` },
  relevance: { value: (n % 10) / 10, rationale: `Relevance of row ${n + 1}.` },
});

/** Pass rates and means of `rows`, as the server computes them. */
export function aggregatesOf(rows: readonly EvalRow[], scorers: readonly string[]): Record<string, EvalAggregate> {
  const result: Record<string, EvalAggregate> = {};
  for (const name of scorers) {
    const scores = rows.map((row) => row.scores[name]).filter((score): score is EvalScore => score !== undefined);
    const errors = scores.filter((score) => score.error !== undefined).length;
    const booleans = scores.flatMap((score) => (score.error === undefined && typeof score.value === 'boolean' ? [score.value] : []));
    const numbers = scores.flatMap((score) => (score.error === undefined && typeof score.value === 'number' ? [score.value] : []));
    if (booleans.length > 0) result[name] = { pass_rate: booleans.filter(Boolean).length / booleans.length, errors };
    else if (numbers.length > 0) result[name] = { mean: numbers.reduce((a, b) => a + b, 0) / numbers.length, errors };
    else result[name] = { errors };
  }
  return result;
}

/** A run of `rows` (all of `total` when finished), status and figures consistent with them. */
export function fixtureRun(options: {
  id?: number;
  name?: string;
  rows: readonly EvalRow[];
  total?: number;
  status?: EvalRun['status'];
  scorers?: string[];
}): EvalRun {
  const scorers = options.scorers ?? ['correctness', 'relevance'];
  const total = options.total ?? options.rows.length;
  return {
    evaluation_id: fixtureEvaluationId(options.id ?? 1),
    name: options.name ?? 'golden-v1',
    status: options.status ?? 'completed',
    progress: { done: options.rows.length, total },
    aggregates: aggregatesOf(options.rows, scorers),
    rows: [...options.rows],
    usage: { judge_prompt_tokens: 1200, judge_completion_tokens: 300 },
    scorers,
    dataset: 'golden',
    app: 'chat-v1',
    create_time: 1_700_000_000_000,
  };
}

/** The events a server sends while `rows` get scored one by one after `before` were done. */
export function liveEvents(before: readonly EvalRow[], rows: readonly EvalRow[], total: number, scorers = ['correctness', 'relevance']): EvalEvent[] {
  const done = [...before];
  const events: EvalEvent[] = [];
  for (const row of rows) {
    done.push(row);
    events.push({ type: 'row', row }, { type: 'progress', progress: { done: done.length, total }, aggregates: aggregatesOf(done, scorers) });
  }
  return events;
}

/** A comparison with one row of each change, regressions last in the server's order. */
export function fixtureComparison(): CompareEvaluationsResponse {
  return {
    scorers: { correctness: { base: 0.5, candidate: 0.75, delta: 0.25 }, relevance: { base: 0.6, candidate: 0.45, delta: -0.15 } },
    rows: [
      {
        inputs: { question: 'What is a trace?' },
        base: { correctness: { value: true }, relevance: { value: 0.8 } },
        candidate: { correctness: { value: true }, relevance: { value: 0.8 } },
        change: 'unchanged',
      },
      {
        inputs: { question: 'What is a span?' },
        base: { correctness: { value: false, rationale: 'Wrong unit.' } },
        candidate: { correctness: { value: true, rationale: 'Right now.' } },
        change: 'improved',
      },
      {
        inputs: { question: 'Can I undo a vote?' },
        base: { correctness: { value: true, rationale: 'Says press again.' } },
        candidate: { correctness: { value: false, rationale: 'Claims votes are final.' } },
        change: 'regressed',
      },
    ],
  };
}
