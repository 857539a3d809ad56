import { VerdictError, createScoreAccumulator, newId } from '@verdict/core';
import type { EvalEvent, EvalRun, ListEvaluationsResponse, StartEvaluationBody, Store, Trace, VerdictUser } from '@verdict/core';
import type { TraceWriter } from '../tracing';
import { createDatasetService } from '../review/dataset-service';
import { runEvaluation } from './evaluate';
import type { EvaluateData } from './eval-data';
import type { PredictFn } from './evaluate';
import { findApp } from './run-app';
import type { JudgeOptions } from './judge-runtime';
import type { ScorerRegistry } from './scorer-registry';

/** What the run manager needs from its `verdict()` instance. */
export interface EvalRunManagerDeps {
  store: Store;
  writer: TraceWriter;
  scorers: ScorerRegistry;
  apps: Readonly<Record<string, PredictFn>>;
  judge: JudgeOptions | undefined;
  onError: (error: unknown) => void;
  /**
   * How a live run looks to callers (`get`, `follow`, `cancel`, `row` events) before it is
   * stored: `verdict({ redact })` masks it as the store will. May throw (the caller gets the error).
   * @default unchanged
   */
  present?: (run: EvalRun) => EvalRun;
  /** Least time between two writes of a running run to the store. @default 250 */
  persistIntervalMs?: number;
  /** Least time between two recomputations of a running run's aggregates for `progress` events. @default 100 */
  aggregateIntervalMs?: number;
}

/** A subscriber of a run's events. */
export type EvalListener = (event: EvalEvent) => void;

/** Background evaluation runs: start, read (live while running), list, cancel, follow. */
export interface EvalRunManager {
  /** Checks the request, stores the run as `running` and starts it in the background. */
  start(body: StartEvaluationBody, user: VerdictUser | undefined): Promise<EvalRun>;
  get(evaluationId: string): Promise<EvalRun>;
  list(): Promise<ListEvaluationsResponse>;
  /** Stops scheduling rows and resolves with the run once it has ended `cancelled` (a finished run as it is). */
  cancel(evaluationId: string): Promise<EvalRun>;
  /**
   * The run as it is now plus, while it runs, a subscription to what follows (same tick, so no
   * event falls between). `unsubscribe` is undefined when the run has already ended.
   */
  follow(evaluationId: string, listener: EvalListener): Promise<{ run: EvalRun; unsubscribe: (() => void) | undefined }>;
  /** Resolves when every running run has ended (for shutdown and tests). */
  idle(): Promise<void>;
}

interface LiveRun {
  run: EvalRun;
  controller: AbortController;
  listeners: Set<EvalListener>;
  done: Promise<void>;
  totals: ReturnType<typeof createScoreAccumulator>;
  aggregatesAt: number;
  persistTimer: ReturnType<typeof setTimeout> | undefined;
  lastPersist: number;
  persisting: Promise<void>;
}

const MAX_FILTER_TRACES = 10_000;

function notFound(evaluationId: string): VerdictError {
  return new VerdictError('NOT_FOUND', `evaluation ${evaluationId} not found`);
}

function invalid(message: string, path: string[]): VerdictError {
  return new VerdictError('INVALID_ARGUMENT', message, { issues: [{ code: 'custom', path, message }] });
}

/**
 * Creates the manager of a `verdict()` instance's evaluation runs. A running run lives in memory
 * and is written to `store.evalRuns` at most every `persistIntervalMs` and at the end, so a
 * 10,000-row run does not rewrite its document 10,000 times. A run found `running` in the store
 * but not in memory (the process stopped) is marked `failed` when read.
 * @example const runs = createEvalRunManager({ store, writer, scorers: createScorerRegistry(), apps: {}, judge: undefined, onError: console.error })
 */
