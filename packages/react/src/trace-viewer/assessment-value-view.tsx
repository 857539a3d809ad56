import type { Assessment, AssessmentValue } from '@verdict/core';
import { FoldedText } from './folded-text';
import { JsonTree } from './json-tree';

/**
 * The value of an assessment (undefined when a scorer failed and only left an error).
 * @example assessmentValueOf(assessment) // true
 */
export function assessmentValueOf(assessment: Assessment): AssessmentValue | undefined {
  return assessment.feedback !== undefined ? assessment.feedback.value : assessment.expectation.value;
}

/**
 * An assessment value for people: booleans as 👍 Yes / 👎 No, numbers with 2 decimals, strings
 * as text, lists as chips, objects as a JSON tree.
 * @example <AssessmentValueView value={0.876} /> // 0.88
 */
export function AssessmentValueView({ value }: { value: AssessmentValue | undefined }) {
  if (typeof value === 'boolean') {
    return (
      <span className="vd-value vd-value--boolean" data-value={String(value)}>
        <span aria-hidden="true">{value ? '👍' : '👎'}</span> {value ? 'Yes' : 'No'}
      </span>
    );
  }
  if (typeof value === 'number') return <span className="vd-value vd-value--number">{value.toFixed(2)}</span>;
  if (typeof value === 'string') return <FoldedText className="vd-value vd-value--text" text={value} limit={200} />;
  if (Array.isArray(value)) {
    return (
      <ul className="vd-value vd-chips" aria-label="Values">
        {value.map((item, index) => (
          <li key={index} className="vd-chip">
            {item}
          </li>
        ))}
      </ul>
    );
  }
  if (value === undefined) return <span className="vd-value vd-muted">no value</span>;
  return <JsonTree value={value} label="Value" defaultOpenDepth={1} />;
}

/**
 * The feedback's error (a scorer that failed), as text; nothing when there is none.
 * @example <AssessmentErrorView assessment={assessment} />
 */
export function AssessmentErrorView({ assessment }: { assessment: Assessment }) {
  const error = assessment.feedback?.error;
  if (error === undefined) return null;
  return (
    <p className="vd-assessment__error">
      {error.error_code}
      {error.error_message === undefined ? '' : `: ${error.error_message}`}
    </p>
  );
}
