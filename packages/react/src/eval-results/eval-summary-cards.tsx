import type { EvalAggregate } from '@verdict/core';
import { errorsText, formatNumber, formatPercent } from './eval-scores';

/** Props of {@link EvalSummaryCards}. */
export interface EvalSummaryCardsProps {
  scorers: readonly string[];
  aggregates: Record<string, EvalAggregate>;
}

function headline(aggregate: EvalAggregate | undefined): { value: string; unit: string } {
  if (aggregate?.pass_rate !== undefined) return { value: formatPercent(aggregate.pass_rate), unit: 'pass rate' };
  if (aggregate?.mean !== undefined) return { value: formatNumber(aggregate.mean), unit: 'mean' };
  return { value: '—', unit: 'no scores yet' };
}

/**
 * One card per scorer: its pass rate (boolean scorers) or mean with p50/p90 (numeric), and how
 * many rows it could not score.
 * @example <EvalSummaryCards scorers={run.scorers} aggregates={run.aggregates} />
 */
export function EvalSummaryCards({ scorers, aggregates }: EvalSummaryCardsProps) {
  return (
    <ul className="vd-eval-cards" aria-label="Scorers">
      {scorers.map((name) => {
        const aggregate = aggregates[name];
        const { value, unit } = headline(aggregate);
        const errors = aggregate?.errors ?? 0;
        return (
          <li key={name} className="vd-eval-card" data-scorer={name}>
            <span className="vd-eval-card__name">{name}</span>
            <span className="vd-eval-card__value">{value}</span>
            <span className="vd-eval-card__unit">{unit}</span>
            {aggregate?.p50 !== undefined && aggregate.p90 !== undefined && (
              <span className="vd-eval-card__unit">{`p50 ${formatNumber(aggregate.p50)} · p90 ${formatNumber(aggregate.p90)}`}</span>
            )}
            <span className="vd-eval-card__errors" data-errors={errors > 0 ? '' : undefined}>
              {errorsText(errors)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
