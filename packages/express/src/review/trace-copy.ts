import { LABELING_COPY_TAG, newSpanId, newTraceId } from '@verdict/core';
import type { DatasetRecord, JsonObject, JsonValue, Trace } from '@verdict/core';

/** Trace metadata keys linking a session's copy to where it came from. */
export const COPY_METADATA = {
  sourceTraceId: 'verdict.source_trace_id',
  labelingSessionId: 'verdict.labeling_session_id',
  dataset: 'verdict.source_dataset',
  datasetRecordId: 'verdict.source_dataset_record_id',
  /** The app (`verdict({ apps })`) whose answer the trace holds, in a session with an `agent`. */
  agent: 'verdict.agent',
} as const;

/**
 * A copy of `trace` for a labeling session: a new trace id and new span ids (parents remapped the
 * same way, so the tree is unchanged), no assessments, and metadata naming the source trace and
 * the session. Labels then land on the copy and never on the original. It carries core's
 * `LABELING_COPY_TAG`, so searches and summaries leave it out unless they ask for copies.
 * @example const copy = copyTraceForSession(original, session.labeling_session_id)
 */
export function copyTraceForSession(trace: Trace, sessionId: string): Trace {
  const traceId = newTraceId();
  const spanIds = new Map(trace.data.spans.map((span) => [span.span_id, newSpanId()]));
  const remap = (spanId: string | null) => (spanId === null ? null : spanIds.get(spanId) ?? newSpanId());
  // A client request id identifies one request; the copy is not that request.
  const { client_request_id: _request, ...info } = structuredClone(trace.info);
  return {
    info: {
      ...info,
      trace_id: traceId,
      tags: { ...trace.info.tags, [LABELING_COPY_TAG]: 'true' },
      trace_metadata: {
        ...trace.info.trace_metadata,
        [COPY_METADATA.sourceTraceId]: trace.info.trace_id,
        [COPY_METADATA.labelingSessionId]: sessionId,
      },
      assessments: [],
    },
    data: {
      spans: trace.data.spans.map((span) => ({
        ...structuredClone(span),
        trace_id: traceId,
        span_id: remap(span.span_id) as string,
        parent_span_id: remap(span.parent_span_id),
      })),
    },
  };
}

const preview = (value: JsonValue | undefined): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
};

/**
 * A synthetic trace for a dataset record in a labeling session: one root span whose inputs are
 * the record's inputs (and whose outputs are empty: no app is run for it), so reviewers label it
 * like any trace. Used for sessions without an `agent` (with one, the agent's trace is the item's).
 * @example const trace = traceFromRecord(record, 'golden', sessionId)
 */
export function traceFromRecord(record: DatasetRecord, dataset: string, sessionId: string, now: number = Date.now()): Trace {
  const traceId = newTraceId();
  const question = firstText(record.inputs);
  return {
    info: {
      trace_id: traceId,
      request_time: now,
      execution_duration: 0,
      state: 'OK',
      request_preview: preview(question ?? record.inputs),
      response_preview: '',
      tags: { ...record.tags, [LABELING_COPY_TAG]: 'true' },
      trace_metadata: {
        [COPY_METADATA.dataset]: dataset,
        [COPY_METADATA.datasetRecordId]: record.dataset_record_id,
        [COPY_METADATA.labelingSessionId]: sessionId,
      },
      assessments: [],
    },
    data: {
      spans: [
        {
          trace_id: traceId,
          span_id: newSpanId(),
          parent_span_id: null,
          name: 'dataset_record',
          span_type: 'UNKNOWN',
          start_time_ms: now,
          end_time_ms: now,
          status: { code: 'OK' },
          inputs: record.inputs,
          attributes: {},
          events: [],
        },
      ],
    },
  };
}

// The record's question, when its inputs hold one text: the preview reads like a chat request.
function firstText(inputs: JsonObject): string | undefined {
  const texts = Object.values(inputs).filter((value): value is string => typeof value === 'string');
  return texts.length === 1 ? texts[0] : undefined;
}

/**
 * The inputs a trace was called with, as a dataset record's `inputs`: the root span's inputs when
 * they are an object, else `{ inputs: <value> }`; the request preview when the root has none.
 * @example inputsOfTrace(trace) // { message: 'What is Verdict?' }
 */
export function inputsOfTrace(trace: Trace): JsonObject {
  const root = trace.data.spans.find((span) => span.parent_span_id === null);
  const inputs = root?.inputs;
  if (inputs !== undefined && inputs !== null && typeof inputs === 'object' && !Array.isArray(inputs)) return inputs;
  if (inputs !== undefined) return { inputs };
  return { request: trace.info.request_preview };
}
