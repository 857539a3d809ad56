export { newTraceId, newSpanId, newAssessmentId, traceIdFromOtel, otelTraceIdOf, TRACE_ID_PATTERN, SPAN_ID_PATTERN, ASSESSMENT_ID_PATTERN, ID_PREFIXES, newId } from './ids';
export type { IdKind } from './ids';
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
export type { SseParser, SseParserOptions, InvalidSseEvent, SseEventSchema } from './stream/sse';
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

export type { Store, TraceStore, AssessmentStore, DocumentCollection, StoredLabelingSession, StoredDataset } from './store/store';
export { memoryCollection } from './store/memory-collection';
export { newAssessment } from './store/new-assessment';
export type { NewAssessmentInput } from './store/new-assessment';
export { memoryStore } from './store/memory-store';
export { searchTraceInfos } from './store/search-trace-infos';
export { LABELING_COPY_TAG, isLabelingCopy, wantsLabelingCopies } from './store/labeling-copy';

export { createClient } from './client/create-client';
export { createFeedbackClient } from './client/create-feedback-client';
export { createReviewClient } from './client/review-client';
export type { ReviewClient } from './client/review-client';
export type { FeedbackClient } from './client/create-feedback-client';
export type { ClientOptions, RequestOptions, FeedbackRequestOptions, VerdictClient, SendFeedbackInput, LogFeedbackInput, DetailedFeedbackInput } from './client/verdict-client';
export type { StreamChatOptions } from './client/open-chat-stream';

export { createChatController } from './chat/chat-controller';
export type { ChatController, ChatControllerOptions, FrameScheduler } from './chat/chat-controller';
export type { ChatState, ChatStatus, ChatControllerMessage, ChatMessageStatus } from './chat/chat-state';
export type { HeadersOption } from './client/http';
export { HttpError } from './client/http-error';
export type { HttpErrorCode, HttpErrorOptions } from './client/http-error';

export { SummaryBucketSchema, FeedbackSummaryQuerySchema, FeedbackFiguresSchema, FeedbackSummaryBucketSchema, FeedbackSummarySchema } from './schemas/feedback-summary';
export type { SummaryBucket, FeedbackSummaryQuery, ParsedFeedbackSummaryQuery, FeedbackFigures, FeedbackSummaryBucket, FeedbackSummary } from './schemas/feedback-summary';
export { summarizeFeedback } from './store/summarize-feedback';

export { UserRoleSchema, VerdictUserSchema } from './schemas/user';
export type { UserRole, VerdictUser } from './schemas/user';
export { LabelInputSchema, LabelSchemaSchema, CreateLabelSchemaBodySchema, UpdateLabelSchemaBodySchema, ListLabelSchemasResponseSchema, BUILT_IN_LABEL_SCHEMAS } from './schemas/label-schema';
export type { LabelInput, LabelSchema, CreateLabelSchemaBody, UpdateLabelSchemaBody, ListLabelSchemasResponse } from './schemas/label-schema';
export {
  LabelingSessionIdSchema, LabelingItemIdSchema, LabelValueSchema, LabelAnswerSchema, LabelingItemStateSchema, LabelingItemSourceSchema, LabelingItemSchema,
  LabelingSessionInfoSchema, LabelingProgressSchema, LabelingSessionSchema, CreateLabelingSessionBodySchema, ListLabelingSessionsResponseSchema,
  AddLabelingItemsBodySchema, ListLabelingItemsQuerySchema, LabelingItemsResponseSchema, SubmitLabelsBodySchema, AdjudicateBodySchema,
  SyncExpectationsBodySchema, UpsertCountsSchema, AgreementResponseSchema,
} from './schemas/labeling-session';
export type {
  LabelValue, LabelAnswer, LabelingItemState, LabelingItemSource, LabelingItem, LabelingSessionInfo, LabelingProgress, LabelingSession,
  CreateLabelingSessionBody, ListLabelingSessionsResponse, AddLabelingItemsBody, ListLabelingItemsQuery, LabelingItemsResponse, SubmitLabelsBody,
  AdjudicateBody, SyncExpectationsBody, UpsertCounts, AgreementResponse,
} from './schemas/labeling-session';
export {
  DatasetIdSchema, DatasetRecordIdSchema, DatasetNameSchema, DatasetRecordSourceSchema, DatasetRecordSchema, DatasetInfoSchema, DatasetSchema,
  CreateDatasetBodySchema, ListDatasetsResponseSchema, DatasetRecordInputSchema, UpsertDatasetRecordsBodySchema, ListDatasetRecordsQuerySchema,
  ListDatasetRecordsResponseSchema,
} from './schemas/dataset';
export type {
  DatasetRecordSource, DatasetRecord, DatasetInfo, Dataset, CreateDatasetBody, ListDatasetsResponse, DatasetRecordInput, UpsertDatasetRecordsBody,
  ListDatasetRecordsQuery, ListDatasetRecordsResponse,
} from './schemas/dataset';
export {
  EvaluationIdSchema, ScorerRefSchema, StartEvaluationBodySchema, EvaluationStatusSchema, EvalScoreSchema, EvalRowSchema, EvalAggregateSchema,
  EvalProgressSchema, JudgeUsageSchema, EvalRunSchema, ListEvaluationsResponseSchema, StartEvaluationResponseSchema, EvalEventSchema, EvalChangeSchema,
  CompareEvaluationsResponseSchema,
} from './schemas/evaluation';
export type {
  ScorerRef, StartEvaluationBody, EvaluationStatus, EvalScore, EvalRow, EvalAggregate, EvalProgress, JudgeUsage, EvalRun, ListEvaluationsResponse,
  StartEvaluationResponse, EvalEvent, EvalChange, CompareEvaluationsResponse,
} from './schemas/evaluation';

export { labelValueSchema, validateLabelValue } from './review/validate-label';
export type { LabelValueCheck } from './review/validate-label';
export { EvalAgreementQuerySchema, EvalAgreementResponseSchema } from './schemas/evaluation';
export type { EvalAgreementQuery, EvalAgreementResponse } from './schemas/evaluation';
export { createEvaluationClient } from './client/evaluation-client';
export type { EvaluationClient, EvaluationEventsOptions } from './client/evaluation-client';
export { aggregateScores, createScoreAccumulator, quantile } from './evaluation/aggregate-scores';
export type { ScoreAccumulator } from './evaluation/aggregate-scores';
export { scoreNumber, isPassFail } from './evaluation/score-number';
export { compareEvaluations, rowChange } from './evaluation/compare-evaluations';
export { judgeAgreement, agreementLabel } from './evaluation/judge-agreement';
export type { AgreementPair } from './evaluation/judge-agreement';
export { cohenKappa, krippendorffAlpha, exactMatchRate } from './review/agreement';
export type { AlphaLevel } from './review/agreement';
export { sessionAgreement, answerKey } from './review/session-agreement';
export { AnnotatorAgreementSchema } from './schemas/labeling-session';
export type { AnnotatorAgreement } from './schemas/labeling-session';
export { canonicalJson } from './review/canonical-json';
