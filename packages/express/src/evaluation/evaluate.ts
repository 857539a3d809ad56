import { setMaxListeners } from 'node:events';
import { createScoreAccumulator, memoryStore, newAssessment, newId } from '@verdict/core';
import type { EvalProgress, EvalRow, EvalRun, EvalScore, Store, Trace } from '@verdict/core';
import { createTraceWriter } from '../tracing';
import type { TraceWriter } from '../tracing';
import { resolveRows } from './eval-data';
import type { EvaluateData, PendingRow } from './eval-data';
import { createJudgeRuntime } from './judge-runtime';
import type { JudgeOptions, JudgeRuntime } from './judge-runtime';
import { runAppInTrace } from './run-app';
import type { PredictFn } from './run-app';
import { errorScore, toEvalScore } from './scorer';
import type { Scorer, ScorerContext } from './scorer';

/** The app under test: called with a row's inputs inside a trace tagged with the run. */
export type { PredictFn } from './run-app';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** A dataset name (needs `store`), records `{ inputs, expectations?, outputs? }`, or traces. */
  data: EvaluateData;
  /** The app under test; without it the rows' own outputs (a trace's root outputs) are scored. */
  predictFn?: PredictFn;
  scorers: readonly Scorer[];
  /** @default 'evaluation <date>' */
  name?: string;
  /** Rows scored at once. @default 4 */
  concurrency?: number;
  /** Aborting stops scheduling rows; the run ends `cancelled` with the rows already scored. */
  signal?: AbortSignal;
  /** Where datasets are read and traces and assessments written. @default a private in-memory store */
  store?: Store;
  /** The LLM judge of the built-in judge scorers. */
  judge?: JudgeOptions;
  /** Called as each row is scored, with the progress so far. */
  onRow?: (row: EvalRow, progress: EvalProgress) => void;
  /** Called once the rows are known, before any is scored. */
  onStart?: (run: EvalRun) => void;
}

/** What {@link runEvaluation} needs beyond the options: where traces go and the run's identity. */
export interface EvaluationDeps {
  store: Store;
  writer: TraceWriter;
  evaluationId?: string;
  /** Extra fields of the run (app, dataset, created_by). */
  run?: Partial<Pick<EvalRun, 'app' | 'dataset' | 'created_by'>>;
  /** Told about failed assessment writes (the row keeps its scores). */
  onError?: (error: unknown) => void;
}

/**
 * The tag (and assessment metadata key) naming the evaluation a trace or score belongs to.
 * @example await v.searchTraces({ tags: { [EVALUATION_TAG]: run.evaluation_id } })
 */
export const EVALUATION_TAG = 'verdict.evaluation_id';
/**
 * The tag naming the row (dataset record id, or `row-<n>`) a trace was made for.
 * @example trace.info.tags[EVAL_ROW_TAG] // 'dr-…'
 */
export const EVAL_ROW_TAG = 'verdict.eval_row';

async function scoreRow(row: PendingRow, scorers: readonly Scorer[], scorerContext: ScorerContext): Promise<Record<string, EvalScore>> {
  const input = { inputs: row.inputs, outputs: row.outputs, expectations: row.expectations, trace: row.trace };
  const entries = await Promise.all(
    scorers.map(async (scorer): Promise<[string, EvalScore]> => {
      try {
        return [scorer.name, toEvalScore(await scorer.score(input, scorerContext))];
      } catch (error) {
        return [scorer.name, errorScore('SCORER_ERROR', error)];
      }
    }),
  );
  return Object.fromEntries(entries);
}

async function predictRow(row: PendingRow, predictFn: PredictFn, deps: EvaluationDeps, evaluationId: string, signal: AbortSignal): Promise<{ failure?: unknown }> {
  const result = await runAppInTrace(predictFn, row.inputs, {
    store: deps.store,
    writer: deps.writer,
    signal,
    tags: { [EVALUATION_TAG]: evaluationId, [EVAL_ROW_TAG]: row.rowId },
  });
  row.trace = result.trace;
  row.outputs = result.outputs;
  return result.failure === undefined ? {} : { failure: result.failure };
}

async function logScores(deps: EvaluationDeps, trace: Trace, scorers: readonly Scorer[], scores: Record<string, EvalScore>, evaluationId: string): Promise<void> {
  for (const scorer of scorers) {
    const score = scores[scorer.name];
    if (score === undefined || score.error?.error_code === 'CANCELLED') continue;
    const feedback = score.error === undefined ? { value: score.value ?? false } : { ...(score.value === undefined ? {} : { value: score.value }), error: score.error };
    try {
      await deps.store.assessments.create(
        newAssessment({
          trace_id: trace.info.trace_id,
          assessment_name: scorer.name,
          source: { source_type: scorer.kind === 'judge' ? 'LLM_JUDGE' : 'CODE', source_id: scorer.name },
          feedback,
          ...(score.rationale === undefined ? {} : { rationale: score.rationale }),
          metadata: { [EVALUATION_TAG]: evaluationId },
        }),
      );
    } catch (error) {
      deps.onError?.(error);
    }
  }
}

