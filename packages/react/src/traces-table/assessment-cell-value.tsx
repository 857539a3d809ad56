import type { AssessmentValue } from '@verdict/core';
import { TruncatedText } from './truncated-text';

/** Props of {@link AssessmentCellValue}. */
export interface AssessmentCellValueProps {
  value: AssessmentValue | undefined;
  /** Characters of a text value shown before it is cut. @default 40 */
  max?: number;
}

/** Strings this short, without spaces at the ends, are labels (categorical), shown as chips. */
const CHIP_MAX = 24;

/**
 * One assessment value, by kind: booleans as 👍/👎 (with "yes"/"no" for screen readers), numbers
 * with 2 decimals, short strings and string lists as chips, long text cut with the whole on
 * hover and focus, JSON objects as compact JSON text.
 * @example <AssessmentCellValue value={0.8333} /> // 0.83
 */
export function AssessmentCellValue({ value, max = 40 }: AssessmentCellValueProps) {
  if (value === undefined) return null;
  if (typeof value === 'boolean') {
    return (
      <span className="vd-value vd-value--boolean" data-value={String(value)}>
        <span aria-hidden="true">{value ? '👍' : '👎'}</span>
        <span className="vd-visually-hidden">{value ? 'yes' : 'no'}</span>
      </span>
    );
  }
  if (typeof value === 'number') return <span className="vd-value vd-value--number">{value.toFixed(2)}</span>;
  if (typeof value === 'string') {
    if (value.length <= CHIP_MAX) return <span className="vd-chip">{value}</span>;
    return <TruncatedText text={value} max={max} />;
  }
  if (Array.isArray(value)) {
    return (
      <span className="vd-value vd-value--list">
        {value.map((item, index) => (
          <span className="vd-chip" key={index}>
            {item}
          </span>
        ))}
      </span>
    );
  }
  return <TruncatedText text={JSON.stringify(value)} max={max} />;
}
