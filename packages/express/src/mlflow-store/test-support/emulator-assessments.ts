// Test-only: the emulator's assessment routes (create, get, update, delete under
// `/api/3.0/mlflow/traces/{id}/assessments`), with MLflow 3.6's override bookkeeping and its
// silently ignored update masks.
import { HttpProblem, hex, missing, mlflowError } from './emulator-http';
import { traceOr404 } from './emulator-state';
import type { EmulatorState, Loose } from './emulator-state';

/**
 * `POST …/traces/{id}/assessments` (CreateAssessment); a feedback with `overrides` invalidates the one it replaces.
 * @example json(createAssessment(state, traceId, { assessment: { assessment_name: 'rating', feedback: { value: 1 } } }));
 */
export function createAssessment(state: EmulatorState, traceId: string, body: Loose): unknown {
  const input = body.assessment as Loose | undefined;
  if (input === undefined) throw missing('assessment');
  const trace = traceOr404(state, traceId);
  const kinds = ['feedback', 'expectation', 'issue'].filter((kind) => input[kind] !== undefined);
  if (kinds.length === 0) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Unknown assessment type: None');
  if (kinds.length > 1) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Exactly one of feedback, expectation or issue must be set');
  if (input.span_id !== undefined && !/^[0-9a-f]{16}$/.test(String(input.span_id))) {
    throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `span_id '${String(input.span_id)}' is not 16 hex digits`);
  }
  const now = new Date().toISOString();
  const source = (input.source ?? { source_type: 'SOURCE_TYPE_UNSPECIFIED' }) as Loose;
  const row: Loose = {
    assessment_id: `a-${hex(16)}`,
    assessment_name: typeof input.assessment_name === 'string' ? input.assessment_name : '',
    trace_id: traceId,
    source,
    create_time: typeof input.create_time === 'string' ? input.create_time : now,
    last_update_time: typeof input.last_update_time === 'string' ? input.last_update_time : now,
    valid: true,
  };
  if (input.span_id !== undefined) row.span_id = input.span_id;
  if (input.metadata !== undefined) row.metadata = { ...(input.metadata as Loose) };
  if (input.feedback !== undefined) {
    const feedback = input.feedback as Loose;
    row.feedback = { value: feedback.value ?? null, ...(feedback.error === undefined ? {} : { error: feedback.error }) };
    if (input.rationale !== undefined) row.rationale = input.rationale;
    if (typeof input.overrides === 'string' && input.overrides !== '') {
      const old = trace.assessments.find((assessment) => assessment.assessment_id === input.overrides);
      if (old === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Assessment with ID '${input.overrides}' not found for trace '{trace_id}'`);
      old.valid = false;
      row.overrides = input.overrides;
    }
  } else if (input.expectation !== undefined) {
    // Rationale and overrides are dropped for expectations (Expectation.from_proto); non-primitives become serialized_value.
    const expectation = input.expectation as Loose;
    const value = expectation.value;
    row.expectation =
      expectation.serialized_value !== undefined
        ? { serialized_value: expectation.serialized_value }
        : typeof value === 'object' && value !== null
          ? { serialized_value: { serialization_format: 'JSON_FORMAT', value: JSON.stringify(value) } }
          : { value };
  } else {
    row.issue = input.issue;
  }
  trace.assessments.push(row);
  return { assessment: { ...row } };
}

/**
 * The stored assessment row (`GET …/assessments/{id}` answers a copy), or MLflow's 404.
 * @example json({ assessment: { ...findAssessment(state, traceId, assessmentId) } });
 */
export function findAssessment(state: EmulatorState, traceId: string, assessmentId: string): Loose {
  const trace = state.traces.get(traceId);
  if (trace === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Trace with request_id '${traceId}' not found`);
  const row = trace.assessments.find((assessment) => assessment.assessment_id === assessmentId);
  if (row === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Assessment with ID '${assessmentId}' not found for trace '${traceId}'`);
  return row;
}

/**
 * `PATCH …/assessments/{id}` (UpdateAssessment); a mask MLflow cannot parse is recorded in `state.ignoredUpdateMasks`.
 * @example json(updateAssessment(state, traceId, assessmentId, { assessment: { rationale: 'why' }, update_mask: 'rationale' }));
 */
export function updateAssessment(state: EmulatorState, traceId: string, assessmentId: string, body: Loose): unknown {
  if (body.assessment === undefined) throw missing('assessment');
  if (body.update_mask === undefined) throw missing('update_mask');
  const row = findAssessment(state, traceId, assessmentId);
  const input = body.assessment as Loose;
  row.last_update_time = new Date().toISOString();
  const mask = body.update_mask;
  // FieldMask JSON is one string of lowerCamelCase paths; anything else fails to parse and
  // MLflow swallows the error: nothing but last_update_time changes.
  if (typeof mask !== 'string' || /_/.test(mask)) {
    state.ignoredUpdateMasks.push(JSON.stringify(mask));
    return { assessment: { ...row } };
  }
  for (const path of mask.split(',').map((part) => part.trim())) {
    if (path === 'assessmentName') row.assessment_name = input.assessment_name;
    else if (path === 'feedback') {
      if (row.feedback === undefined) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Cannot update an expectation with a feedback');
      row.feedback = input.feedback;
    } else if (path === 'expectation') {
      if (row.expectation === undefined) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Cannot update a feedback with an expectation');
      row.expectation = input.expectation;
    } else if (path === 'rationale') row.rationale = input.rationale;
    else if (path === 'metadata') row.metadata = { ...(row.metadata as Loose | undefined), ...(input.metadata as Loose) };
    else if (path === 'valid') throw new HttpProblem(500, '<!doctype html>\n<title>500 Internal Server Error</title>\n', true);
  }
  return { assessment: { ...row } };
}

/**
 * `DELETE …/assessments/{id}` (DeleteAssessment): unknown ids answer `{}` too.
 * @example json(deleteAssessment(state, traceId, assessmentId));
 */
export function deleteAssessment(state: EmulatorState, traceId: string, assessmentId: string): unknown {
  const trace = state.traces.get(traceId);
  const row = trace?.assessments.find((assessment) => assessment.assessment_id === assessmentId);
  if (trace === undefined || row === undefined) return {};
  trace.assessments = trace.assessments.filter((assessment) => assessment !== row);
  // Deleting an override makes the assessment it replaced valid again.
  if (typeof row.overrides === 'string') {
    const old = trace.assessments.find((assessment) => assessment.assessment_id === row.overrides);
    if (old !== undefined) old.valid = true;
  }
  return {};
}
