// Hand-written checks of the few answers the feedback widget reads. They exist so the widget's
// bundle carries no zod (≈ 11 KiB gzip); `shape-guards.test.ts` proves each one accepts and
// refuses exactly what its zod schema (the single source of truth) does on a table of samples.
import type { ErrorBody } from '../schemas/error-body';
import type { FeedbackResponse, MyFeedbackResponse } from '../schemas/feedback';

type Guard<T> = (value: unknown) => value is T;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isOptional = <T>(value: unknown, guard: (value: unknown) => value is T): boolean => value === undefined || guard(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  return isRecord(value) && Object.values(value).every(isJson);
}

/** `AssessmentValueSchema`: boolean, finite number, string, string[], or a JSON object. */
function isAssessmentValue(value: unknown): boolean {
  if (typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isString);
  return isRecord(value) && isJson(value);
}

function isIssue(value: unknown): boolean {
  return isRecord(value) && isString(value.code) && isString(value.message) && Array.isArray(value.path) &&
    value.path.every((part) => typeof part === 'string' || typeof part === 'number');
}

/** `ErrorBodySchema`. */
export const isErrorBody: Guard<ErrorBody> = (value): value is ErrorBody =>
  isRecord(value) && isRecord(value.error) && isString(value.error.code) && isString(value.error.message) &&
  (value.error.issues === undefined || (Array.isArray(value.error.issues) && value.error.issues.every(isIssue)));

/** `FeedbackResponseSchema`. */
export const isFeedbackResponse: Guard<FeedbackResponse> = (value): value is FeedbackResponse =>
  isRecord(value) && value.status === 'success' && isString(value.trace_id) && isOptional(value.assessment_ids, isStringArray);

/** `MyFeedbackResponseSchema`. */
export const isMyFeedbackResponse: Guard<MyFeedbackResponse> = (value): value is MyFeedbackResponse =>
  isRecord(value) && isString(value.trace_id) && isRecord(value.feedback) &&
  Object.values(value.feedback).every(
    (entry) => isRecord(entry) && isString(entry.assessment_id) && isAssessmentValue(entry.value) && isOptional(entry.rationale, isString),
  );
