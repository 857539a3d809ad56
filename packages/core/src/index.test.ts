import { expect, it } from 'vitest';
import * as core from './index';
import * as testing from './testing/index';

// Changing these lists changes the public API: update the snapshots on purpose, never by reflex.
it('exports exactly the curated runtime API', () => {
  expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
    [
      "ASSESSMENT_ID_PATTERN",
      "AssessmentErrorSchema",
      "AssessmentIdSchema",
      "AssessmentResponseSchema",
      "AssessmentSchema",
      "AssessmentSourceSchema",
      "AssessmentValueSchema",
      "ChatMessageSchema",
      "ChatRequestSchema",
      "ChatResponseSchema",
      "CreateAssessmentBodySchema",
      "DetailedFeedbackQuerySchema",
      "DocumentSchema",
      "ERROR_STATUS",
      "ErrorBodySchema",
      "ExpectationSchema",
      "FeedbackResponseSchema",
      "FeedbackSchema",
      "GeneralFeedbackBodySchema",
      "HttpError",
      "IssueSchema",
      "JsonObjectSchema",
      "JsonValueSchema",
      "MAX_RESULTS_LIMIT",
      "OverrideAssessmentBodySchema",
      "RATING_DIMENSIONS",
      "SPAN_ID_PATTERN",
      "SearchTracesParamsSchema",
      "SearchTracesResponseSchema",
      "SimpleFeedbackBodySchema",
      "SimpleFeedbackQuerySchema",
      "SpanEventSchema",
      "SpanIdSchema",
      "SpanSchema",
      "SpanStatusCodeSchema",
      "SpanStatusSchema",
      "SpanTypeSchema",
      "StreamDoneEventSchema",
      "StreamErrorEventSchema",
      "StreamEventSchema",
      "StreamStartEventSchema",
      "StreamTokenEventSchema",
      "StringMapSchema",
      "TRACE_ID_PATTERN",
      "TraceIdSchema",
      "TraceInfoSchema",
      "TraceSchema",
      "TraceStateSchema",
      "VerdictError",
      "createClient",
      "memoryStore",
      "newAssessment",
      "newAssessmentId",
      "newSpanId",
      "newTraceId",
      "normalizeRating",
      "otelTraceIdOf",
      "parseOrThrow",
      "searchParamsFromQuery",
      "searchParamsToQuery",
      "toIssues",
      "traceIdFromOtel",
    ]
  `);
});

it('exports exactly the curated testing API', () => {
  expect(Object.keys(testing).sort()).toMatchInlineSnapshot(`
    [
      "describeStoreConformance",
      "expectVerdictError",
      "makeAssessment",
      "makeSpan",
      "makeTrace",
    ]
  `);
});
