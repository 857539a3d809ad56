import {
  AssessmentSourceSchema,
  GeneralFeedbackBodySchema,
  SearchTracesParamsSchema,
  TraceIdSchema,
  VerdictError,
  newAssessment,
  parseOrThrow,
} from '@verdict/core';
import type {
  Assessment,
  AssessmentSource,
  CreateAssessmentBody,
  GeneralFeedbackBody,
  OverrideAssessmentBody,
  SearchTracesParams,
  SearchTracesResponse,
  Store,
  Trace,
} from '@verdict/core';
import * as z from 'zod/mini';

/** Who an assessment is from when the caller does not say: an anonymous person. */
export const ANONYMOUS_SOURCE: AssessmentSource = { source_type: 'HUMAN', source_id: 'anonymous' };

/**
 * Input of `logFeedback` and `logExpectation`: the general feedback form's fields, with a
 * `source` instead of a `user_id`. Strict, like the route: unknown fields are refused.
 */
export const LogAssessmentInputSchema = z.extend(z.omit(GeneralFeedbackBodySchema, { user_id: true, feedback_token: true }), {
  source: z.optional(AssessmentSourceSchema),
});
/** What `logFeedback` / `logExpectation` take. `source` defaults to HUMAN `'anonymous'`. */
export type LogAssessmentInput = Omit<GeneralFeedbackBody, 'user_id' | 'feedback_token'> & { source?: AssessmentSource };

/** Waits until a trace this process is still writing has reached the store. */
export type WhenWritten = (traceId: string) => Promise<void>;

/** Everything Verdict does with assessments and traces, shared by the routes and the programmatic API. */
export interface AssessmentService {
  create(traceId: string, body: CreateAssessmentBody): Promise<Assessment>;
  override(traceId: string, assessmentId: string, body: OverrideAssessmentBody): Promise<Assessment>;
  remove(traceId: string, assessmentId: string): Promise<void>;
  logFeedback(input: LogAssessmentInput): Promise<Assessment>;
  logExpectation(input: LogAssessmentInput): Promise<Assessment>;
  getTrace(traceId: string): Promise<Trace | null>;
  searchTraces(params?: SearchTracesParams): Promise<SearchTracesResponse>;
}

function kindOf(assessment: { expectation?: unknown }): 'feedback' | 'expectation' {
  return assessment.expectation !== undefined ? 'expectation' : 'feedback';
}

// Optional fields are left out rather than set to undefined, so stores never see `key: undefined`.
function definedFields<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Creates the assessment logic over a store. Every write first waits for a trace write still in
 * flight (`whenWritten`), so a vote sent right after an answer finds its trace, and checks
 * everything before writing, so a refused request leaves the store unchanged.
 * @example const service = createAssessmentService(store, (id) => writer.whenWritten(id))
 */
export function createAssessmentService(store: Store, whenWritten: WhenWritten): AssessmentService {
  async function checkSpan(traceId: string, spanId: string | undefined): Promise<void> {
    if (spanId === undefined) return;
    const trace = await store.traces.get(traceId);
    if (trace === null) throw new VerdictError('NOT_FOUND', `trace ${traceId} not found`);
    if (!trace.data.spans.some((span) => span.span_id === spanId)) {
      throw new VerdictError('NOT_FOUND', `span ${spanId} not found in trace ${traceId}`);
    }
  }

  async function create(traceId: string, body: CreateAssessmentBody): Promise<Assessment> {
    await whenWritten(traceId);
    await checkSpan(traceId, body.span_id);
    // The store throws NOT_FOUND for an unknown trace before writing anything.
    return store.assessments.create(newAssessment({ ...body, trace_id: traceId, source: body.source ?? ANONYMOUS_SOURCE }));
  }

  async function log(kind: 'feedback' | 'expectation', input: LogAssessmentInput): Promise<Assessment> {
    const { trace_id, name, value, ...rest } = parseOrThrow(LogAssessmentInputSchema, input, `${kind} input`);
    const valueField = kind === 'feedback' ? { feedback: { value } } : { expectation: { value } };
    const body: CreateAssessmentBody = { ...definedFields(rest), assessment_name: name, ...valueField };
    return create(trace_id, body);
  }

  return {
    create,

    async override(traceId, assessmentId, body) {
      await whenWritten(traceId);
      const old = await store.assessments.get(traceId, assessmentId);
      if (old === null) throw new VerdictError('NOT_FOUND', `assessment ${assessmentId} of trace ${traceId} not found`);
      if (!old.valid) {
        throw new VerdictError('CONFLICT', `assessment ${assessmentId} was already overridden (valid: false); override the assessment that replaced it`);
      }
      const kind = kindOf(old);
      if (kindOf(body) !== kind) {
        const message = `assessment ${assessmentId} is ${kind === 'feedback' ? 'a feedback' : 'an expectation'}: override it with { ${kind}: { value } }`;
        throw new VerdictError('INVALID_ARGUMENT', message, { issues: [{ code: 'invalid_kind', path: [kindOf(body)], message }] });
      }
      const { source, rationale, metadata, feedback, expectation } = body;
      const fields = definedFields({ span_id: old.span_id, rationale, metadata, feedback, expectation });
      return store.assessments.create(
        newAssessment({
          ...fields,
          trace_id: traceId,
          assessment_name: old.assessment_name,
          source: source ?? ANONYMOUS_SOURCE,
          overrides: old.assessment_id,
        }),
      );
    },

    async remove(traceId, assessmentId) {
      await whenWritten(traceId);
      await store.assessments.delete(traceId, assessmentId);
    },

    logFeedback: (input) => log('feedback', input),
    logExpectation: (input) => log('expectation', input),

    async getTrace(traceId) {
      parseOrThrow(TraceIdSchema, traceId, 'trace_id');
      await whenWritten(traceId);
      return store.traces.get(traceId);
    },

    async searchTraces(params = {}) {
      return store.traces.search(parseOrThrow(SearchTracesParamsSchema, params, 'search params'));
    },
  };
}
