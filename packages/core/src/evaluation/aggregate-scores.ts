import type { EvalAggregate, EvalRow } from '../schemas/evaluation';
import { isPassFail, scoreNumber } from './score-number';

/**
 * The `q` quantile (0–1) of numbers sorted ascending, interpolating between neighbours.
 * @example quantile([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] ?? 0;
  return lowValue + ((sorted[high] ?? lowValue) - lowValue) * (position - low);
}

interface ScorerTally {
  errors: number;
  passes: number;
  passFail: number;
  numbers: number[];
}

/** An incremental form of {@link aggregateScores}: add rows as they finish, read aggregates any time. */
export interface ScoreAccumulator {
  add(row: Pick<EvalRow, 'scores'>): void;
  /** The aggregates of the rows added so far (sorts each numeric scorer's values: call it sparingly on big runs). */
  snapshot(): Record<string, EvalAggregate>;
}

/**
 * Creates a {@link ScoreAccumulator} for the given scorers (others seen in rows are added as met).
 * @example const totals = createScoreAccumulator(['correctness']); totals.add(row); totals.snapshot().correctness?.pass_rate
 */
export function createScoreAccumulator(scorers: readonly string[] = []): ScoreAccumulator {
  const tallies = new Map<string, ScorerTally>();
  const tallyOf = (name: string): ScorerTally => {
    let tally = tallies.get(name);
    if (tally === undefined) {
      tally = { errors: 0, passes: 0, passFail: 0, numbers: [] };
      tallies.set(name, tally);
    }
    return tally;
  };
  for (const name of scorers) tallyOf(name);
  return {
    add(row) {
      for (const [name, score] of Object.entries(row.scores)) {
        const tally = tallyOf(name);
        if (score.error !== undefined) {
          tally.errors += 1;
          continue;
        }
        if (isPassFail(score.value)) {
          tally.passFail += 1;
          if (scoreNumber(score.value) === 1) tally.passes += 1;
          continue;
        }
        const number = scoreNumber(score.value);
        if (number !== undefined) tally.numbers.push(number);
      }
    },
    snapshot() {
      const result: Record<string, EvalAggregate> = {};
      for (const [name, tally] of tallies) {
        const aggregate: EvalAggregate = { errors: tally.errors };
        if (tally.passFail > 0) aggregate.pass_rate = tally.passes / tally.passFail;
        if (tally.numbers.length > 0) {
          const sorted = [...tally.numbers].sort((a, b) => a - b);
          aggregate.mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
          aggregate.p50 = quantile(sorted, 0.5);
          aggregate.p90 = quantile(sorted, 0.9);
        }
        result[name] = aggregate;
      }
      return result;
    },
  };
}

/**
 * Per scorer: pass rate over its pass/fail scores, mean/p50/p90 over its numeric ones, and how
 * many rows it failed to score. Rows whose score has an error count only as errors, never as fails.
 * @example aggregateScores(run.rows, run.scorers).exact_match // { pass_rate: 0.75, errors: 0 }
 */
export function aggregateScores(rows: readonly Pick<EvalRow, 'scores'>[], scorers: readonly string[] = []): Record<string, EvalAggregate> {
  const accumulator = createScoreAccumulator(scorers);
  for (const row of rows) accumulator.add(row);
  return accumulator.snapshot();
}
