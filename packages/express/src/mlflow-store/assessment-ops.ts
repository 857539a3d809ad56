import { VerdictError } from '@verdict/core';
import type { Assessment } from '@verdict/core';
import { fromMlflowAssessment, verdictIdOf } from './assessment-mapping';
import { sleep } from './backoff';
import type { MlflowContext } from './context';
import { MlflowHttpError, MlflowUnavailableError } from './http-client';
import { createAssessmentRequest, deleteAssessmentRequest, rawAssessmentOf } from './mlflow-requests';
import { readTraceInfo } from './trace-ops';

type Loose = Record<string, unknown>;

function rawAssessments(raw: Loose): Loose[] {
  return Array.isArray(raw.assessments) ? raw.assessments.filter((row): row is Loose => typeof row === 'object' && row !== null) : [];
}

function idMapOf(rows: Loose[]): Map<string, string> {
  return new Map(rows.map((row) => [String(row.assessment_id), verdictIdOf(row)]));
}

/** The trace's raw assessments, or NOT_FOUND when MLflow has no such trace. */
async function assessmentsOf(ctx: MlflowContext, traceId: string): Promise<Loose[]> {
  const read = await readTraceInfo(ctx, traceId);
  if (read === null) throw new VerdictError('NOT_FOUND', `trace ${traceId} not found`);
  return rawAssessments(read.raw);
}

/**
 * Creates a validated assessment exactly once. MLflow assigns its own ids, so Verdict's id rides
 * in the assessment's metadata; before every (re)try the trace is read and an assessment already
 * carrying that id is returned instead of posting a second one. `overrides` names a Verdict id:
 * unknown → NOT_FOUND, already overridden → CONFLICT (callers serialise overrides per trace).
 */
export async function createAssessment(ctx: MlflowContext, assessment: Assessment, attempts = 4): Promise<Assessment> {
  for (let attempt = 1; ; attempt += 1) {
    const rows = await assessmentsOf(ctx, assessment.trace_id);
    const idMap = idMapOf(rows);
    const existing = rows.find((row) => verdictIdOf(row) === assessment.assessment_id);
    if (existing !== undefined) {
      const restored = fromMlflowAssessment(existing, idMap);
      if (restored !== undefined) return restored;
    }
    let overridesMlflowId: string | undefined;
    if (assessment.overrides !== undefined) {
      const target = rows.find((row) => verdictIdOf(row) === assessment.overrides);
      if (target === undefined) throw new VerdictError('NOT_FOUND', `assessment ${assessment.overrides} (to override) not found on trace ${assessment.trace_id}`);
      if (target.valid === false) throw new VerdictError('CONFLICT', `assessment ${assessment.overrides} is already overridden`);
      overridesMlflowId = String(target.assessment_id);
    }
    try {
      const response = await ctx.http.request(createAssessmentRequest(assessment, overridesMlflowId));
      const raw = rawAssessmentOf(response.json);
      const created = raw === undefined ? undefined : fromMlflowAssessment(raw, idMap);
      if (created === undefined) throw new VerdictError('INTERNAL', 'MLflow answered a create assessment without a readable assessment');
      return created;
    } catch (error) {
      if (error instanceof MlflowHttpError && error.status === 404) {
        throw new VerdictError('NOT_FOUND', `trace ${assessment.trace_id} not found`, { cause: error });
      }
      // The create may have landed (a timeout, a 5xx): look before posting again.
      if (!(error instanceof MlflowUnavailableError && error.ambiguous) || attempt >= attempts) throw error;
      await sleep(50 * 2 ** attempt);
    }
  }
}

/** One assessment by its Verdict id (or MLflow id for others' assessments), or null. */
export async function getAssessment(ctx: MlflowContext, traceId: string, assessmentId: string): Promise<Assessment | null> {
  const read = await readTraceInfo(ctx, traceId);
  if (read === null) return null;
  return read.info.assessments.find((assessment) => assessment.assessment_id === assessmentId) ?? null;
}

/**
 * Deletes an assessment (NOT_FOUND when absent). MLflow itself makes the assessment it overrode
 * valid again. `missingOk` makes a replayed delete idempotent.
 */
export async function deleteAssessment(ctx: MlflowContext, traceId: string, assessmentId: string, missingOk = false): Promise<void> {
  let rows: Loose[];
  try {
    rows = await assessmentsOf(ctx, traceId);
  } catch (error) {
    if (missingOk && VerdictError.isInstance(error) && error.code === 'NOT_FOUND') return;
    throw error;
  }
  const target = rows.find((row) => verdictIdOf(row) === assessmentId);
  if (target === undefined) {
    if (missingOk) return;
    throw new VerdictError('NOT_FOUND', `assessment ${assessmentId} not found on trace ${traceId}`);
  }
  try {
    await ctx.http.request(deleteAssessmentRequest(traceId, String(target.assessment_id)));
  } catch (error) {
    if (error instanceof MlflowHttpError && error.status === 404) {
      if (missingOk) return;
      throw new VerdictError('NOT_FOUND', `assessment ${assessmentId} not found on trace ${traceId}`, { cause: error });
    }
    throw error;
  }
}
