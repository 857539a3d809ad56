/** Props of {@link LabelingProgress}. */
export interface LabelingProgressProps {
  done: number;
  total: number;
  /** Accessible name of the bar. @default 'Session progress' */
  label?: string;
  className?: string;
}

/**
 * A progress bar with its figures as text ("12 / 40"): `role="progressbar"` with
 * `aria-valuenow`/`aria-valuemax`, and `data-state="complete"` when everything is done.
 * @example <LabelingProgress done={12} total={40} />
 */
export function LabelingProgress({ done, total, label = 'Session progress', className }: LabelingProgressProps) {
  const share = total === 0 ? 0 : Math.min(1, done / total);
  return (
    <div className={['vd-labeling-progress', className].filter(Boolean).join(' ')} data-state={total > 0 && done >= total ? 'complete' : 'partial'}>
      <div
        role="progressbar"
        className="vd-labeling-progress__bar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} items labeled`}
      >
        <div className="vd-labeling-progress__fill" style={{ width: `${share * 100}%` }} />
      </div>
      <span className="vd-labeling-progress__text" aria-hidden="true">
        {done} / {total}
      </span>
    </div>
  );
}
