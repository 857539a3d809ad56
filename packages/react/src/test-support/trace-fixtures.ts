// Test and story data (never exported from the package): plain traces typed with core's `Trace`.
// Stories read them through stories/trace-fixtures.ts, so both show the same traces.
import type { Assessment, JsonValue, Span, SpanType, Trace } from '@verdict/core';

/** A fixed instant (2023-11-14T22:13:20Z), so fixtures render the same every run. */
export const FIXTURE_EPOCH = 1_700_000_000_000;

/** A well-formed id from a small number: `tr-000…0001`, `0000…0002`, `a-000…0003`. */
export const fixtureTraceId = (n: number) => `tr-${n.toString(16).padStart(32, '0')}`;
export const fixtureSpanId = (n: number) => n.toString(16).padStart(16, '0');
export const fixtureAssessmentId = (n: number) => `a-${n.toString(16).padStart(32, '0')}`;

interface SpanSpec {
  id: number;
  parent: number | null;
  name: string;
  type: SpanType;
  start: number;
  end: number | null;
  inputs?: JsonValue;
  outputs?: JsonValue;
  attributes?: Record<string, JsonValue>;
  events?: Span['events'];
  error?: string;
}

function span(traceId: string, spec: SpanSpec): Span {
  const out: Span = {
    trace_id: traceId,
    span_id: fixtureSpanId(spec.id),
    parent_span_id: spec.parent === null ? null : fixtureSpanId(spec.parent),
    name: spec.name,
    span_type: spec.type,
    start_time_ms: FIXTURE_EPOCH + spec.start,
    end_time_ms: spec.end === null ? null : FIXTURE_EPOCH + spec.end,
    status: spec.error === undefined ? { code: 'OK' } : { code: 'ERROR', message: spec.error },
    attributes: { 'mlflow.spanType': spec.type, ...spec.attributes },
    events: spec.events ?? [],
  };
  if (spec.inputs !== undefined) out.inputs = spec.inputs;
  if (spec.outputs !== undefined) out.outputs = spec.outputs;
  return out;
}

function trace(traceId: string, spans: Span[], info: Partial<Trace['info']> = {}): Trace {
  const root = spans.find((candidate) => candidate.parent_span_id === null);
  return {
    info: {
      trace_id: traceId,
      request_time: FIXTURE_EPOCH,
      execution_duration: root?.end_time_ms == null ? null : root.end_time_ms - root.start_time_ms,
      state: 'OK',
      request_preview: '',
      response_preview: '',
      tags: {},
      trace_metadata: {},
      assessments: [],
      ...info,
    },
    data: { spans },
  };
}

const QUESTION = 'How long does standard shipping take?';
const ANSWER = 'Standard shipping takes 3 to 5 business days within the EU.';

/** The documents the RAG trace's retriever returns. */
export const RAG_DOCUMENTS = [
  {
    id: 'doc-shipping',
    page_content: 'Standard shipping takes 3 to 5 business days within the EU. Express shipping arrives the next business day when ordered before 14:00.',
    metadata: { doc_uri: 'https://help.example.com/shipping', chunk: 2, score: 0.91 },
  },
  {
    id: 'doc-returns',
    page_content: 'Returns are free within 30 days. Print the label from your order page.',
    metadata: { doc_uri: 'https://help.example.com/returns', chunk: 0, score: 0.42 },
  },
];

/**
 * A small RAG trace: query embedding, retrieval (2 documents), reranking, and a chat model call
 * recorded the way `instrumentOpenAI()` records one (messages in, choices and token usage out).
 * @example await store.traces.put(ragTrace())
 */
