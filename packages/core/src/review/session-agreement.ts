import type { LabelSchema } from '../schemas/label-schema';
import type { AgreementResponse, LabelValue, LabelingItem } from '../schemas/labeling-session';
import { cohenKappa, exactMatchRate, krippendorffAlpha } from './agreement';
import { annotatorAgreement } from './annotator-agreement';

/**
 * How two answers compare: texts trimmed, lists as sets (the order rows were typed in, or boxes
 * ticked, carries no meaning), numbers as they are.
 * @example answerKey(['b', ' a']) === answerKey(['a', 'b']) // true
 */
export function answerKey(value: LabelValue): string {
  if (Array.isArray(value)) return JSON.stringify(value.map((entry) => entry.trim()).sort());
  return JSON.stringify(typeof value === 'string' ? value.trim() : value);
}

type Metric = AgreementResponse['schemas'][string]['metric'];

/**
 * The agreement figures of a labeling session, per schema, and the items where reviewers disagree:
 * - categorical: Cohen's kappa when exactly two reviewers answered it across the session, else
 *   Krippendorff's alpha (nominal);
 * - numeric: Krippendorff's alpha (interval);
 * - text, text_list and categorical_list: the exact-match rate (see {@link answerKey}).
 * `items` counts the items at least two reviewers answered. `by_user` gives each reviewer's
 * agreement with the others and with the adjudicated labels, per schema (see `annotatorAgreement`):
 * per schema because a reviewer can be reliable on a yes/no verdict and loose on free text.
 * A disagreement is listed until an adjudicator settles that item's schema.
 * @example const { schemas, disagreements } = sessionAgreement(items, labelSchemas)
 */
export function sessionAgreement(items: readonly LabelingItem[], schemas: readonly LabelSchema[]): AgreementResponse {
  const result: AgreementResponse = { schemas: {}, disagreements: [] };
  for (const schema of schemas) {
    // Per item: reviewer → value, in a stable (sorted) reviewer order.
    const labelled = items
      .map((item) => ({
        item,
        values: Object.entries(item.labels)
          .filter(([, labels]) => labels[schema.name] !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([user, labels]) => ({ user, value: labels[schema.name]!.value })),
      }))
      .filter(({ values }) => values.length >= 1);
    const answered = labelled.filter(({ values }) => values.length >= 2);

    const kind = schema.input.kind;
    let metric: Metric;
    let value: number | null;
    if (kind === 'categorical' || kind === 'numeric') {
      const reviewers = new Set(answered.flatMap(({ values }) => values.map(({ user }) => user)));
      if (kind === 'categorical' && reviewers.size === 2) {
        metric = 'cohen_kappa';
        value = cohenKappa(answered.map(({ values }) => [String(values[0]!.value), String(values[1]!.value)] as const));
      } else {
        metric = 'krippendorff_alpha';
        const units = answered.map(({ values }) => values.map(({ value: v }) => (kind === 'numeric' ? Number(v) : String(v))));
        value = krippendorffAlpha(units, kind === 'numeric' ? 'interval' : 'nominal');
      }
    } else {
      metric = 'exact_match';
      value = exactMatchRate(answered.map(({ values }) => values.map(({ value: v }) => v)), answerKey);
    }
    // Single-reviewer items count too: their gold labels still say how a reviewer fared.
    const byUser = annotatorAgreement(
      labelled.map(({ item, values }) => ({ values, gold: item.adjudicated?.labels[schema.name]?.value })),
      answerKey,
    );
    result.schemas[schema.name] = { metric, value, items: answered.length, by_user: byUser };

    for (const { item, values } of answered) {
      if (new Set(values.map(({ value: v }) => answerKey(v))).size === 1) continue;
      if (item.adjudicated?.labels[schema.name] !== undefined) continue;
      result.disagreements.push({
        item_id: item.item_id,
        schema: schema.name,
        values: Object.fromEntries(values.map(({ user, value: v }) => [user, v])),
      });
    }
  }
  return result;
}
