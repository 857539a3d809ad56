import type { Assessment, CreateAssessmentBody } from '@verdict/core';
import type { AssessmentService } from '../assessment-service';

/**
 * The names an end user gives through the feedback routes: `user_feedback` and `user_<dimension>`.
 * @example isEndUserName('user_accuracy') // true; isEndUserName('implicit_copy') // false
 */
export function isEndUserName(name: string): boolean {
  return name === 'user_feedback' || /^user_[a-z0-9_]+$/.test(name);
}

/**
 * The user's valid HUMAN feedback on a trace, newest first; only the end-user names, or only
 * `name` when given. The anonymous user is `'anonymous'`.
 * @example const [current] = ownFeedback(trace.info.assessments, 'alice', 'user_feedback')
 */
export function ownFeedback(assessments: readonly Assessment[], userId: string, name?: string): Assessment[] {
  return assessments
    .filter(
      (assessment) =>
        assessment.valid &&
        assessment.feedback !== undefined &&
        assessment.source.source_type === 'HUMAN' &&
        assessment.source.source_id === userId &&
        (name === undefined ? isEndUserName(assessment.assessment_name) : assessment.assessment_name === name),
    )
    .sort((a, b) => b.create_time - a.create_time);
}

/**
 * Writes an end-user vote. When a known user (not anonymous) already has a valid vote of that
 * name on the trace, the new one overrides it (the old stays, `valid: false`): changing a vote is
 * never a second vote. Anonymous votes cannot be told apart, so each one counts.
 * @example await writeOwnFeedback(service, traceId, 'alice', { assessment_name: 'user_feedback', feedback: { value: false } })
 */
export async function writeOwnFeedback(
  service: AssessmentService,
  traceId: string,
  userId: string | undefined,
  body: CreateAssessmentBody,
): Promise<Assessment> {
  if (userId === undefined || !isEndUserName(body.assessment_name)) return service.create(traceId, body);
  const trace = await service.getTrace(traceId);
  const [current] = trace === null ? [] : ownFeedback(trace.info.assessments, userId, body.assessment_name);
  if (current === undefined) return service.create(traceId, body);
  const { assessment_name: _name, span_id: _span, ...value } = body;
  return service.override(traceId, current.assessment_id, value);
}