export function createEvalRunManager(deps: EvalRunManagerDeps): EvalRunManager {
  const present = deps.present ?? ((run: EvalRun) => run);
  const live = new Map<string, LiveRun>();
  const persistIntervalMs = deps.persistIntervalMs ?? 250;
  const aggregateIntervalMs = deps.aggregateIntervalMs ?? 100;

  function emit(state: LiveRun, event: EvalEvent): void {
    for (const listener of state.listeners) {
      try {
        listener(event);
      } catch (error) {
        deps.onError(error);
      }
    }
  }

  function persist(state: LiveRun): Promise<void> {
    if (state.persistTimer !== undefined) clearTimeout(state.persistTimer);
    state.persistTimer = undefined;
    state.lastPersist = Date.now();
    const snapshot = structuredClone(state.run);
    // Chained: one write at a time, each the newer state, so the store never goes backwards.
    state.persisting = state.persisting
      .then(() => deps.store.evalRuns.update(snapshot.evaluation_id, () => snapshot))
      .then(
        () => undefined,
        (error: unknown) => deps.onError(error),
      );
    return state.persisting;
  }

  function schedulePersist(state: LiveRun): void {
    if (state.persistTimer !== undefined) return;
    const wait = Math.max(0, persistIntervalMs - (Date.now() - state.lastPersist));
    state.persistTimer = setTimeout(() => void persist(state), wait);
  }

  async function tracesOf(body: StartEvaluationBody): Promise<Trace[]> {
    let ids: string[] = body.trace_ids ?? [];
    if (body.filter !== undefined) {
      ids = [];
      let pageToken: string | undefined = body.filter.page_token;
      do {
        const page = await deps.store.traces.search({ ...body.filter, ...(pageToken === undefined ? {} : { page_token: pageToken }) });
        ids.push(...page.traces.map((info) => info.trace_id));
        pageToken = page.next_page_token;
      } while (pageToken !== undefined && ids.length < MAX_FILTER_TRACES);
      ids = ids.slice(0, MAX_FILTER_TRACES);
    }
    const traces = await Promise.all(ids.map((id) => deps.store.traces.get(id)));
    const missing = ids.filter((_, index) => traces[index] === null);
    if (missing.length > 0) throw new VerdictError('NOT_FOUND', `traces not found: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
    return traces as Trace[];
  }

  async function dataOf(body: StartEvaluationBody): Promise<{ data: EvaluateData; total: number }> {
    if (body.dataset !== undefined) {
      const records = await createDatasetService(deps.store).getRecords(body.dataset);
      return { data: body.dataset, total: records.length };
    }
    const traces = await tracesOf(body);
    return { data: traces, total: traces.length };
  }

  async function markStale(run: EvalRun): Promise<EvalRun> {
    if (run.status !== 'running' || live.has(run.evaluation_id)) return run;
    const failed = (current: EvalRun): EvalRun =>
      current.status === 'running' ? { ...current, status: 'failed', error: 'the server stopped before the run finished', end_time: current.end_time ?? Date.now() } : current;
    return deps.store.evalRuns.update(run.evaluation_id, failed).catch(() => failed(run));
  }

  function current(state: LiveRun): EvalRun {
    if (Date.now() - state.aggregatesAt >= aggregateIntervalMs) {
      state.run.aggregates = state.totals.snapshot();
      state.aggregatesAt = Date.now();
    }
    return state.run;
  }

  return {
    async start(body, user) {
      const scorers = deps.scorers.resolve(body.scorers);
      let predictFn: PredictFn | undefined;
      if (body.app !== undefined) predictFn = findApp(deps.apps, body.app, ['app']);
      if (body.dataset !== undefined && predictFn === undefined) {
        throw invalid('a dataset has inputs but no outputs: name the app to run on it (app)', ['app']);
      }
      const { data, total } = await dataOf(body);
      const evaluationId = newId('evaluation');
      const controller = new AbortController();
      const run: EvalRun = {
        evaluation_id: evaluationId,
        name: body.name ?? `${body.app ?? 'traces'} on ${body.dataset ?? `${total} traces`}`,
        status: 'running',
        progress: { done: 0, total },
        aggregates: {},
        rows: [],
        usage: { judge_prompt_tokens: 0, judge_completion_tokens: 0 },
        scorers: scorers.map((scorer) => scorer.name),
        ...(body.dataset === undefined ? {} : { dataset: body.dataset }),
        ...(body.app === undefined ? {} : { app: body.app }),
        create_time: Date.now(),
        ...(user === undefined ? {} : { created_by: user.id }),
      };
      await deps.store.evalRuns.create(evaluationId, run);
      const state: LiveRun = {
        run: structuredClone(run),
        controller,
        listeners: new Set(),
        done: Promise.resolve(),
        totals: createScoreAccumulator(run.scorers),
        aggregatesAt: 0,
        persistTimer: undefined,
        lastPersist: Date.now(),
        persisting: Promise.resolve(),
      };
      live.set(evaluationId, state);
      state.done = (async () => {
        try {
          const finished = await runEvaluation(
            {
              data,
              ...(predictFn === undefined ? {} : { predictFn }),
              scorers,
              name: run.name,
              concurrency: body.concurrency ?? 4,
              signal: controller.signal,
              ...(deps.judge === undefined ? {} : { judge: deps.judge }),
              onRow: (row, progress) => {
                state.run.rows.push(row);
                state.run.progress = progress;
                state.totals.add(row);
                // A row that cannot be presented (the redact hook threw) is not sent; its write fails the same way.
                let shown: EvalRun['rows'][number] | undefined;
                try {
                  shown = present({ ...state.run, rows: [row] }).rows[0];
                } catch (error) {
                  deps.onError(error);
                }
                if (shown !== undefined) emit(state, { type: 'row', row: shown });
                const snapshot = current(state);
                emit(state, { type: 'progress', progress: { ...snapshot.progress }, aggregates: snapshot.aggregates });
                schedulePersist(state);
              },
            },
            { store: deps.store, writer: deps.writer, evaluationId, onError: deps.onError },
          );
          // Keep what the manager knows beyond runEvaluation's view (creator, app, dataset, start time).
          state.run = { ...state.run, status: finished.status, rows: finished.rows, aggregates: finished.aggregates, usage: finished.usage, progress: finished.progress, end_time: finished.end_time ?? Date.now() };
        } catch (error) {
          deps.onError(error);
          state.run = { ...state.run, status: 'failed', error: error instanceof Error ? error.message : String(error), end_time: Date.now(), aggregates: state.totals.snapshot() };
        }
        await persist(state);
        live.delete(evaluationId);
        emit(state, { type: 'progress', progress: state.run.progress, aggregates: state.run.aggregates });
        emit(state, { type: 'finished', status: state.run.status });
        state.listeners.clear();
      })();
      return structuredClone(run);
    },

    async get(evaluationId) {
      const state = live.get(evaluationId);
      if (state !== undefined) return structuredClone(present(current(state)));
      const stored = await deps.store.evalRuns.get(evaluationId);
      if (stored === null) throw notFound(evaluationId);
      return markStale(stored);
    },

    async list() {
      const stored = await deps.store.evalRuns.list();
      const runs = await Promise.all(stored.map((run) => (live.has(run.evaluation_id) ? current(live.get(run.evaluation_id) as LiveRun) : markStale(run))));
      const evaluations = runs.map(({ rows: _rows, ...info }) => structuredClone(info)).sort((a, b) => b.create_time - a.create_time);
      return { evaluations };
    },

    async cancel(evaluationId) {
      const state = live.get(evaluationId);
      if (state === undefined) return this.get(evaluationId);
      state.controller.abort();
      await state.done;
      return structuredClone(present(state.run));
    },

    async follow(evaluationId, listener) {
      const state = live.get(evaluationId);
      if (state === undefined) return { run: await this.get(evaluationId), unsubscribe: undefined };
      state.listeners.add(listener);
      return { run: structuredClone(present(current(state))), unsubscribe: () => state.listeners.delete(listener) };
    },

    async idle() {
      await Promise.all([...live.values()].map((state) => state.done));
    },
  };
}
