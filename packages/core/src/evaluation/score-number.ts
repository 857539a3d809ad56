import type { AssessmentValue } from '../schemas/value';

/**
 * A score as a number, for averaging and comparing: booleans (and the `"yes"`/`"no"` some judges
 * answer) as 1/0, numbers as they are; anything else (text, lists, objects) has none.
 * @example scoreNumber(true) // 1
 */
export function scoreNumber(value: AssessmentValue | undefined): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value === 'yes') return 1;
  if (value === 'no') return 0;
  return undefined;
}

/**
 * Whether a score is pass/fail (boolean, or `"yes"`/`"no"`) rather than a measure.
 * @example isPassFail('yes') // true
 */
export function isPassFail(value: AssessmentValue | undefined): boolean {
  return typeof value === 'boolean' || value === 'yes' || value === 'no';
}
