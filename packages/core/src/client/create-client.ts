import { VerdictError } from '../errors';
import { AssessmentResponseSchema } from '../schemas/assessment-input';
import { ChatResponseSchema } from '../schemas/chat';
import { SearchTracesResponseSchema, searchParamsToQuery } from '../schemas/search';
import { TraceSchema } from '../schemas/trace';
import { FeedbackSummarySchema } from '../schemas/feedback-summary';
import { createFeedbackClient } from './create-feedback-client';
import { queryOf, requestJson, requestVoid, withSignal } from './http';
import { openChatStream } from './open-chat-stream';
import type { Transport } from './http';
import type { ClientOptions, VerdictClient } from './verdict-client';

function tracePath(traceId: string, assessmentId?: string): string {
  // Ids come from users and URLs; encoding keeps a stray '/' or '?' from changing the route.
  const base = `/traces/${encodeURIComponent(traceId)}`;
  return assessmentId === undefined ? base : `${base}/assessments/${encodeURIComponent(assessmentId)}`;
}

function checkOptions(options: ClientOptions): void {
  if (typeof options.baseUrl !== 'string' || options.baseUrl === '') {
    throw new VerdictError('INVALID_ARGUMENT', "createClient needs a baseUrl, e.g. createClient({ baseUrl: '/api' })");
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new VerdictError('INVALID_ARGUMENT', 'createClient: fetch must be a function');
  }
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new VerdictError('INVALID_ARGUMENT', 'createClient: this runtime has no global fetch; pass one as `fetch`');
  }
  const headers: unknown = options.headers;
  if (headers !== undefined && typeof headers !== 'function' && (typeof headers !== 'object' || headers === null)) {
    throw new VerdictError('INVALID_ARGUMENT', 'createClient: headers must be an object or a function returning one');
  }
}

/**
 * Creates a typed client for a Verdict router. Works in browsers and Node (anything with fetch).
 * Every answer is checked with its core schema; failures throw `HttpError` (network failures
 * too, with `status: 0` and `code: 'UNAVAILABLE'`), aborts rethrow fetch's `AbortError`.
 * @example
 * const client = createClient({ baseUrl: '/api', headers: () => ({ authorization: `Bearer ${getToken()}` }) });
 * const { trace_id, feedback_token } = await client.chat({ message: 'Hello' });
 * await client.sendFeedback({ trace_id, is_correct: true, feedback_token });
 */
export function createClient(options: ClientOptions): VerdictClient {
  checkOptions(options);
  const transport: Transport = { ...options };

  return {
    chat: (request, callOptions) =>
      requestJson(transport, withSignal({ method: 'POST', path: '/chat', body: request }, callOptions), ChatResponseSchema),

    ...createFeedbackClient(options),

    streamChat: (request, callOptions) => openChatStream(transport, request, callOptions),

    searchTraces: (params = {}, callOptions) =>
      requestJson(
        transport,
        withSignal({ method: 'GET', path: '/traces', query: searchParamsToQuery(params) }, callOptions),
        SearchTracesResponseSchema,
      ),

    getTrace: (traceId, callOptions) =>
      requestJson(transport, withSignal({ method: 'GET', path: tracePath(traceId) }, callOptions), TraceSchema),

    createAssessment: (traceId, body, callOptions) =>
      requestJson(
        transport,
        withSignal({ method: 'POST', path: `${tracePath(traceId)}/assessments`, body }, callOptions),
        AssessmentResponseSchema,
      ),

    overrideAssessment: (traceId, assessmentId, body, callOptions) =>
      requestJson(
        transport,
        withSignal({ method: 'PATCH', path: tracePath(traceId, assessmentId), body }, callOptions),
        AssessmentResponseSchema,
      ),

    deleteAssessment: (traceId, assessmentId, callOptions) =>
      requestVoid(transport, withSignal({ method: 'DELETE', path: tracePath(traceId, assessmentId) }, callOptions)),

    getFeedbackSummary: (params = {}, callOptions) =>
      requestJson(
        transport,
        withSignal({ method: 'GET', path: '/feedback/summary', query: queryOf({ ...params }) }, callOptions),
        FeedbackSummarySchema,
      ),
  };
}
