import type { CompareEvaluationsResponse, EvalChange, EvalRow, EvalRun, EvalScore } from '../schemas/evaluation';
import { aggregateScores } from './aggregate-scores';
import { canonicalJson } from '../review/canonical-json';
import { scoreNumber } from './score-number';

type CompareRow = CompareEvaluationsResponse['rows'][number];
type RunLike = Pick<EvalRun, 'rows' | 'scorers'> & { aggregates?: EvalRun['aggregates'] };

/** One headline number per scorer: its pass rate, else its mean. */
function headline(aggregate: EvalRun['aggregates'][string] | undefined): number | null {
  return aggregate?.pass_rate ?? aggregate?.mean ?? null;
}

/** How one scorer's score moved: an error where there was a value is a regression, and back. */
function scoreChange(base: EvalScore | undefined, candidate: EvalScore | undefined): number {
  if (base === undefined || candidate === undefined) return 0;
  const baseFailed = base.error !== undefined;
  const candidateFailed = candidate.error !== undefined;
  if (baseFailed || candidateFailed) return baseFailed === candidateFailed ? 0 : candidateFailed ? -1 : 1;
  const before = scoreNumber(base.value);
  const after = scoreNumber(candidate.value);
  if (before === undefined || after === undefined || before === after) return 0;
  return after > before ? 1 : -1;
}

/**
 * Whether a row got better or worse: any scorer worse makes it `regressed` (a regression must
 * never hide behind an improvement elsewhere), else any better makes it `improved`.
 * @example rowChange({ exact_match: { value: true } }, { exact_match: { value: false } }) // 'regressed'
 */
export function rowChange(base: EvalRow['scores'] | null, candidate: EvalRow['scores'] | null): EvalChange {
  if (base === null || candidate === null) return 'unchanged';
  let improved = false;
  for (const name of Object.keys(base)) {
    const change = scoreChange(base[name], candidate[name]);
    if (change < 0) return 'regressed';
    if (change > 0) improved = true;
  }
  return improved ? 'improved' : 'unchanged';
}

const ORDER: Record<EvalChange, number> = { regressed: 0, improved: 1, unchanged: 2 };

/**
 * Compares two runs: per scorer the headline number (pass rate, else mean) of each and their
 * delta; per row (matched by canonical inputs, the n-th duplicate with the n-th) both score sets
 * and whether it improved, regressed or stayed. Rows are ordered regressed, improved, unchanged,
 * each group in the base run's order; rows in only one run come last, unchanged.
 * @example const { scorers, rows } = compareEvaluations(baseRun, candidateRun); rows.filter((row) => row.change === 'regressed')
 */
export function compareEvaluations(base: RunLike, candidate: RunLike): CompareEvaluationsResponse {
  const baseAggregates = base.aggregates ?? aggregateScores(base.rows, base.scorers);
  const candidateAggregates = candidate.aggregates ?? aggregateScores(candidate.rows, candidate.scorers);
  const scorers: CompareEvaluationsResponse['scorers'] = {};
  for (const name of new Set([...base.scorers, ...candidate.scorers])) {
    const before = headline(baseAggregates[name]);
    const after = headline(candidateAggregates[name]);
    scorers[name] = { base: before, candidate: after, delta: before === null || after === null ? null : after - before };
  }

  const waiting = new Map<string, EvalRow[]>();
  for (const row of candidate.rows) {
    const key = canonicalJson(row.inputs);
    const list = waiting.get(key);
    if (list === undefined) waiting.set(key, [row]);
    else list.push(row);
  }
  const rows: CompareRow[] = [];
  for (const row of base.rows) {
    const match = waiting.get(canonicalJson(row.inputs))?.shift();
    const candidateScores = match?.scores ?? null;
    rows.push({ inputs: row.inputs, base: row.scores, candidate: candidateScores, change: rowChange(row.scores, candidateScores) });
  }
  for (const list of waiting.values()) for (const row of list) rows.push({ inputs: row.inputs, base: null, candidate: row.scores, change: 'unchanged' });
  // Array.prototype.sort is stable, so each group keeps the base run's order.
  const unmatched = (row: CompareRow) => (row.base === null || row.candidate === null ? 1 : 0);
  rows.sort((a, b) => unmatched(a) - unmatched(b) || ORDER[a.change] - ORDER[b.change]);
  return { scorers, rows };
}
