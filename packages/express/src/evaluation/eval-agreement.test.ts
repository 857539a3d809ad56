import { memoryStore, newId, newTraceId } from '@verdict/core';
import type { EvalRun, LabelingItem } from '@verdict/core';
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import { describe, expect, it } from 'vitest';
import { evalAgreement } from './eval-agreement';

function runOver(traceIds: string[], values: boolean[]): EvalRun {
  return {
    evaluation_id: newId('evaluation'),
    name: 'agreement',
    status: 'completed',
    progress: { done: traceIds.length, total: traceIds.length },
    aggregates: {},
    rows: traceIds.map((traceId, index) => ({ row_id: `r${index}`, inputs: {}, expectations: {}, trace_id: traceId, scores: { judge: { value: values[index] ?? false } } })),
    usage: { judge_prompt_tokens: 0, judge_completion_tokens: 0 },
    scorers: ['judge'],
    create_time: 0,
  };
}

describe('evalAgreement', () => {
  it('pairs the judge with labels from labeling sessions (gold first) and from HUMAN assessments on the trace', async () => {
    const store = memoryStore();
    const traces = [makeTrace(), makeTrace(), makeTrace(), makeTrace()];
    for (const trace of traces) await store.traces.put(trace);
    const [a, b, c, d] = traces.map((trace) => trace.info.trace_id) as [string, string, string, string];
    const sessionId = newId('labelingSession');
    const item = (source: string, labels: LabelingItem['labels'], adjudicated?: string): LabelingItem => ({
      item_id: newId('labelingItem'),
      labeling_session_id: sessionId,
      source: { trace_id: source },
      trace_id: newTraceId(),
      state: 'completed',
      labels,
      ...(adjudicated === undefined ? {} : { adjudicated: { by: 'lead', time: 1, labels: { is_right: { value: adjudicated } } } }),
    });
    await store.labelingSessions.create(sessionId, {
      session: { labeling_session_id: sessionId, name: 's', assigned_users: ['ann', 'bob'], label_schemas: ['is_right'], reviewers_per_item: 2, create_time: 0, created_by: 'lead' },
      items: [
        item(a, { ann: { is_right: { value: 'yes' } } }),
        // Reviewers disagreed; the adjudicated label wins.
        item(b, { ann: { is_right: { value: 'yes' } }, bob: { is_right: { value: 'no' } } }, 'no'),
        item(c, { ann: { other: { value: 'x' } } }),
      ],
    });
    // A label on the trace itself.
    await store.assessments.create(makeAssessment(d, { assessment_name: 'is_right', feedback: { value: 'yes' } }));

    const result = await evalAgreement(store, runOver([a, b, c, d], [true, true, true, false]), 'judge', 'is_right');
    // Pairs: a (yes→true, true), b (gold no→false, true), d (yes→true, false); c has no is_right label.
    expect(result).toMatchObject({ scorer: 'judge', label_schema: 'is_right', items: 3, labels: ['false', 'true'], matrix: [[0, 1], [1, 1]] });
    expect(result.observed_agreement).toBeCloseTo(1 / 3);
  });

  it('refuses a scorer the run does not have', async () => {
    await expect(evalAgreement(memoryStore(), runOver([], []), 'nope', 'is_right')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