export function ragTrace(traceId = fixtureTraceId(1)): Trace {
  const messages = [
    { role: 'system', content: 'Answer from the documents only.' },
    { role: 'user', content: `Documents:\n${RAG_DOCUMENTS.map((doc) => doc.page_content).join('\n')}\n\nQuestion: ${QUESTION}` },
  ];
  const usage = { input_tokens: 96, output_tokens: 14, total_tokens: 110 };
  return trace(
    traceId,
    [
      span(traceId, { id: 1, parent: null, name: 'rag_pipeline', type: 'CHAIN', start: 0, end: 1240.5, inputs: { message: QUESTION }, outputs: { response: ANSWER } }),
      span(traceId, { id: 2, parent: 1, name: 'embed_query', type: 'EMBEDDING', start: 2, end: 60, inputs: { input: QUESTION }, outputs: { dimensions: 1536 } }),
      span(traceId, { id: 3, parent: 1, name: 'retrieve_docs', type: 'RETRIEVER', start: 61, end: 180.25, inputs: { query: QUESTION, top_k: 2 }, outputs: RAG_DOCUMENTS, attributes: { index: 'help-centre' } }),
      span(traceId, { id: 4, parent: 1, name: 'rerank', type: 'RERANKER', start: 181, end: 240, inputs: { documents: 2 }, outputs: { order: ['doc-shipping', 'doc-returns'] } }),
      span(traceId, {
        id: 5,
        parent: 1,
        name: 'openai.chat.completions.create',
        type: 'CHAT_MODEL',
        start: 241,
        end: 1238,
        inputs: { model: 'gpt-4o-mini', messages, temperature: 0 },
        outputs: { id: 'chatcmpl-1', model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: ANSWER }, finish_reason: 'stop' }] },
        attributes: { 'mlflow.message.format': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.response.model': 'gpt-4o-mini', 'mlflow.chat.tokenUsage': usage },
        events: [{ name: 'first_token', time_ms: FIXTURE_EPOCH + 512.75, attributes: {} }],
      }),
    ],
    { request_preview: QUESTION, response_preview: ANSWER, tags: { env: 'demo' } },
  );
}

/**
 * An agent trace with two tool calls, the second failing with an exception (status ERROR).
 * @example render(<TraceView trace={agentTrace()} />)
 */
export function agentTrace(traceId = fixtureTraceId(2)): Trace {
  const toolCall = (id: string, name: string, args: object) => ({ id, type: 'function', function: { name, arguments: JSON.stringify(args) } });
  const failure = 'Flight search API timed out after 10000 ms';
  return trace(
    traceId,
    [
      span(traceId, { id: 1, parent: null, name: 'travel_agent', type: 'AGENT', start: 0, end: 4200, inputs: { task: 'Plan a weekend in Lisbon' }, error: failure }),
      span(traceId, {
        id: 2,
        parent: 1,
        name: 'plan',
        type: 'CHAT_MODEL',
        start: 5,
        end: 900,
        inputs: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Plan a weekend in Lisbon' }] },
        outputs: {
          choices: [{ message: { role: 'assistant', content: null, tool_calls: [toolCall('call_1', 'get_weather', { city: 'Lisbon' }), toolCall('call_2', 'search_flights', { to: 'LIS' })] } }],
        },
        attributes: { 'mlflow.chat.tokenUsage': JSON.stringify({ input_tokens: 40, output_tokens: 31, total_tokens: 71 }) },
      }),
      span(traceId, { id: 3, parent: 1, name: 'get_weather', type: 'TOOL', start: 901, end: 1300, inputs: { city: 'Lisbon' }, outputs: { forecast: 'sunny', high_c: 24 } }),
      span(traceId, {
        id: 4,
        parent: 1,
        name: 'search_flights',
        type: 'TOOL',
        start: 1301,
        end: 4150,
        inputs: { to: 'LIS' },
        error: failure,
        events: [
          {
            name: 'exception',
            time_ms: FIXTURE_EPOCH + 4149,
            attributes: { 'exception.type': 'TimeoutError', 'exception.message': failure, 'exception.stacktrace': `TimeoutError: ${failure}\n    at searchFlights (tools.ts:42:11)` },
          },
        ],
      }),
      span(traceId, { id: 5, parent: 4, name: 'http_get', type: 'UNKNOWN', start: 1310, end: 4140, inputs: { url: 'https://flights.example.com/search?to=LIS' } }),
    ],
    { state: 'ERROR', request_preview: 'Plan a weekend in Lisbon', response_preview: '' },
  );
}

