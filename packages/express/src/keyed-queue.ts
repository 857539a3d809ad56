/**
 * Runs tasks one after another per key, whatever each one's outcome, and forgets a key once its
 * queue is empty: how the document collections serialise `update(key, mutate)` within a process.
 * @example const serial = keyedQueue(); await serial('golden', () => rewrite('golden'));
 */
export function keyedQueue(): <R>(key: string, task: () => Promise<R>) => Promise<R> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const settled = run.catch(() => undefined);
    tails.set(key, settled);
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return run;
  };
}
