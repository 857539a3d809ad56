import type { AssessmentResponse, CreateAssessmentBody, OverrideAssessmentBody } from '../schemas/assessment-input';
import type { ChatRequest, ChatResponse } from '../schemas/chat';
import type {
  DeleteFeedbackQuery,
  DetailedFeedbackQuery,
  FeedbackResponse,
  GeneralFeedbackBody,
  MyFeedbackQuery,
  MyFeedbackResponse,
  SimpleFeedbackBody,
  SimpleFeedbackQuery,
} from '../schemas/feedback';
import type { StreamEvent } from '../schemas/stream';
import type { StreamChatOptions } from './open-chat-stream';
import type { SearchTracesParams, SearchTracesResponse } from '../schemas/search';
import type { Trace } from '../schemas/trace';
import type { FeedbackSummary, FeedbackSummaryQuery } from '../schemas/feedback-summary';
import type { HeadersOption } from './http';

/** Options of `createClient`. */
export interface ClientOptions {
  /** Where the Verdict router is mounted, absolute or relative: `'http://localhost:3000/api'`, `'/api'`. */
  baseUrl: string;
  /**
   * The fetch to use (a mock in tests, a polyfill in old runtimes).
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
  /** Headers for every request; a function is called before each request, so changing tokens work. */
  headers?: HeadersOption;
}

/** Per-call options of every client method. */
export interface RequestOptions {
  /** Aborts the request; the `AbortError` of fetch is rethrown unchanged. */
  signal?: AbortSignal;
}

/** Per-call options of the feedback writes. */
export interface FeedbackRequestOptions extends RequestOptions {
  /**
   * Sent as the `Idempotency-Key` header: a retry with the same key counts once, and the server
   * answers it with the first result. Use one key per user action, reused for its retries.
   */
  idempotencyKey?: string;
}

/** Thumbs up/down in the MLflow-example form (`POST /feedback?trace_id=&user_id=`). */
export type SendFeedbackInput = SimpleFeedbackQuery & SimpleFeedbackBody;
/** Any named feedback (the general `POST /feedback` form). */
export type LogFeedbackInput = GeneralFeedbackBody;
/** 1–5 ratings per dimension (`POST /detailed-feedback`). */
export type DetailedFeedbackInput = DetailedFeedbackQuery;

/**
 * A typed client for every Verdict route. Answers are checked with the core schemas; failures
 * throw `HttpError`.
 */
export interface VerdictClient {
  /**
   * Asks the traced chat handler for an answer (`POST /chat`).
   * @example const { response, trace_id, feedback_token } = await client.chat({ message: 'Hi' })
   */
  chat(request: ChatRequest, options?: RequestOptions): Promise<ChatResponse>;
  /**
   * Rates an answer up or down, as the MLflow feedback example does.
   * @example await client.sendFeedback({ trace_id, is_correct: true, feedback_token })
   */
  sendFeedback(input: SendFeedbackInput, options?: FeedbackRequestOptions): Promise<FeedbackResponse>;
  /**
   * Logs any named feedback on a trace or one of its spans.
   * @example await client.logFeedback({ trace_id, name: 'tone', value: 'friendly', feedback_token })
   */
  logFeedback(input: LogFeedbackInput, options?: FeedbackRequestOptions): Promise<FeedbackResponse>;
  /**
   * Sends 1–5 ratings (at least one dimension); the server stores them normalised to 0–1.
   * @example await client.sendDetailedFeedback({ trace_id, accuracy: 5, helpfulness: 4 })
   */
  sendDetailedFeedback(input: DetailedFeedbackInput, options?: FeedbackRequestOptions): Promise<FeedbackResponse>;
  /**
   * The user's own current end-user feedback on a trace (`GET /feedback`), e.g. to show a vote after a reload.
   * @example const { feedback } = await client.getMyFeedback({ trace_id, user_id: 'u1', feedback_token }); feedback.user_feedback?.value
   */
  getMyFeedback(input: MyFeedbackQuery, options?: RequestOptions): Promise<MyFeedbackResponse>;
  /**
   * Undoes the user's feedback of one name on a trace (`DELETE /feedback`); nothing to undo is fine.
   * @example await client.deleteFeedback({ trace_id, user_id: 'u1', name: 'user_feedback', feedback_token })
   */
  deleteFeedback(input: DeleteFeedbackQuery, options?: RequestOptions): Promise<void>;
  /**
   * Streams an answer (`POST /chat/stream`), yielding its events as they arrive.
   * @example for await (const event of client.streamChat({ message: 'Hi' })) if (event.type === 'token') show(event.content);
   */
  streamChat(request: ChatRequest, options?: StreamChatOptions): AsyncGenerator<StreamEvent, void, undefined>;
  /**
   * One page of trace infos; pass `next_page_token` back as `page_token` for the next page.
   * @example const { traces, next_page_token } = await client.searchTraces({ assessment_name: 'user_feedback', max_results: 50 })
   */
  searchTraces(params?: SearchTracesParams, options?: RequestOptions): Promise<SearchTracesResponse>;
  /**
   * A whole trace with its spans and assessments.
   * @example const trace = await client.getTrace('tr-…')
   */
  getTrace(traceId: string, options?: RequestOptions): Promise<Trace>;
  /**
   * Logs a feedback or an expectation on a trace.
   * @example await client.createAssessment(traceId, { assessment_name: 'expected', expectation: { value: 'Paris' } })
   */
  createAssessment(traceId: string, body: CreateAssessmentBody, options?: RequestOptions): Promise<AssessmentResponse>;
  /**
   * Replaces an assessment's value; the old one stays, with `valid: false`.
   * @example await client.overrideAssessment(traceId, assessmentId, { feedback: { value: false } })
   */
  overrideAssessment(
    traceId: string,
    assessmentId: string,
    body: OverrideAssessmentBody,
    options?: RequestOptions,
  ): Promise<AssessmentResponse>;
  /**
   * Deletes an assessment; deleting an override makes the assessment it replaced valid again.
   * @example await client.deleteAssessment(traceId, assessmentId)
   */
  deleteAssessment(traceId: string, assessmentId: string, options?: RequestOptions): Promise<void>;
  /**
   * Feedback figures over a time window, overall and per hour or day (`GET /feedback/summary`).
   * @example const { feedback_rate, positive_rate, buckets } = await client.getFeedbackSummary({ start_time_ms: Date.now() - 7 * 86_400_000, bucket: 'day' })
   */
  getFeedbackSummary(params?: FeedbackSummaryQuery, options?: RequestOptions): Promise<FeedbackSummary>;
}