const TYPES: readonly SpanType[] = ['CHAIN', 'LLM', 'CHAT_MODEL', 'RETRIEVER', 'TOOL', 'AGENT', 'EMBEDDING', 'RERANKER', 'PARSER', 'UNKNOWN'];

/**
 * A trace of `count` spans: a root with chains of 10 nested children each, spread over 60 s.
 * @example largeTrace(5000).data.spans.length // 5000
 */
export function largeTrace(count = 5000, traceId = fixtureTraceId(3)): Trace {
  const spans: Span[] = [];
  const total = 60_000;
  for (let id = 1; id <= count; id += 1) {
    // Every 10th span hangs off the root, the others off the previous one: depth up to 10.
    const parent = id === 1 ? null : (id - 2) % 10 === 0 ? 1 : id - 1;
    const start = id === 1 ? 0 : ((id - 1) / count) * total;
    const end = id === 1 ? total : start + total / count / 2 + ((id * 7) % 13);
    spans.push(span(traceId, { id, parent, name: `step_${id}`, type: TYPES[id % TYPES.length] ?? 'UNKNOWN', start, end, inputs: { step: id } }));
  }
  return trace(traceId, spans, { request_preview: `A trace with ${count} spans`, response_preview: 'done' });
}

/**
 * Assessments on `traceId` in creation order: a judge's correctness overridden twice by people
 * (so two invalid ones fold under the valid one), a thumbs up, a relevance score, an expectation
 * and a span-level feedback on span 3. Replay them in order with `store.assessments.create`.
 * @example for (const assessment of overriddenAssessments(id)) await store.assessments.create(assessment)
 */
export function overriddenAssessments(traceId = fixtureTraceId(1)): Assessment[] {
  const at = (minutes: number) => FIXTURE_EPOCH + 60_000 * minutes;
  const base = (n: number, minutes: number) => ({ assessment_id: fixtureAssessmentId(n), trace_id: traceId, create_time: at(minutes), last_update_time: at(minutes) });
  return [
    { ...base(1, 1), assessment_name: 'correctness', source: { source_type: 'LLM_JUDGE', source_id: 'correctness-judge' }, feedback: { value: false }, rationale: 'The answer omits express shipping.', valid: false },
    { ...base(2, 5), assessment_name: 'correctness', source: { source_type: 'HUMAN', source_id: 'reviewer-ana' }, feedback: { value: true }, rationale: 'Express was not asked about.', overrides: fixtureAssessmentId(1), valid: false },
    { ...base(3, 9), assessment_name: 'correctness', source: { source_type: 'HUMAN', source_id: 'lead-bo' }, feedback: { value: true }, rationale: 'Confirmed with the shipping team.', overrides: fixtureAssessmentId(2), valid: true },
    { ...base(4, 2), assessment_name: 'user_feedback', source: { source_type: 'HUMAN', source_id: 'browser-42' }, feedback: { value: true }, valid: true },
    { ...base(5, 3), assessment_name: 'relevance', source: { source_type: 'CODE', source_id: 'relevance_scorer' }, feedback: { value: 0.87654 }, valid: true },
    { ...base(6, 4), assessment_name: 'expected_facts', source: { source_type: 'HUMAN', source_id: 'reviewer-ana' }, expectation: { value: ['3 to 5 business days', 'EU only'] }, valid: true },
    { ...base(7, 6), assessment_name: 'retrieval_quality', span_id: fixtureSpanId(3), source: { source_type: 'LLM_JUDGE', source_id: 'retrieval-judge' }, feedback: { value: { precision: 0.5, recall: 1 } }, valid: true },
  ];
}

/**
 * The RAG trace with {@link overriddenAssessments} already on it (as `GET /traces/:id` answers).
 * @example scriptedTraceFetch({ traces: [ragTraceWithAssessments()] })
 */
export function ragTraceWithAssessments(traceId = fixtureTraceId(1)): Trace {
  const base = ragTrace(traceId);
  return { ...base, info: { ...base.info, assessments: overriddenAssessments(traceId) } };
}
