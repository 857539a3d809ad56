// The fields of each stored record that can hold user content. Each walker takes a `visit`
// function called once per field and returns a new record built from what `visit` returned,
// leaving its argument alone: callers (the eval run manager, the services) keep using the
// objects they passed to the store. `loc` names a field by ids, not positions, so the same field
// is recognised in the next version of a document.
import type { Assessment, EvalRun, LabelAnswer, Span, StoredDataset, StoredLabelingSession, Trace } from '@verdict/core';
import { applyRedact } from './redact-hook';
import type { RedactContext, RedactHook, RedactKind } from './redact-hook';

/** Called once per redactable field; returns what to store. */
export type FieldVisitor = <T>(value: T, kind: RedactKind, path: RedactContext['path'], loc: string, traceId?: string) => T;

type Path = RedactContext['path'];

/**
 * The visitor that runs `redact` on every field it is shown.
 * @example const masked = walkTrace(redactEach(redact), trace)
 */
export function redactEach(redact: RedactHook): FieldVisitor {
  return (value, kind, path, _loc, traceId) => applyRedact(redact, value, traceId === undefined ? { kind, path } : { kind, path, trace_id: traceId });
}

function walkSpan(visit: FieldVisitor, span: Span, path: Path): Span {
  const traceId = span.trace_id;
  const loc = `span:${span.span_id}`;
  const copy: Span = {
    ...span,
    attributes: visit(span.attributes, 'span_attributes', [...path, 'attributes'], `${loc}:attributes`, traceId),
    events: visit(span.events, 'span_events', [...path, 'events'], `${loc}:events`, traceId),
  };
  if (span.inputs !== undefined) copy.inputs = visit(span.inputs, 'span_inputs', [...path, 'inputs'], `${loc}:inputs`, traceId);
  if (span.outputs !== undefined) copy.outputs = visit(span.outputs, 'span_outputs', [...path, 'outputs'], `${loc}:outputs`, traceId);
  if (span.status.message !== undefined) {
    copy.status = { ...span.status, message: visit(span.status.message, 'span_status_message', [...path, 'status', 'message'], `${loc}:status`, traceId) };
  }
  return copy;
}

/**
 * A trace with its previews and every span's inputs, outputs, attributes, events and status
 * message visited.
 * @example const masked = walkTrace(redactEach(redact), trace)
 */
export function walkTrace(visit: FieldVisitor, trace: Trace): Trace {
  const traceId = trace.info.trace_id;
  return {
    info: {
      ...trace.info,
      request_preview: visit(trace.info.request_preview, 'trace_preview', ['info', 'request_preview'], 'request_preview', traceId),
      response_preview: visit(trace.info.response_preview, 'trace_preview', ['info', 'response_preview'], 'response_preview', traceId),
    },
    data: { spans: trace.data.spans.map((span, index) => walkSpan(visit, span, ['data', 'spans', index])) },
  };
}

/**
 * An assessment with its value, rationale and error visited.
 * @example const masked = walkAssessment(redactEach(redact), assessment)
 */
export function walkAssessment(visit: FieldVisitor, assessment: Assessment): Assessment {
  const traceId = assessment.trace_id;
  const copy = { ...assessment };
  if (copy.rationale !== undefined) copy.rationale = visit(copy.rationale, 'rationale', ['rationale'], 'rationale', traceId);
  if (copy.expectation !== undefined) {
    copy.expectation = { value: visit(copy.expectation.value, 'assessment_value', ['expectation', 'value'], 'value', traceId) };
  }
  if (copy.feedback !== undefined) {
    const { value, error } = copy.feedback;
    const feedback = { ...copy.feedback };
    if (value !== undefined) feedback.value = visit(value, 'assessment_value', ['feedback', 'value'], 'value', traceId);
    if (error !== undefined) {
      const masked = { ...error };
      if (error.error_message !== undefined) masked.error_message = visit(error.error_message, 'error_message', ['feedback', 'error', 'error_message'], 'error', traceId);
      if (error.stack_trace !== undefined) masked.stack_trace = visit(error.stack_trace, 'error_message', ['feedback', 'error', 'stack_trace'], 'stack', traceId);
      feedback.error = masked;
    }
    copy.feedback = feedback;
  }
  return copy as Assessment;
}