function cancelledBy(scores: Record<string, EvalScore>): boolean {
  return Object.values(scores).some((score) => score.error?.error_code === 'CANCELLED');
}

/**
 * {@link evaluate} with explicit dependencies: the `verdict()` instance passes its store and trace
 * writer, so the run's traces are the instance's traces.
 * @example const run = await runEvaluation({ data: 'golden', predictFn, scorers }, { store, writer: createTraceWriter(store) })
 */
export async function runEvaluation(options: EvaluateOptions, deps: EvaluationDeps): Promise<EvalRun> {
  // The run's own signal, following the caller's: every in-flight judge call and backoff listens
  // to it, more than Node's default of 10 listeners on a busy run, which is expected, not a leak.
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const follow = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', follow, { once: true });
  const signal = controller.signal;
  try {
    return await scoreAll(options, deps, signal);
  } finally {
    options.signal?.removeEventListener('abort', follow);
  }
}

async function scoreAll(options: EvaluateOptions, deps: EvaluationDeps, signal: AbortSignal): Promise<EvalRun> {
  const evaluationId = deps.evaluationId ?? newId('evaluation');
  const scorerNames = options.scorers.map((scorer) => scorer.name);
  const run: EvalRun = {
    evaluation_id: evaluationId,
    name: options.name ?? `evaluation ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`,
    status: 'running',
    progress: { done: 0, total: 0 },
    aggregates: {},
    rows: [],
    usage: { judge_prompt_tokens: 0, judge_completion_tokens: 0 },
    scorers: scorerNames,
    create_time: Date.now(),
    ...deps.run,
  };
  const pending = await resolveRows(options.data, deps.store);
  run.progress.total = pending.length;
  const judge: JudgeRuntime | undefined = options.judge === undefined ? undefined : createJudgeRuntime(options.judge);
  const scorerContext: ScorerContext = { signal, judge };
  const totals = createScoreAccumulator(scorerNames);
  const finished: (EvalRow | undefined)[] = new Array<EvalRow | undefined>(pending.length);
  options.onStart?.(structuredClone(run));

  let next = 0;
  const worker = async (): Promise<void> => {
    while (!signal.aborted && next < pending.length) {
      const index = next++;
      const row = pending[index] as PendingRow;
      let scores: Record<string, EvalScore>;
      const predicted = options.predictFn === undefined ? {} : await predictRow(row, options.predictFn, deps, evaluationId, signal);
      if (predicted.failure !== undefined) {
        const failed = errorScore('PREDICT_ERROR', predicted.failure);
        scores = Object.fromEntries(scorerNames.map((name) => [name, failed]));
      } else {
        scores = await scoreRow(row, options.scorers, scorerContext);
      }
      // A row cut short by cancellation was not really scored: it is left out, not counted as errors.
      if (signal.aborted && (cancelledBy(scores) || predicted.failure !== undefined)) continue;
      if (row.trace !== undefined) await logScores(deps, row.trace, options.scorers, scores, evaluationId);
      const result: EvalRow = {
        row_id: row.rowId,
        inputs: row.inputs,
        ...(row.outputs === undefined ? {} : { outputs: row.outputs }),
        expectations: row.expectations,
        ...(row.trace === undefined ? {} : { trace_id: row.trace.info.trace_id }),
        scores,
      };
      finished[index] = result;
      totals.add(result);
      run.progress.done += 1;
      options.onRow?.(result, { ...run.progress });
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, pending.length));
  await Promise.all(Array.from({ length: workers }, worker));

  run.rows = finished.filter((row): row is EvalRow => row !== undefined);
  run.aggregates = totals.snapshot();
  if (judge !== undefined) run.usage = { ...judge.usage };
  run.status = signal.aborted && run.progress.done < run.progress.total ? 'cancelled' : 'completed';
  run.end_time = Date.now();
  return run;
}

/**
 * Runs an evaluation: each row's inputs through `predictFn` (each in its own trace tagged
 * `verdict.evaluation_id`), or the rows' own outputs, then every scorer on every row, `concurrency`
 * rows at a time. Scores are logged on the row's trace as feedback (source `LLM_JUDGE` for judges,
 * `CODE` for code scorers, `source_id` = scorer name); a scorer that fails gives an error score,
 * never a crash. Resolves with the finished run: rows, aggregates, judge token usage.
 * @example
 * const run = await evaluate({
 *   data: [{ inputs: { question: 'Capital of France?' }, expectations: { expected_response: 'Paris' } }],
 *   predictFn: ({ question }) => answer(String(question)),
 *   scorers: [exactMatch(), correctness()],
 *   judge: { baseURL: 'http://localhost:11434/v1', model: 'llama3.1' },
 * });
 * console.log(run.aggregates.correctness?.pass_rate);
 */
export async function evaluate(options: EvaluateOptions): Promise<EvalRun> {
  const store = options.store ?? memoryStore();
  const writer = createTraceWriter(store);
  try {
    return await runEvaluation(options, { store, writer });
  } finally {
    await writer.flush();
  }
}
