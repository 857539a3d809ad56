/**
 * Verdict tracing: OpenTelemetry spans with MLflow's attributes, collected per trace and written to
 * a store. The router re-exports this from the package entry.
 */
export { trace } from './trace-function';
export type { TraceOptions } from './trace-function';
export { withSpan } from './with-span';
export { startSpan } from './verdict-span';
export type { VerdictSpan, SpanOptions, StartSpanOptions } from './verdict-span';
export { currentTraceId, lastTraceId, updateCurrentTrace } from './current-trace';
export type { TraceUpdate } from './current-trace';
export { createTraceWriter, runWithTraceWriter } from './trace-writer';
export type { TraceWriter, TraceWriterOptions } from './trace-writer';
export { createVerdictSpanProcessor } from './setup';
