import { newSpanId, newTraceId } from '../ids';
import type { Assessment } from '../schemas/assessment';
import type { Span } from '../schemas/span';
import type { Trace, TraceInfo } from '../schemas/trace';
import { newAssessment } from '../store/new-assessment';
import type { NewAssessmentInput } from '../store/new-assessment';

/** A fixed instant, so fixtures compare equal across runs. 2023-11-14T22:13:20Z. */
const EPOCH = 1_700_000_000_000;

/**
 * A complete span with every optional field filled, so round trips exercise all of them.
 * @example makeSpan({ trace_id, name: 'retrieve', span_type: 'RETRIEVER' })
 */
export function makeSpan(overrides: Partial<Span> = {}): Span {
  return {
    trace_id: overrides.trace_id ?? newTraceId(),
    span_id: newSpanId(),
    parent_span_id: null,
    name: 'chat',
    span_type: 'CHAIN',
    // Sub-millisecond fractions on purpose: stores must not round span times.
    start_time_ms: EPOCH + 0.125,
    end_time_ms: EPOCH + 812.5,
    status: { code: 'OK' },
    inputs: { message: 'What is Verdict?' },
    outputs: { response: 'A feedback kit.' },
    attributes: { 'mlflow.spanType': 'CHAIN' },
    events: [],
    ...overrides,
  };
}

/** What {@link makeTrace} accepts: any trace info field, plus the spans. */
export type MakeTraceOptions = Partial<TraceInfo> & { spans?: Span[] };

/**
 * A complete trace: a root `CHAIN` span with a `RETRIEVER` child (documents as outputs) and an
 * `LLM` child (with an event), tags and metadata. `info.assessments` is empty unless given.
 * @example makeTrace({ request_time: 1_700_000_000_000, tags: { env: 'prod' } })
 */
export function makeTrace(options: MakeTraceOptions = {}): Trace {
  const { spans, ...info } = options;
  const trace_id = info.trace_id ?? newTraceId();
  const root = makeSpan({ trace_id, name: 'chat', span_type: 'CHAIN' });
  const retriever = makeSpan({
    trace_id,
    parent_span_id: root.span_id,
    name: 'retrieve',
    span_type: 'RETRIEVER',
    start_time_ms: EPOCH + 1.25,
    end_time_ms: EPOCH + 40.75,
    inputs: { query: 'Verdict' },
    outputs: [{ id: 'doc-1', page_content: 'Verdict collects feedback.', metadata: { doc_uri: 'https://example.com/verdict' } }],
    attributes: { 'mlflow.spanType': 'RETRIEVER', top_k: 1 },
  });
  const llm = makeSpan({
    trace_id,
    parent_span_id: root.span_id,
    name: 'openai.chat',
    span_type: 'LLM',
    start_time_ms: EPOCH + 41.5,
    end_time_ms: EPOCH + 800.0625,
    inputs: { messages: [{ role: 'user', content: 'What is Verdict?' }] },
    outputs: { content: 'A feedback kit.', usage: { prompt_tokens: 12, completion_tokens: 5 } },
    attributes: { 'mlflow.spanType': 'LLM', model: 'gpt-4o-mini', temperature: 0.2, stream: false, stop: null },
    events: [{ name: 'first_token', time_ms: EPOCH + 120.5, attributes: { index: 0 } }],
  });
  return {
    info: {
      trace_id,
      request_time: EPOCH,
      execution_duration: 812,
      state: 'OK',
      request_preview: 'What is Verdict?',
      response_preview: 'A feedback kit.',
      tags: { env: 'test' },
      trace_metadata: { 'mlflow.user': 'u1' },
      assessments: [],
      ...info,
    },
    data: { spans: spans ?? [root, retriever, llm] },
  };
}

/** What {@link makeAssessment} accepts besides the trace id: any field of a new assessment. */
export type MakeAssessmentOptions = Partial<Omit<NewAssessmentInput, 'trace_id'>> & { create_time?: number };

/**
 * A valid human feedback (`user_feedback: true` unless told otherwise) on `traceId`.
 * @example makeAssessment(trace.info.trace_id, { assessment_name: 'tone', feedback: { value: 'friendly' } })
 */
export function makeAssessment(traceId: string, options: MakeAssessmentOptions = {}): Assessment {
  const { create_time, ...rest } = options;
  const input: NewAssessmentInput = {
    assessment_name: 'user_feedback',
    source: { source_type: 'HUMAN', source_id: 'u1' },
    ...rest,
    trace_id: traceId,
  };
  if (input.expectation === undefined && input.feedback === undefined) input.feedback = { value: true };
  return newAssessment(input, create_time ?? EPOCH + 1000);
}
