import { VerdictError, newAssessment, validateLabelValue } from '@verdict/core';
import type { Issue, LabelAnswer, LabelSchema, LabelValue, Store } from '@verdict/core';

/**
 * Checks a reviewer's answers against the session's schemas and returns them as stored answers.
 * With `partial` (adjudication) only the given schemas are checked; otherwise every schema of the
 * session needs an answer. Every problem is reported at once, each with its path
 * (`labels.<schema>[.<row>]`); the message names the first.
 * @example const answers = checkAnswers(schemas, body.labels, body.comments, { partial: false })
 */
export function checkAnswers(
  schemas: readonly LabelSchema[],
  labels: Record<string, LabelValue>,
  comments: Record<string, string> | undefined,
  options: { partial: boolean },
): Record<string, LabelAnswer> {
  const issues: Issue[] = [];
  const byName = new Map(schemas.map((schema) => [schema.name, schema]));
  for (const name of Object.keys(labels)) {
    if (!byName.has(name)) issues.push({ code: 'unrecognized_keys', path: ['labels', name], message: `the session has no label schema ${name}` });
  }
  for (const name of Object.keys(comments ?? {})) {
    const schema = byName.get(name);
    if (schema === undefined) issues.push({ code: 'unrecognized_keys', path: ['comments', name], message: `the session has no label schema ${name}` });
    else if (schema.enable_comment !== true) issues.push({ code: 'custom', path: ['comments', name], message: `label schema ${name} takes no comment` });
    else if (labels[name] === undefined) issues.push({ code: 'custom', path: ['comments', name], message: `a comment on ${name} needs an answer to it` });
  }
  const answers: Record<string, LabelAnswer> = {};
  for (const schema of schemas) {
    const value = labels[schema.name];
    if (value === undefined) {
      if (!options.partial) issues.push({ code: 'invalid_type', path: ['labels', schema.name], message: `${schema.name} needs an answer (or skip the item)` });
      continue;
    }
    const check = validateLabelValue(value, schema);
    if (!check.ok) {
      issues.push({ code: 'custom', path: ['labels', schema.name, ...check.path], message: `${schema.name}: ${check.message}` });
      continue;
    }
    const comment = comments?.[schema.name];
    answers[schema.name] = comment === undefined || comment.trim() === '' ? { value: check.value } : { value: check.value, comment };
  }
  if (options.partial && Object.keys(labels).length === 0) {
    issues.push({ code: 'too_small', path: ['labels'], message: 'give at least one label' });
  }
  const [first] = issues;
  if (first !== undefined) {
    throw new VerdictError('INVALID_ARGUMENT', `invalid labels at ${first.path.join('.')}: ${first.message}`, { issues });
  }
  return answers;
}

/**
 * Writes answers as assessments on the item's trace copy: HUMAN source with the reviewer's id,
 * feedback or expectation by the schema's type, the comment as rationale, the session and item in
 * metadata. A reviewer's earlier assessment of the same name is overridden (kept, `valid: false`).
 * @example await writeAnswers(store, copyTraceId, schemas, answers, { sourceId: 'ann', metadata: { labeling_session_id, item_id } })
 */
export async function writeAnswers(
  store: Store,
  traceId: string,
  schemas: readonly LabelSchema[],
  answers: Record<string, LabelAnswer>,
  by: { sourceId: string; metadata: Record<string, string> },
): Promise<string[]> {
  const trace = await store.traces.get(traceId);
  if (trace === null) throw new VerdictError('NOT_FOUND', `trace copy ${traceId} of the item is gone`);
  const ids: string[] = [];
  for (const schema of schemas) {
    const answer = answers[schema.name];
    if (answer === undefined) continue;
    const previous = trace.info.assessments.find(
      (assessment) =>
        assessment.valid &&
        assessment.assessment_name === schema.name &&
        assessment.source.source_type === 'HUMAN' &&
        assessment.source.source_id === by.sourceId,
    );
    const value = answer.value;
    const created = await store.assessments.create(
      newAssessment({
        trace_id: traceId,
        assessment_name: schema.name,
        source: { source_type: 'HUMAN', source_id: by.sourceId },
        ...(schema.type === 'expectation' ? { expectation: { value } } : { feedback: { value } }),
        ...(answer.comment === undefined ? {} : { rationale: answer.comment }),
        metadata: by.metadata,
        ...(previous === undefined ? {} : { overrides: previous.assessment_id }),
      }),
    );
    ids.push(created.assessment_id);
  }
  return ids;
}
