import type { Assessment } from '@verdict/core';

/** A shown assessment with the values it replaced, newest first. */
export interface AssessmentEntry {
  current: Assessment;
  history: Assessment[];
}

/**
 * Groups assessments for display: each valid one with the chain of invalid ones it overrode
 * (followed through `overrides`) folded under it. Invalid ones that no chain reaches are kept as
 * entries of their own, so nothing the server sent is hidden. Oldest entry first.
 * @example groupAssessments(trace.info.assessments).map((entry) => entry.history.length)
 */
export function groupAssessments(assessments: readonly Assessment[]): AssessmentEntry[] {
  const byId = new Map(assessments.map((assessment) => [assessment.assessment_id, assessment]));
  const folded = new Set<string>();
  const entries: AssessmentEntry[] = [];
  for (const current of assessments) {
    if (!current.valid) continue;
    const history: Assessment[] = [];
    // A malformed store could loop back to this one or another chain; `folded` stops the walk.
    folded.add(current.assessment_id);
    for (let older = current.overrides === undefined ? undefined : byId.get(current.overrides); older !== undefined && !folded.has(older.assessment_id); ) {
      folded.add(older.assessment_id);
      history.push(older);
      older = older.overrides === undefined ? undefined : byId.get(older.overrides);
    }
    entries.push({ current, history });
  }
  for (const assessment of assessments) {
    if (!assessment.valid && !folded.has(assessment.assessment_id)) entries.push({ current: assessment, history: [] });
  }
  return entries.sort((a, b) => a.current.create_time - b.current.create_time);
}