function walkAnswers(visit: FieldVisitor, answers: Record<string, LabelAnswer>, path: Path, loc: string, traceId: string): Record<string, LabelAnswer> {
  return Object.fromEntries(
    Object.entries(answers).map(([schema, answer]) => {
      const at = `${loc}:${JSON.stringify(schema)}`;
      const copy: LabelAnswer = { ...answer, value: visit(answer.value, 'label_value', [...path, schema, 'value'], `${at}:value`, traceId) };
      if (answer.comment !== undefined) copy.comment = visit(answer.comment, 'label_comment', [...path, schema, 'comment'], `${at}:comment`, traceId);
      return [schema, copy];
    }),
  );
}

/**
 * A labeling session whose items' labels, comments and adjudicated labels are visited.
 * @example const masked = walkLabelingSession(redactEach(redact), stored)
 */
export function walkLabelingSession(visit: FieldVisitor, stored: StoredLabelingSession): StoredLabelingSession {
  const items = stored.items.map((item, index) => {
    const path = ['items', index];
    const labels = Object.fromEntries(
      Object.entries(item.labels).map(([user, answers]) => [
        user,
        walkAnswers(visit, answers, [...path, 'labels', user], `${item.item_id}:labels:${JSON.stringify(user)}`, item.trace_id),
      ]),
    );
    const copy = { ...item, labels };
    if (item.adjudicated !== undefined) {
      copy.adjudicated = { ...item.adjudicated, labels: walkAnswers(visit, item.adjudicated.labels, [...path, 'adjudicated', 'labels'], `${item.item_id}:adjudicated`, item.trace_id) };
    }
    return copy;
  });
  return { ...stored, items };
}

/**
 * A dataset whose records' inputs and expectations are visited.
 * @example const masked = walkDataset(redactEach(redact), stored)
 */
export function walkDataset(visit: FieldVisitor, stored: StoredDataset): StoredDataset {
  const records = stored.records.map((record, index) => ({
    ...record,
    inputs: visit(record.inputs, 'dataset_inputs', ['records', index, 'inputs'], `${record.dataset_record_id}:inputs`),
    expectations: visit(record.expectations, 'dataset_expectations', ['records', index, 'expectations'], `${record.dataset_record_id}:expectations`),
  }));
  return { ...stored, records };
}

/**
 * An evaluation run whose rows (inputs, outputs, expectations, score values, rationales and
 * errors) and error are visited.
 * @example const masked = walkEvalRun(redactEach(redact), run)
 */
export function walkEvalRun(visit: FieldVisitor, run: EvalRun): EvalRun {
  const rows = run.rows.map((row, index) => {
    const path = ['rows', index];
    const loc = `${row.row_id}`;
    const traceId = row.trace_id;
    const scores = Object.fromEntries(
      Object.entries(row.scores).map(([name, score]) => {
        const at = [...path, 'scores', name];
        const scoreLoc = `${loc}:scores:${JSON.stringify(name)}`;
        const copy = { ...score };
        if (score.value !== undefined) copy.value = visit(score.value, 'assessment_value', [...at, 'value'], `${scoreLoc}:value`, traceId);
        if (score.rationale !== undefined) copy.rationale = visit(score.rationale, 'rationale', [...at, 'rationale'], `${scoreLoc}:rationale`, traceId);
        if (score.error?.error_message !== undefined) {
          copy.error = { ...score.error, error_message: visit(score.error.error_message, 'error_message', [...at, 'error', 'error_message'], `${scoreLoc}:error`, traceId) };
        }
        return [name, copy];
      }),
    );
    const copy = {
      ...row,
      inputs: visit(row.inputs, 'eval_inputs', [...path, 'inputs'], `${loc}:inputs`, traceId),
      expectations: visit(row.expectations, 'eval_expectations', [...path, 'expectations'], `${loc}:expectations`, traceId),
      scores,
    };
    if (row.outputs !== undefined) copy.outputs = visit(row.outputs, 'eval_outputs', [...path, 'outputs'], `${loc}:outputs`, traceId);
    return copy;
  });
  const copy = { ...run, rows };
  if (run.error !== undefined) copy.error = visit(run.error, 'error_message', ['error'], 'error');
  return copy;
}
