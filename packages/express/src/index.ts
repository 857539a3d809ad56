// The public surface of @verdict/express, curated by hand: a test snapshots the export list.

export { verdict } from './verdict';
export type { Verdict } from './verdict';
export type { VerdictOptions } from './verdict-options';
export type { VerdictLocals } from './router/route-context';
export type { LogAssessmentInput } from './assessment-service';
export type { ChatHandlerContext, ChatHandlerFunction, ChatHandlerOptions, ChatHandlerResult } from './chat-handler';
export type { StreamHandlerContext, StreamHandlerFunction, StreamHandlerOptions } from './stream/stream-handler';
export type { StreamChunk, StreamSource } from './stream/token-source';
export type { StreamProtocol, AiSdkMessageMetadata } from './stream/ai-sdk-protocol';

export { instrumentOpenAI } from './openai/instrument-openai';
export type { TokenUsage } from './openai/openai-results';

export { signFeedbackToken, verifyFeedbackToken, DEFAULT_FEEDBACK_TOKEN_TTL_MS } from './feedback-token';

export {
  trace,
  withSpan,
  startSpan,
  currentTraceId,
  lastTraceId,
  updateCurrentTrace,
  createTraceWriter,
  runWithTraceWriter,
  createVerdictSpanProcessor,
} from './tracing';
export type {
  TraceOptions,
  VerdictSpan,
  SpanOptions,
  StartSpanOptions,
  TraceUpdate,
  TraceWriter,
  TraceWriterOptions,
} from './tracing';

export type { Action, Resource, AuthorizeHook, AuthorizeResult } from './review/authorize';

export { evaluate, EVALUATION_TAG, EVAL_ROW_TAG } from './evaluation/evaluate';
export type { EvaluateOptions, PredictFn } from './evaluation/evaluate';
export type { EvalRecord, EvaluateData } from './evaluation/eval-data';
export { scorer } from './evaluation/scorer';
export type { Scorer, ScorerInput, ScorerFeedback, ScorerResult, ScorerContext } from './evaluation/scorer';
export { exactMatch, containsAll, latencyUnder } from './evaluation/code-scorers';
export { correctness, guidelines, relevanceToQuery, retrievalGroundedness, retrievalRelevance, safety } from './evaluation/judges';
export type { GuidelinesOptions } from './evaluation/judges';
export type { JudgeOptions, JudgeClient, JudgeRuntime, JudgeRequest, JudgeAnswer } from './evaluation/judge-runtime';
export { createAdaptiveThrottle } from './evaluation/adaptive-throttle';
export type { AdaptiveThrottle, AdaptiveThrottleOptions } from './evaluation/adaptive-throttle';
export { BUILT_IN_SCORER_NAMES } from './evaluation/scorer-registry';

export { redactPatterns, PII_PATTERNS, REDACTED } from './redact/redact-patterns';
export type { RedactPatternsOptions } from './redact/redact-patterns';
export { redactingStore } from './redact/redacting-store';
export type { RedactHook, RedactContext, RedactKind } from './redact/redact-hook';
export type { RateLimitOptions } from './router/rate-limit';
