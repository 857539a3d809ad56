// How `verdict migrate` shows progress: one self-rewriting line on a terminal, plain throttled
// lines anywhere else (CI logs, `2> file`), where `\r` updates would pile up unreadably.
import type { MigrationCounts, MigrationTotals } from './migrate';

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

/** Options of {@link createMigrateProgress}. */
export interface MigrateProgressOptions {
  /** The clock, in ms (tests pass their own). @default Date.now */
  now?: () => number;
  /** Off a terminal, the shortest time between two lines about one kind. @default 1000 */
  intervalMs?: number;
}

/** Reports progress as {@link migrateStore}'s `onProgress` gives it. */
export interface MigrateProgress {
  update(counts: MigrationCounts, totals: MigrationTotals): void;
  /** Prints what was not printed yet (and ends the terminal line). */
  finish(counts: MigrationCounts, totals: MigrationTotals): void;
}

// Every kind, in the order they are copied, with the word shown for it.
const KIND_LABELS: ReadonlyArray<[keyof MigrationCounts, string]> = [
  ['traces', 'traces'],
  ['assessments', 'assessments'],
  ['labelSchemas', 'label schemas'],
  ['labelingSessions', 'sessions'],
  ['datasets', 'datasets'],
  ['evalRuns', 'eval runs'],
];

const done = (counts: MigrationCounts, kind: keyof MigrationCounts) => counts[kind].copied + counts[kind].present;

/**
 * Progress as `kind n/total` for every kind. On a terminal: one line rewritten with `\r`. Elsewhere:
 * a line per kind when its count changed, at most once per `intervalMs`, plus its last count when
 * the kind is complete or the run ends.
 * @example const progress = createMigrateProgress(process.stderr); const counts = await migrateStore(from, to, { onProgress: (so, totals) => progress.update(so, totals) });
 */
export function createMigrateProgress(stream: ProgressStream, options: MigrateProgressOptions = {}): MigrateProgress {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 1000;
  const printed = new Map<keyof MigrationCounts, { n: number; at: number }>();
  let last: string | undefined;

  const terminalLine = (counts: MigrationCounts, totals: MigrationTotals) =>
    `  ${KIND_LABELS.map(([kind, label]) => `${label} ${done(counts, kind)}/${totals[kind]}`).join(', ')}`;

  function lines(counts: MigrationCounts, totals: MigrationTotals, final: boolean): void {
    const at = now();
    for (const [kind, label] of KIND_LABELS) {
      const n = done(counts, kind);
      const before = printed.get(kind);
      if (before !== undefined && before.n === n) continue;
      const complete = n >= totals[kind];
      // A kind not started yet says nothing until it moves or the run ends.
      if (!final && n === 0 && !complete) continue;
      if (!final && !complete && before !== undefined && at - before.at < intervalMs) continue;
      if (!final && complete && totals[kind] === 0) continue;
      stream.write(`  ${label} ${n}/${totals[kind]}\n`);
      printed.set(kind, { n, at });
    }
  }

  return {
    update(counts, totals) {
      if (stream.isTTY === true) {
        const line = terminalLine(counts, totals);
        if (line !== last) stream.write(`\r${line}`);
        last = line;
      } else lines(counts, totals, false);
    },
    finish(counts, totals) {
      if (stream.isTTY === true) stream.write(`\r${terminalLine(counts, totals)}\n`);
      else lines(counts, totals, true);
    },
  };
}
