import type { EvalScore } from '@verdict/core';
import { formatNumber } from './eval-scores';

/** Props of {@link ScoreView}. */
export interface ScoreViewProps {
  score: EvalScore | undefined;
}

/**
 * One scorer's verdict on one row: ✔/✘ (read as "pass"/"fail"), a number with two decimals,
 * text, or an error badge carrying the error's code (its message in the tooltip and for screen
 * readers). Never a silent blank: a missing score reads "no score".
 * @example <ScoreView score={{ value: true }} />
 */
export function ScoreView({ score }: ScoreViewProps) {
  if (score?.error !== undefined) {
    const { error_code, error_message } = score.error;
    return (
      <span className="vd-eval-badge vd-eval-badge--error" data-score="error" title={error_message}>
        <span aria-hidden="true">⚠</span> {`Error ${error_code}`}
        {error_message !== undefined && <span className="vd-visually-hidden">{`: ${error_message}`}</span>}
      </span>
    );
  }
  const value = score?.value;
  if (typeof value === 'boolean') {
    return (
      <span className="vd-eval-score" data-score={value ? 'pass' : 'fail'}>
        <span aria-hidden="true">{value ? '✔' : '✘'}</span>
        <span className="vd-visually-hidden">{value ? 'pass' : 'fail'}</span>
      </span>
    );
  }
  if (typeof value === 'number') {
    return (
      <span className="vd-eval-score" data-score="number">
        {formatNumber(value)}
      </span>
    );
  }
  if (value === undefined) {
    return (
      <span className="vd-eval-score" data-score="none">
        <span aria-hidden="true">—</span>
        <span className="vd-visually-hidden">no score</span>
      </span>
    );
  }
  return (
    <span className="vd-eval-score" data-score="text">
      {typeof value === 'string' ? value : JSON.stringify(value)}
    </span>
  );
}
