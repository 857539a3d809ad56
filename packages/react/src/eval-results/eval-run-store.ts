import type { EvalAggregate, EvalEvent, EvalProgress, EvalRow, EvalRun, EvaluationStatus } from '@verdict/core';

/** What {@link createEvalRunStore} holds: the run as last loaded, with every live event merged in. */
export interface EvalRunSnapshot {
  /** The run without rows, or null before the first load. */
  run: Omit<EvalRun, 'rows'> | null;
  status: EvaluationStatus | null;
  progress: EvalProgress;
  aggregates: Record<string, EvalAggregate>;
  /** One entry per `row_id`, in the order first seen. */
  rows: readonly EvalRow[];
}

/** A framework-free merge of a run's snapshot (`GET /evaluations/:id`) and its live events. */
export interface EvalRunStore {
  /** Merges a loaded run. Safe in any order with events: nothing is lost or counted twice. */
  applyRun(run: EvalRun): void;
  applyEvent(event: EvalEvent): void;
  getSnapshot(): EvalRunSnapshot;
  /** Called (batched by `schedule`) after changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Options of {@link createEvalRunStore}. */
export interface EvalRunStoreOptions {
  /**
   * Runs `flush` later, so a burst of row events rebuilds the rows list once, not per event.
   * @default (flush) => setTimeout(flush, 16)
   */
  schedule?: (flush: () => void) => void;
}

const TERMINAL: ReadonlySet<EvaluationStatus> = new Set(['completed', 'cancelled', 'failed']);

/**
 * Creates the merge state of one eval run. Rows are keyed by `row_id` (a row seen in both the
 * snapshot and an event is one row); progress only moves forward, and the aggregates come with
 * the furthest progress; a finished status is never taken back by an older snapshot.
 * @example
 * const store = createEvalRunStore();
 * store.applyEvent({ type: 'row', row }); store.applyRun(await client.getEvaluation(id));
 */
export function createEvalRunStore(options: EvalRunStoreOptions = {}): EvalRunStore {
  const schedule = options.schedule ?? ((flush) => void setTimeout(flush, 16));
  const rows = new Map<string, EvalRow>();
  const listeners = new Set<() => void>();
  let snapshot: EvalRunSnapshot = { run: null, status: null, progress: { done: 0, total: 0 }, aggregates: {}, rows: [] };
  let pending: Partial<EvalRunSnapshot> | null = null;
  let rowsChanged = false;

  const next = (): Partial<EvalRunSnapshot> => (pending ??= {});
  const current = <K extends keyof EvalRunSnapshot>(key: K): EvalRunSnapshot[K] =>
    (pending?.[key] !== undefined ? pending[key] : snapshot[key]) as EvalRunSnapshot[K];

  function flush(): void {
    if (pending === null && !rowsChanged) return;
    snapshot = { ...snapshot, ...pending, ...(rowsChanged ? { rows: [...rows.values()] } : {}) };
    pending = null;
    rowsChanged = false;
    for (const listener of listeners) listener();
  }

  /** Applies one change; the first change after a flush schedules the next flush. */
  function batch(apply: () => void): void {
    const idle = pending === null && !rowsChanged;
    apply();
    if (idle && (pending !== null || rowsChanged)) schedule(flush);
  }

  function upsertRow(row: EvalRow): void {
    rows.set(row.row_id, row);
    rowsChanged = true;
  }

  function setStatus(status: EvaluationStatus): void {
    const before = current('status');
    // A terminal status is final: a snapshot read before the end must not reopen the run.
    if (before !== null && TERMINAL.has(before) && !TERMINAL.has(status)) return;
    next().status = status;
  }

  function setProgress(progress: EvalProgress, aggregates: Record<string, EvalAggregate>, force = false): void {
    const before = current('progress');
    if (!force && progress.done < before.done) return;
    next().progress = progress;
    next().aggregates = aggregates;
  }

  return {
    applyRun(run) {
      batch(() => {
        const { rows: loaded, ...info } = run;
        for (const row of loaded) upsertRow(row);
        next().run = info;
        setStatus(run.status);
        // A finished run's own figures are final, even against a progress event that counted further.
        setProgress(run.progress, run.aggregates, TERMINAL.has(run.status));
      });
    },
    applyEvent(event) {
      batch(() => {
        if (event.type === 'row') upsertRow(event.row);
        else if (event.type === 'progress') setProgress(event.progress, event.aggregates);
        else setStatus(event.status);
      });
    },
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
