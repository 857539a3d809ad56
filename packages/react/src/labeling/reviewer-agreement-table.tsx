import type { AgreementResponse } from '@verdict/core';

/** Props of {@link ReviewerAgreementTable}. */
export interface ReviewerAgreementTableProps {
  /** The per-schema figures of `GET .../agreement`; each holds `by_user`. */
  agreement: AgreementResponse['schemas'];
}

/** A share (0–1) as a whole percentage. */
const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * Each reviewer's agreement, one row per reviewer and question: how often the other reviewers of
 * the same items gave the same answer, and how often the reviewer matched the adjudicated gold
 * label. "—" where there is nothing to compare (no overlap, no gold label) rather than a 0 that
 * would read as "always wrong". Renders nothing when nobody answered.
 * @example <ReviewerAgreementTable agreement={report.schemas} />
 */
export function ReviewerAgreementTable({ agreement }: ReviewerAgreementTableProps) {
  const rows = Object.entries(agreement)
    .flatMap(([schema, figure]) => Object.entries(figure.by_user).map(([reviewer, figures]) => ({ reviewer, schema, figures })))
    .sort((a, b) => (a.reviewer < b.reviewer ? -1 : a.reviewer > b.reviewer ? 1 : 0));
  if (rows.length === 0) return null;
  return (
    <table className="vd-adjudication__agreement vd-adjudication__reviewers">
      <caption>Agreement per reviewer</caption>
      <thead>
        <tr>
          <th scope="col">Reviewer</th>
          <th scope="col">Question</th>
          <th scope="col">Items shared</th>
          <th scope="col">Agrees with others</th>
          <th scope="col">Matches gold label</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ reviewer, schema, figures }) => (
          <tr key={`${reviewer}\u0000${schema}`}>
            <th scope="row">{reviewer}</th>
            <td>{schema}</td>
            <td>{figures.items}</td>
            <td>{figures.agreement_with_others === null ? '—' : percent(figures.agreement_with_others)}</td>
            <td>
              {figures.agreement_with_gold === undefined ? '—' : `${percent(figures.agreement_with_gold)} of ${figures.gold_items ?? 0}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
