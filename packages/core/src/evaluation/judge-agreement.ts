import type { EvalAgreementResponse } from '../schemas/evaluation';
import type { JsonValue } from '../schemas/value';
import { cohenKappa } from '../review/agreement';

/** One row judged by both: the human label and the judge's value. */
export interface AgreementPair {
  human: JsonValue;
  judge: JsonValue;
}

/**
 * A label as a category name: `true`, `"yes"` and `"pass"` are one category (`"true"`), as are
 * `false`, `"no"` and `"fail"`, so a yes/no judge can be held against a boolean human label.
 * @example agreementLabel('yes') // 'true'
 */
export function agreementLabel(value: JsonValue): string {
  if (value === true || value === 'yes' || value === 'pass') return 'true';
  if (value === false || value === 'no' || value === 'fail') return 'false';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * How far a judge agrees with humans: Cohen's kappa (the review statistics' `cohenKappa`), the
 * observed agreement and the confusion matrix (rows = human, columns = judge, in `labels` order).
 * Kappa is null without pairs, or when both always gave one same label (it is undefined there).
 * @example judgeAgreement([{ human: true, judge: true }, { human: false, judge: true }]).matrix // [[0, 1], [0, 1]] with labels ['false', 'true']
 */
export function judgeAgreement(pairs: readonly AgreementPair[]): Pick<EvalAgreementResponse, 'kappa' | 'observed_agreement' | 'items' | 'labels' | 'matrix'> {
  const coded = pairs.map((pair) => [agreementLabel(pair.human), agreementLabel(pair.judge)] as const);
  const labels = [...new Set(coded.flat())].sort();
  const index = new Map(labels.map((label, position) => [label, position]));
  const matrix = labels.map(() => labels.map(() => 0));
  let agreed = 0;
  for (const [human, judge] of coded) {
    const row = matrix[index.get(human) ?? 0];
    const column = index.get(judge) ?? 0;
    if (row !== undefined) row[column] = (row[column] ?? 0) + 1;
    if (human === judge) agreed += 1;
  }
  const n = coded.length;
  return { kappa: cohenKappa(coded), observed_agreement: n === 0 ? null : agreed / n, items: n, labels, matrix };
}
