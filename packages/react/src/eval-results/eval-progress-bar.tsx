import type { EvalProgress } from '@verdict/core';

/** Props of {@link EvalProgressBar}. */
export interface EvalProgressBarProps {
  progress: EvalProgress;
  /** Shows a cancel button calling this. */
  onCancel?: () => void;
  /** Disables the cancel button while the request is under way. */
  cancelling?: boolean;
  /** @default 'Evaluation progress' */
  label?: string;
}

/**
 * A running evaluation's progress: a `progressbar` reading "37 / 120", and a cancel button.
 * @example <EvalProgressBar progress={{ done: 37, total: 120 }} onCancel={cancel} />
 */
export function EvalProgressBar({ progress, onCancel, cancelling = false, label = 'Evaluation progress' }: EvalProgressBarProps) {
  const { done, total } = progress;
  const text = `${done} / ${total}`;
  const share = total === 0 ? 0 : Math.min(100, (done / total) * 100);
  return (
    <div className="vd-eval-progress">
      <div
        className="vd-eval-progress__bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${text} rows scored`}
      >
        <div className="vd-eval-progress__fill" style={{ width: `${share}%` }} />
      </div>
      <span className="vd-eval-progress__text">{text}</span>
      {onCancel !== undefined && (
        <button type="button" className="vd-button" onClick={onCancel} disabled={cancelling}>
          {cancelling ? 'Cancelling…' : 'Cancel evaluation'}
        </button>
      )}
    </div>
  );
}
