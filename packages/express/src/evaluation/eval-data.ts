import { VerdictError } from '@verdict/core';
import type { AssessmentValue, JsonObject, JsonValue, Store, Trace } from '@verdict/core';
import { createDatasetService } from '../review/dataset-service';
import { inputsOfTrace } from '../review/trace-copy';

/** A record to evaluate: inputs for the app, ground truth, and (without an app) the outputs to score. */
export interface EvalRecord {
  inputs: JsonObject;
  expectations?: Record<string, AssessmentValue>;
  /** Scored as they are when no `predictFn` is given. */
  outputs?: JsonValue;
}

/** What to evaluate: a dataset's name (needs a store), records, or traces (scored as they are without a `predictFn`). */
export type EvaluateData = string | readonly EvalRecord[] | readonly Trace[];

/** One row before it is scored. */
export interface PendingRow {
  rowId: string;
  inputs: JsonObject;
  expectations: Record<string, AssessmentValue>;
  outputs: JsonValue | undefined;
  trace: Trace | undefined;
}

function isTrace(value: EvalRecord | Trace): value is Trace {
  return typeof (value as Trace).info === 'object' && Array.isArray((value as Trace).data?.spans);
}

/**
 * The valid expectations logged on a trace, by name (the latest of a name wins).
 * @example expectationsOfTrace(trace) // { expected_response: 'Paris' }
 */
export function expectationsOfTrace(trace: Trace): Record<string, AssessmentValue> {
  const expectations: Record<string, AssessmentValue> = {};
  const sorted = [...trace.info.assessments].sort((a, b) => a.create_time - b.create_time);
  for (const assessment of sorted) if (assessment.valid && assessment.expectation !== undefined) expectations[assessment.assessment_name] = assessment.expectation.value;
  return expectations;
}

/**
 * The root span's outputs: what the traced call returned.
 * @example outputsOfTrace(trace) // 'Paris is the capital of France.'
 */
export function outputsOfTrace(trace: Trace): JsonValue | undefined {
  return trace.data.spans.find((span) => span.parent_span_id === null)?.outputs;
}

/**
 * Turns `data` into rows: a dataset's records (by name, from `store`), records as given, or
 * traces (inputs from the root span, outputs from it, expectations from its assessments).
 * @example const rows = await resolveRows('golden', store)
 */
export async function resolveRows(data: EvaluateData, store: Store | undefined): Promise<PendingRow[]> {
  if (typeof data === 'string') {
    if (store === undefined) throw new VerdictError('INVALID_ARGUMENT', `evaluate({ data: '${data}' }) reads a dataset and needs a store: evaluate({ data, store })`);
    const records = await createDatasetService(store).getRecords(data);
    return records.map((record) => ({ rowId: record.dataset_record_id, inputs: record.inputs, expectations: record.expectations, outputs: undefined, trace: undefined }));
  }
  return data.map((item, index) => {
    if (isTrace(item)) {
      return { rowId: item.info.trace_id, inputs: inputsOfTrace(item), expectations: expectationsOfTrace(item), outputs: outputsOfTrace(item), trace: item };
    }
    return { rowId: `row-${index + 1}`, inputs: item.inputs, expectations: item.expectations ?? {}, outputs: item.outputs, trace: undefined };
  });
}
