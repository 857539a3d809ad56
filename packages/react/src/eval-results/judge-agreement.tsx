import type { EvalAgreementResponse } from '@verdict/core';
import { useId } from 'react';
import { formatNumber, formatPercent } from './eval-scores';

/** Props of {@link JudgeAgreement}. */
export interface JudgeAgreementProps {
  /** The answer of `GET /evaluations/:id/agreement?scorer=&label_schema=`. */
  agreement: EvalAgreementResponse;
  className?: string;
}

/**
 * The usual reading of a kappa (Landis & Koch), so a team knows whether to trust its judge.
 * @example kappaStrength(0.72) // 'substantial'
 */
export function kappaStrength(kappa: number): string {
  if (kappa < 0) return 'worse than chance';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

/**
 * How far an LLM judge agrees with human labels on the same traces: Cohen's kappa with its
 * reading, the share of exact agreement, and the confusion matrix (rows: human label, columns:
 * judge value; the diagonal, where both agree, is highlighted).
 * @example
 * const agreement = await evals.getAgreement(runId, { scorer: 'correctness', label_schema: 'is_correct' });
 * <JudgeAgreement agreement={agreement} />
 */
export function JudgeAgreement({ agreement, className }: JudgeAgreementProps) {
  const headingId = useId();
  const { scorer, label_schema, kappa, observed_agreement, items, labels, matrix } = agreement;
  return (
    <section className={['vd-eval-agreement', className].filter(Boolean).join(' ')} aria-labelledby={headingId}>
      <h3 id={headingId} className="vd-eval-agreement__title">{`Judge “${scorer}” vs human “${label_schema}”`}</h3>
      <p className="vd-eval-agreement__kappa">
        {kappa === null ? (
          <span>Cohen’s kappa: not defined ({items === 0 ? 'no traces judged by both' : 'only one value was ever given'})</span>
        ) : (
          <>
            <span>{`Cohen’s kappa ${formatNumber(kappa)}`}</span>
            <span className="vd-chip" data-strength={kappaStrength(kappa)}>
              {kappaStrength(kappa)}
            </span>
          </>
        )}
        <span className="vd-eval-muted">
          {`${items} ${items === 1 ? 'trace' : 'traces'}${observed_agreement === null ? '' : ` · ${formatPercent(observed_agreement)} exact agreement`}`}
        </span>
      </p>
      {labels.length > 0 && (
        <table className="vd-eval-matrix">
          <caption className="vd-eval-matrix__caption">Confusion matrix: rows are human labels, columns judge values</caption>
          <thead>
            <tr>
              <td />
              {labels.map((label) => (
                <th key={label} scope="col">{`judge: ${label}`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, row) => (
              <tr key={label}>
                <th scope="row">{`human: ${label}`}</th>
                {labels.map((column, index) => (
                  <td key={column} data-agree={row === index ? '' : undefined}>
                    {matrix[row]?.[index] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
