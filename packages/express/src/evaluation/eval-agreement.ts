import { VerdictError, judgeAgreement } from '@verdict/core';
import type { EvalAgreementResponse, EvalRun, JsonValue, Store } from '@verdict/core';

/**
 * The human labels of one label schema on the given traces: HUMAN assessments of that name on the
 * trace itself, else the answers reviewers gave on labeling items made from the trace (an
 * adjudicated answer first, else the first reviewer's).
 */
async function humanLabels(store: Store, traceIds: ReadonlySet<string>, labelSchema: string): Promise<Map<string, JsonValue>> {
  const labels = new Map<string, JsonValue>();
  for (const { session: _session, items } of await store.labelingSessions.list()) {
    for (const item of items) {
      const sourceId = 'trace_id' in item.source ? item.source.trace_id : undefined;
      const traceId = sourceId !== undefined && traceIds.has(sourceId) ? sourceId : traceIds.has(item.trace_id) ? item.trace_id : undefined;
      if (traceId === undefined || labels.has(traceId)) continue;
      const answer = item.adjudicated?.labels[labelSchema] ?? Object.values(item.labels).find((byUser) => byUser[labelSchema] !== undefined)?.[labelSchema];
      if (answer !== undefined) labels.set(traceId, answer.value);
    }
  }
  // A label logged on the trace itself is the more direct statement: it wins.
  for (const traceId of traceIds) {
    const trace = await store.traces.get(traceId);
    const human = trace?.info.assessments
      .filter((assessment) => assessment.valid && assessment.assessment_name === labelSchema && assessment.source.source_type === 'HUMAN')
      .sort((a, b) => b.create_time - a.create_time)[0];
    const value = human?.feedback?.value ?? human?.expectation?.value;
    if (value !== undefined) labels.set(traceId, value);
  }
  return labels;
}

/**
 * Judge vs human on a run: for each row with a value from `scorer` and a human `labelSchema`
 * label on its trace, one pair; then Cohen's kappa and the confusion matrix (see core's `judgeAgreement`).
 * @example const { kappa, matrix } = await evalAgreement(store, run, 'correctness', 'is_correct')
 */
export async function evalAgreement(store: Store, run: EvalRun, scorer: string, labelSchema: string): Promise<EvalAgreementResponse> {
  if (!run.scorers.includes(scorer)) {
    const message = `evaluation ${run.evaluation_id} has no scorer ${scorer}; its scorers: ${run.scorers.join(', ')}`;
    throw new VerdictError('INVALID_ARGUMENT', message, { issues: [{ code: 'custom', path: ['scorer'], message }] });
  }
  const judged = run.rows.filter((row) => row.trace_id !== undefined && row.scores[scorer]?.value !== undefined && row.scores[scorer]?.error === undefined);
  const labels = await humanLabels(store, new Set(judged.map((row) => row.trace_id as string)), labelSchema);
  const pairs = judged.flatMap((row) => {
    const human = labels.get(row.trace_id as string);
    const judge = row.scores[scorer]?.value;
    return human === undefined || judge === undefined ? [] : [{ human, judge }];
  });
  return { scorer, label_schema: labelSchema, metric: 'cohen_kappa', ...judgeAgreement(pairs) };
}
