import { describe, expect, it } from 'vitest';
import { fixtureRow, fixtureRun } from '../test-support/eval-fixtures';
import { createEvalRunStore } from './eval-run-store';

/** A store that flushes only when the test says so, to see what one flush delivers. */
function manualStore() {
  const queue: (() => void)[] = [];
  const store = createEvalRunStore({ schedule: (flush) => void queue.push(flush) });
  const flush = () => queue.splice(0).forEach((run) => run());
  return { store, flush, queue };
}

const rows = Array.from({ length: 6 }, (_, n) => fixtureRow(n));

describe('createEvalRunStore', () => {
  it('keeps one row per row_id whether it came in the snapshot, an event, or both', () => {
    const { store, flush } = manualStore();
    store.applyEvent({ type: 'row', row: rows[2]! });
    store.applyRun(fixtureRun({ rows: rows.slice(0, 3), total: 6, status: 'running' }));
    store.applyEvent({ type: 'row', row: rows[1]! });
    store.applyEvent({ type: 'row', row: rows[3]! });
    flush();
    expect(store.getSnapshot().rows.map((row) => row.row_id)).toEqual(['row-2', 'row-0', 'row-1', 'row-3']);
  });

  it('never moves progress back: a snapshot older than the last progress event keeps the event figures', () => {
    const { store, flush } = manualStore();
    store.applyEvent({ type: 'progress', progress: { done: 5, total: 6 }, aggregates: { correctness: { pass_rate: 0.8, errors: 0 } } });
    store.applyRun(fixtureRun({ rows: rows.slice(0, 3), total: 6, status: 'running' }));
    flush();
    expect(store.getSnapshot().progress).toEqual({ done: 5, total: 6 });
    expect(store.getSnapshot().aggregates).toEqual({ correctness: { pass_rate: 0.8, errors: 0 } });
    expect(store.getSnapshot().status).toBe('running');
  });

  it('a finished status stays finished against an older running snapshot; the finished run’s figures win', () => {
    const { store, flush } = manualStore();
    store.applyEvent({ type: 'progress', progress: { done: 6, total: 6 }, aggregates: {} });
    store.applyEvent({ type: 'finished', status: 'completed' });
    store.applyRun(fixtureRun({ rows: rows.slice(0, 2), total: 6, status: 'running' }));
    flush();
    expect(store.getSnapshot().status).toBe('completed');
    const final = fixtureRun({ rows: rows.slice(0, 4), total: 6, status: 'cancelled' });
    store.applyRun(final);
    flush();
    expect(store.getSnapshot().progress).toEqual({ done: 4, total: 6 });
    expect(store.getSnapshot().aggregates).toEqual(final.aggregates);
  });

  it('batches a burst of events into one notification and one rows list', () => {
    const { store, flush, queue } = manualStore();
    let notified = 0;
    store.subscribe(() => (notified += 1));
    for (let n = 0; n < 1000; n += 1) store.applyEvent({ type: 'row', row: fixtureRow(n) });
    expect(queue).toHaveLength(1);
    expect(store.getSnapshot().rows).toHaveLength(0);
    flush();
    expect(notified).toBe(1);
    expect(store.getSnapshot().rows).toHaveLength(1000);
  });

  it('does not notify for an event that changes nothing', () => {
    const { store, flush, queue } = manualStore();
    store.applyEvent({ type: 'progress', progress: { done: 3, total: 6 }, aggregates: {} });
    flush();
    store.applyEvent({ type: 'progress', progress: { done: 2, total: 6 }, aggregates: {} });
    expect(queue).toHaveLength(0);
  });
});
