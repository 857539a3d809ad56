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
