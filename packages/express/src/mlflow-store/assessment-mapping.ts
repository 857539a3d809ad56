import { AssessmentSchema } from '@verdict/core';
import type { Assessment, AssessmentValue, StringMap } from '@verdict/core';
import { msToTimestamp, timestampToMs } from './wire-values';

/** Assessment metadata key holding Verdict's id: the id callers know, stable across outbox replays. */
export const ASSESSMENT_ID_KEY = 'verdict.assessment_id';
/** MLflow drops `rationale` on expectations; Verdict keeps it here. */
export const RATIONALE_KEY = 'verdict.rationale';
// Written when the caller's metadata was `{}`, so it reads back as `{}` rather than absent.
const EMPTY_METADATA_KEY = 'verdict.metadata';
const INTERNAL = new Set([ASSESSMENT_ID_KEY, RATIONALE_KEY, EMPTY_METADATA_KEY]);

type Loose = Record<string, unknown>;

function isPrimitive(value: AssessmentValue): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * The body of `POST /api/3.0/mlflow/traces/{id}/assessments` for a validated Verdict assessment.
 * Expectations that are lists or objects go as `serialized_value` (`JSON_FORMAT`), as MLflow's
 * Python client sends them; feedback values are any JSON. `overridesMlflowId` is the MLflow id of
 * the assessment it replaces.
 * @example toMlflowAssessment(assessment, undefined)
 */
export function toMlflowAssessment(assessment: Assessment, overridesMlflowId: string | undefined): Loose {
  const metadata: StringMap = { ...assessment.metadata, [ASSESSMENT_ID_KEY]: assessment.assessment_id };
  if (assessment.metadata !== undefined && Object.keys(assessment.metadata).length === 0) metadata[EMPTY_METADATA_KEY] = '{}';
  const out: Loose = {
    assessment_name: assessment.assessment_name,
    trace_id: assessment.trace_id,
    source: { source_type: assessment.source.source_type, source_id: assessment.source.source_id },
    create_time: msToTimestamp(assessment.create_time),
    last_update_time: msToTimestamp(assessment.last_update_time),
    metadata,
  };
  if (assessment.span_id !== undefined) out.span_id = assessment.span_id;
  if (assessment.feedback !== undefined) {
    const feedback: Loose = {};
    if (assessment.feedback.value !== undefined) feedback.value = assessment.feedback.value;
    if (assessment.feedback.error !== undefined) feedback.error = { ...assessment.feedback.error };
    out.feedback = feedback;
    if (assessment.rationale !== undefined) out.rationale = assessment.rationale;
  } else {
    const { value } = assessment.expectation;
    out.expectation = isPrimitive(value)
      ? { value }
      : { serialized_value: { serialization_format: 'JSON_FORMAT', value: JSON.stringify(value) } };
    if (assessment.rationale !== undefined) metadata[RATIONALE_KEY] = assessment.rationale;
  }
  if (overridesMlflowId !== undefined) out.overrides = overridesMlflowId;
  return out;
}

/** The Verdict id of an MLflow assessment: the one Verdict wrote, else MLflow's own. */
export function verdictIdOf(raw: Loose): string {
  const metadata = raw.metadata as StringMap | undefined;
  return metadata?.[ASSESSMENT_ID_KEY] ?? String(raw.assessment_id);
}

function expectationValue(expectation: Loose): unknown {
  const serialized = expectation.serialized_value as Loose | undefined;
  if (serialized !== undefined && typeof serialized.value === 'string') {
    try {
      return JSON.parse(serialized.value) as unknown;
    } catch {
      return serialized.value;
    }
  }
  return expectation.value;
}

const SOURCE_TYPES: Record<string, 'HUMAN' | 'LLM_JUDGE' | 'CODE'> = { HUMAN: 'HUMAN', LLM_JUDGE: 'LLM_JUDGE', AI_JUDGE: 'LLM_JUDGE', CODE: 'CODE' };

/**
 * Reads an MLflow assessment back into Verdict's shape; `idMap` turns MLflow ids (of `overrides`)
 * into Verdict ids. Undefined when it does not fit Verdict's schema (MLflow accepts nameless or
 * sourceless assessments; Verdict never writes them), so one odd row cannot break a whole trace.
 */
export function fromMlflowAssessment(raw: Loose, idMap: ReadonlyMap<string, string>): Assessment | undefined {
  const rawMetadata = (raw.metadata ?? {}) as StringMap;
  const metadata: StringMap = {};
  for (const [key, value] of Object.entries(rawMetadata)) if (!INTERNAL.has(key)) metadata[key] = value;
  const source = (raw.source ?? {}) as Loose;
  const candidate: Loose = {
    assessment_id: verdictIdOf(raw),
    assessment_name: raw.assessment_name,
    trace_id: raw.trace_id,
    source: { source_type: SOURCE_TYPES[String(source.source_type)] ?? source.source_type, source_id: source.source_id },
    create_time: timestampToMs(raw.create_time),
    last_update_time: timestampToMs(raw.last_update_time),
    valid: raw.valid !== false,
  };
  if (typeof raw.span_id === 'string' && raw.span_id !== '') candidate.span_id = raw.span_id;
  if (Object.keys(metadata).length > 0 || rawMetadata[EMPTY_METADATA_KEY] !== undefined) candidate.metadata = metadata;
  if (typeof raw.overrides === 'string' && raw.overrides !== '') candidate.overrides = idMap.get(raw.overrides) ?? raw.overrides;
  const feedback = raw.feedback as Loose | undefined;
  const expectation = raw.expectation as Loose | undefined;
  if (feedback !== undefined) {
    const out: Loose = {};
    // MLflow answers `value: null` beside an error; Verdict leaves the value out.
    if (feedback.value !== undefined && feedback.value !== null) out.value = feedback.value;
    if (feedback.error !== undefined) out.error = feedback.error;
    candidate.feedback = out;
    if (typeof raw.rationale === 'string') candidate.rationale = raw.rationale;
  } else if (expectation !== undefined) {
    candidate.expectation = { value: expectationValue(expectation) };
    const rationale = rawMetadata[RATIONALE_KEY];
    if (rationale !== undefined) candidate.rationale = rationale;
  }
  const parsed = AssessmentSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** All assessments of a TraceInfoV3, in Verdict's shape, with `overrides` mapped to Verdict ids. */
export function fromMlflowAssessments(list: unknown): Assessment[] {
  if (!Array.isArray(list)) return [];
  const rows = list.filter((entry): entry is Loose => typeof entry === 'object' && entry !== null);
  const idMap = new Map(rows.map((row) => [String(row.assessment_id), verdictIdOf(row)]));
  return rows.map((row) => fromMlflowAssessment(row, idMap)).filter((entry): entry is Assessment => entry !== undefined);
}
