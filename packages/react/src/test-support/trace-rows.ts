// Test and story data for the traces table and the feedback summary (never exported from the
// package): deterministic traces, one a minute, with votes, ratings and labels on some of them.
import type { Assessment, AssessmentValue, Trace, TraceInfo } from '@verdict/core';

/** 2023-11-14T22:13:20Z: row 0's request time; each next row is one minute older. */
export const ROWS_EPOCH = 1_700_000_000_000;

const QUESTIONS = [
  'How long does shipping take?',
  'Can I return an opened item?',
  'Do you ship to Canada?',
  'What is the warranty on headphones?',
  'My order arrived damaged, what now? I have photos of the box and of the item, and the courier left it in the rain for hours.',
];
const ANSWERS = [
  'Standard shipping takes 3–5 business days.',
  'Opened items can be returned within 30 days if undamaged.',
  'Yes, we ship to Canada; duties are paid at delivery.',
  'Headphones carry a two-year warranty covering manufacturing defects, not accidental damage or water.',
  'Sorry about that! Send the photos to support and we will ship a replacement at no cost.',
];

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
/** `tr-` + 32 hex digits from a row number. */
export const rowTraceId = (n: number) => `tr-${hex(n + 0xa000, 32)}`;

/** What the assessments of row `n` are: name → value (or none). */
export function rowAssessments(n: number): [string, AssessmentValue][] {
  const out: [string, AssessmentValue][] = [];
  if (n % 3 !== 2) out.push(['user_feedback', n % 3 === 0]);
  if (n % 4 === 1) out.push(['user_accuracy', (n % 5) / 4]);
  if (n % 6 === 0) out.push(['tone', n % 12 === 0 ? 'friendly' : 'curt']);
  if (n === 4) out.push(['review_note', 'The answer should mention the 14-day window for damaged goods and link the claims form.']);
  return out;
}

/** The trace info of row `n`, without assessments. */
export function rowInfo(n: number): TraceInfo {
  return {
    trace_id: rowTraceId(n),
    request_time: ROWS_EPOCH - n * 60_000,
    execution_duration: 180 + ((n * 137) % 2400),
    state: n % 7 === 3 ? 'ERROR' : n % 11 === 5 ? 'IN_PROGRESS' : 'OK',
    request_preview: QUESTIONS[n % QUESTIONS.length]!,
    response_preview: n % 7 === 3 ? '' : ANSWERS[n % ANSWERS.length]!,
    tags: { env: n % 2 === 0 ? 'prod' : 'staging', ...(n % 5 === 0 ? { model: 'gpt-4o-mini' } : {}) },
    trace_metadata: {},
    assessments: [],
  };
}

/** The assessments of row `n`, as a store would hold them. */
export function rowAssessmentList(n: number): Assessment[] {
  const info = rowInfo(n);
  return rowAssessments(n).map(([name, value], index) => ({
    assessment_id: `a-${hex(n * 16 + index, 32)}`,
    assessment_name: name,
    trace_id: info.trace_id,
    source: { source_type: name.startsWith('user_') ? 'HUMAN' : 'LLM_JUDGE', source_id: name.startsWith('user_') ? `user-${n % 9}` : 'tone-judge' },
    create_time: info.request_time + 5_000 + index,
    last_update_time: info.request_time + 5_000 + index,
    feedback: { value },
    valid: true,
  }));
}

/** Row `n` as a trace info with its assessments, as `GET /traces` returns it. */
export function rowWithAssessments(n: number): TraceInfo {
  return { ...rowInfo(n), assessments: rowAssessmentList(n) };
}

/** Row `n` as a whole trace (one root span) to put into a store. */
export function rowTrace(n: number): Trace {
  const info = rowInfo(n);
  const start = info.request_time;
  return {
    info,
    data: {
      spans: [
        {
          trace_id: info.trace_id,
          span_id: hex(n + 1, 16),
          parent_span_id: null,
          name: 'chat',
          span_type: 'CHAIN',
          start_time_ms: start,
          end_time_ms: start + (info.execution_duration ?? 0),
          status: { code: info.state === 'ERROR' ? 'ERROR' : 'OK' },
          inputs: { message: info.request_preview },
          outputs: { response: info.response_preview },
          attributes: {},
          events: [],
        },
      ],
    },
  };
}
