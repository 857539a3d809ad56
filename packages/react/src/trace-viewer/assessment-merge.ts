import type { Assessment, Trace } from '@verdict/core';

/**
 * The assessments after the server stored `created`: it is added (or replaces its stale copy) and
 * the one it `overrides` turns invalid, as the store does in the same write.
 * @example withCreatedAssessment(trace.info.assessments, response.assessment)
 */
export function withCreatedAssessment(assessments: readonly Assessment[], created: Assessment): Assessment[] {
  const next = assessments
    .filter((assessment) => assessment.assessment_id !== created.assessment_id)
    .map((assessment) => (assessment.assessment_id === created.overrides ? { ...assessment, valid: false } : assessment));
  next.push(created);
  return next;
}

/**
 * The assessments after the server deleted `assessmentId`: deleting the valid override makes the
 * assessment it replaced valid again, as the store does.
 * @example withDeletedAssessment(trace.info.assessments, id)
 */
export function withDeletedAssessment(assessments: readonly Assessment[], assessmentId: string): Assessment[] {
  const removed = assessments.find((assessment) => assessment.assessment_id === assessmentId);
  const restored = removed?.valid === true ? removed.overrides : undefined;
  return assessments
    .filter((assessment) => assessment.assessment_id !== assessmentId)
    .map((assessment) => (assessment.assessment_id === restored ? { ...assessment, valid: true } : assessment));
}

/**
 * `trace` with its assessments replaced (spans kept by reference, so the tree is not rebuilt).
 * @example withAssessments(trace, withDeletedAssessment(trace.info.assessments, id))
 */
export function withAssessments(trace: Trace, assessments: Assessment[]): Trace {
  return { ...trace, info: { ...trace.info, assessments } };
}
