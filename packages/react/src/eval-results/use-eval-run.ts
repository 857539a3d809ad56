import type { EvalAggregate, EvalProgress, EvalRow, EvalRun, EvaluationStatus } from '@verdict/core';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { messageOf } from '../use-feedback-client';
import type { EvalResultsClient } from './eval-results-client';
import { createEvalRunStore } from './eval-run-store';
import type { EvalRunStore } from './eval-run-store';
import { scorerNames } from './eval-scores';
import { useEvalResultsClient } from './use-eval-results-client';

/** Options of {@link useEvalRun}. */
export interface UseEvalRunOptions {
  /** The client to read from. @default the nearest `VerdictProvider`'s evaluation client */
  client?: EvalResultsClient;
  /** First wait before reconnecting to a running run's events after the stream dropped (doubles, up to 10 s). @default 1000 */
  retryDelayMs?: number;
}

/** `loading` until the run is read, `error` when it cannot be, else the run's own status. */
export type EvalRunViewStatus = 'idle' | 'loading' | 'error' | EvaluationStatus;

/** What {@link useEvalRun} returns. */
export interface UseEvalRunResult {
  status: EvalRunViewStatus;
  /** Why the run could not be read (status `error`), or why cancelling failed. */
  error: string | null;
  /** The run's metadata (name, dataset, app, usage, times), without rows. */
  run: Omit<EvalRun, 'rows'> | null;
  progress: EvalProgress;
  aggregates: Record<string, EvalAggregate>;
  /** Every scored row so far, one per `row_id`. */
  rows: readonly EvalRow[];
  /** The run's scorers, then any seen only on rows. */
  scorers: string[];
  /** Asks the server to stop the run (status becomes `cancelled`). */
  cancel(): Promise<void>;
  cancelling: boolean;
  /** Reads the run again from scratch. */
  reload(): void;
}

const TERMINAL = new Set<EvaluationStatus>(['completed', 'cancelled', 'failed']);

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Feeds the run's live events into `store` until the stream ends; says whether it said `finished`. */
async function follow(client: EvalResultsClient, evaluationId: string, store: EvalRunStore, signal: AbortSignal): Promise<boolean> {
  try {
    for await (const event of client.evaluationEvents(evaluationId, { signal })) {
      store.applyEvent(event);
      if (event.type === 'finished') return true;
    }
  } catch {
    // A dropped stream is retried by the caller; the snapshot it reloads fills any gap.
  }
  return false;
}

/** Loads the run, then follows it live while it runs, reconnecting after drops. */
async function watch(
  client: EvalResultsClient,
  evaluationId: string,
  store: EvalRunStore,
  signal: AbortSignal,
  retryDelayMs: number,
  onError: (message: string | null) => void,
): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt += 1) {
    // The stream opens before the snapshot is read, so no row scored in between is missed;
    // the store merges both by row_id, so a row in both is counted once.
    const stream = new AbortController();
    const stop = () => stream.abort();
    signal.addEventListener('abort', stop, { once: true });
    const following = follow(client, evaluationId, store, stream.signal);
    try {
      const run = await client.getEvaluation(evaluationId, { signal });
      store.applyRun(run);
      onError(null);
      if (TERMINAL.has(run.status)) return stream.abort();
    } catch (error) {
      stream.abort();
      if (!signal.aborted) onError(messageOf(error));
      return;
    } finally {
      signal.removeEventListener('abort', stop);
    }
    if (await following) {
      // Final figures (usage, end time, exact aggregates) come with the finished run.
      const run = await client.getEvaluation(evaluationId, { signal }).catch(() => null);
      if (run !== null) store.applyRun(run);
      return;
    }
    await sleep(Math.min(retryDelayMs * 2 ** attempt, 10_000), signal);
  }
}

/**
 * One eval run, live: loads `GET /evaluations/:id`, follows its events (`row`, `progress`,
 * `finished`) while it runs, and merges both without losing or double-counting rows. Pass
 * `null` to show nothing.
 * @example
 * const { status, progress, aggregates, rows, cancel } = useEvalRun(evaluationId);
 */
export function useEvalRun(evaluationId: string | null | undefined, options: UseEvalRunOptions = {}): UseEvalRunResult {
  const client = useEvalResultsClient(options.client);
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const [generation, setGeneration] = useState(0);
  // A fresh store per run (and per reload), so rows of another run never mix in.
  const store = useMemo(() => createEvalRunStore(), [evaluationId, generation]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    setLoadError(null);
    if (!evaluationId) return;
    const controller = new AbortController();
    void watch(client, evaluationId, store, controller.signal, retryDelayMs, (message) => {
      if (!controller.signal.aborted) setLoadError(message);
    });
    return () => controller.abort();
  }, [client, evaluationId, store, retryDelayMs]);

  const cancel = useCallback(async () => {
    if (!evaluationId) return;
    setCancelling(true);
    setCancelError(null);
    try {
      await client.cancelEvaluation(evaluationId);
      store.applyRun(await client.getEvaluation(evaluationId));
    } catch (error) {
      setCancelError(messageOf(error));
    } finally {
      setCancelling(false);
    }
  }, [client, evaluationId, store]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const scorers = useMemo(() => scorerNames(snapshot.run?.scorers ?? [], snapshot.rows), [snapshot.run, snapshot.rows]);
  const status: EvalRunViewStatus = !evaluationId ? 'idle' : loadError !== null ? 'error' : (snapshot.status ?? 'loading');

  return {
    status,
    error: loadError ?? cancelError,
    run: snapshot.run,
    progress: snapshot.progress,
    aggregates: snapshot.aggregates,
    rows: snapshot.rows,
    scorers,
    cancel,
    cancelling,
    reload,
  };
}
