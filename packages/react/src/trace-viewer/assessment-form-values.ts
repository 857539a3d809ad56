import type { Assessment, AssessmentSource, AssessmentValue, CreateAssessmentBody, JsonValue } from '@verdict/core';

/** What the add/edit form holds: every field as the inputs give it (strings). */
export interface AssessmentFormValues {
  kind: 'feedback' | 'expectation';
  name: string;
  valueType: 'boolean' | 'number' | 'text' | 'json';
  booleanValue: 'true' | 'false';
  numberValue: string;
  textValue: string;
  jsonValue: string;
  rationale: string;
  /** Where a new assessment goes: the whole trace, or the selected span. */
  target: 'trace' | 'span';
}

/**
 * The form's starting values: empty for a new one, the old value for an override.
 * @example initialFormValues(assessment).valueType // 'number' for a 0.88 relevance
 */
export function initialFormValues(editing?: Assessment): AssessmentFormValues {
  const base: AssessmentFormValues = { kind: 'feedback', name: '', valueType: 'boolean', booleanValue: 'true', numberValue: '', textValue: '', jsonValue: '', rationale: '', target: 'trace' };
  if (editing === undefined) return base;
  const value = editing.feedback !== undefined ? editing.feedback.value : editing.expectation.value;
  const kind = editing.feedback !== undefined ? 'feedback' : 'expectation';
  const common = { ...base, kind, name: editing.assessment_name, rationale: editing.rationale ?? '' } as const;
  if (typeof value === 'boolean') return { ...common, valueType: 'boolean', booleanValue: value ? 'true' : 'false' };
  if (typeof value === 'number') return { ...common, valueType: 'number', numberValue: String(value) };
  if (typeof value === 'string') return { ...common, valueType: 'text', textValue: value };
  return { ...common, valueType: 'json', jsonValue: value === undefined ? '' : JSON.stringify(value, null, 2) };
}

/**
 * Why `text` is not a usable number, or true.
 * @example checkNumber('abc') // 'Enter a number, e.g. 0.75'
 */
export function checkNumber(text: string): true | string {
  if (text.trim() === '') return 'Enter a number';
  return Number.isFinite(Number(text)) ? true : 'Enter a number, e.g. 0.75';
}

/**
 * Why `text` is not an assessment JSON value (an object, or a list of strings), or true.
 * @example checkJson('[1]') // 'A JSON list may hold only strings'
 */
export function checkJson(text: string): true | string {
  if (text.trim() === '') return 'Enter a JSON value';
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch (error) {
    return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (Array.isArray(parsed)) return parsed.every((item) => typeof item === 'string') ? true : 'A JSON list may hold only strings';
  return typeof parsed === 'object' && parsed !== null ? true : 'Enter a JSON object, e.g. {"score": 1}, or a list of strings';
}

/**
 * The value the form describes (call after validation).
 * @example formValue({ ...values, valueType: 'boolean', booleanValue: 'false' }) // false
 */
export function formValue(values: AssessmentFormValues): AssessmentValue {
  switch (values.valueType) {
    case 'boolean':
      return values.booleanValue === 'true';
    case 'number':
      return Number(values.numberValue);
    case 'text':
      return values.textValue;
    case 'json':
      return JSON.parse(values.jsonValue) as AssessmentValue;
  }
}

/**
 * The request body the form describes; `spanId` is used when the target is the span.
 * @example toAssessmentBody(values, selectedSpanId, { source_type: 'HUMAN', source_id: 'ana' })
 */
export function toAssessmentBody(values: AssessmentFormValues, spanId: string | null, source?: AssessmentSource): CreateAssessmentBody {
  const value = formValue(values);
  const rationale = values.rationale.trim();
  return {
    assessment_name: values.name.trim(),
    ...(values.target === 'span' && spanId !== null ? { span_id: spanId } : {}),
    ...(values.kind === 'feedback' ? { feedback: { value } } : { expectation: { value } }),
    ...(rationale === '' ? {} : { rationale }),
    ...(source === undefined ? {} : { source }),
  };
}
