export { newTraceId, newSpanId, newAssessmentId, traceIdFromOtel, otelTraceIdOf, TRACE_ID_PATTERN, SPAN_ID_PATTERN, ASSESSMENT_ID_PATTERN } from './ids';
export { VerdictError, ERROR_STATUS, toIssues } from './errors';
export type { ErrorCode, VerdictErrorOptions } from './errors';
export { parseOrThrow } from './validate';

export { JsonValueSchema, JsonObjectSchema, AssessmentValueSchema, StringMapSchema } from './schemas/value';
export type { JsonValue, JsonObject, AssessmentValue, StringMap } from './schemas/value';
export { SpanTypeSchema, TraceIdSchema, SpanIdSchema, DocumentSchema, SpanStatusCodeSchema, SpanStatusSchema, SpanEventSchema, SpanSchema } from './schemas/span';
export type { SpanType, Document, SpanStatus, SpanEvent, Span } from './schemas/span';
export { AssessmentIdSchema, AssessmentSourceSchema, AssessmentErrorSchema, FeedbackSchema, ExpectationSchema, AssessmentSchema } from './schemas/assessment';
export type { AssessmentSource, AssessmentError, Feedback, Expectation, Assessment } from './schemas/assessment';
export { CreateAssessmentBodySchema, OverrideAssessmentBodySchema, AssessmentResponseSchema } from './schemas/assessment-input';
export type { CreateAssessmentBody, OverrideAssessmentBody, AssessmentResponse } from './schemas/assessment-input';
export { TraceStateSchema, TraceInfoSchema, TraceSchema } from './schemas/trace';
export type { TraceState, TraceInfo, Trace } from './schemas/trace';
export { StreamStartEventSchema, StreamTokenEventSchema, StreamDoneEventSchema, StreamErrorEventSchema, StreamEventSchema } from './schemas/stream';
export type { StreamEvent } from './schemas/stream';
export { encodeSseEvent, createSseParser, parseSseStream } from './stream/sse';
export type { SseParser, SseParserOptions, InvalidSseEvent } from './stream/sse';
export { IssueSchema, ErrorBodySchema } from './schemas/error-body';
export type { Issue, ErrorBody } from './schemas/error-body';
export { ChatMessageSchema, ChatRequestSchema, ChatResponseSchema } from './schemas/chat';
export type { ChatMessage, ChatRequest, ChatResponse } from './schemas/chat';
export { SimpleFeedbackQuerySchema, SimpleFeedbackBodySchema, GeneralFeedbackBodySchema, DetailedFeedbackQuerySchema, FeedbackResponseSchema, RATING_DIMENSIONS, normalizeRating } from './schemas/feedback';
export type { SimpleFeedbackQuery, SimpleFeedbackBody, GeneralFeedbackBody, DetailedFeedbackQuery, FeedbackResponse, RatingDimension } from './schemas/feedback';
export { MyFeedbackQuerySchema, DeleteFeedbackQuerySchema, MyFeedbackEntrySchema, MyFeedbackResponseSchema, IDEMPOTENCY_KEY_HEADER } from './schemas/feedback';
export type { MyFeedbackQuery, DeleteFeedbackQuery, MyFeedbackEntry, MyFeedbackResponse } from './schemas/feedback';
export { SearchTracesParamsSchema, SearchTracesResponseSchema, MAX_RESULTS_LIMIT, searchParamsFromQuery, searchParamsToQuery } from './schemas/search';
export type { SearchTracesParams, ParsedSearchTracesParams, SearchTracesResponse } from './schemas/search';

export type { Store, TraceStore, AssessmentStore } from './store/store';
export { newAssessment } from './store/new-assessment';
export type { NewAssessmentInput } from './store/new-assessment';
export { memoryStore } from './store/memory-store';
export { searchTraceInfos } from './store/search-trace-infos';

export { createClient } from './client/create-client';
export { createFeedbackClient } from './client/create-feedback-client';
export type { FeedbackClient } from './client/create-feedback-client';
export type { ClientOptions, RequestOptions, FeedbackRequestOptions, VerdictClient, SendFeedbackInput, LogFeedbackInput, DetailedFeedbackInput } from './client/verdict-client';
export type { StreamChatOptions } from './client/open-chat-stream';

export { createChatController } from './chat/chat-controller';
export type { ChatController, ChatControllerOptions, FrameScheduler } from './chat/chat-controller';
export type { ChatState, ChatStatus, ChatControllerMessage, ChatMessageStatus } from './chat/chat-state';
export type { HeadersOption } from './client/http';
export { HttpError } from './client/http-error';
export type { HttpErrorCode, HttpErrorOptions } from './client/http-error';
