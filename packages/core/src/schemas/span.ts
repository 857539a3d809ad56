import * as z from 'zod/mini';
import { SPAN_ID_PATTERN, TRACE_ID_PATTERN } from '../ids';
import { JsonObjectSchema, JsonValueSchema } from './value';

/** The kinds of work a span records (MLflow's span types). */
export const SpanTypeSchema = z.enum([
  'LLM',
  'CHAT_MODEL',
  'RETRIEVER',
  'TOOL',
  'AGENT',
  'CHAIN',
  'EMBEDDING',
  'RERANKER',
  'PARSER',
  'UNKNOWN',
]);
export type SpanType = z.infer<typeof SpanTypeSchema>;

export const TraceIdSchema = z.string().check(z.regex(TRACE_ID_PATTERN, 'must be tr- followed by 32 hex digits'));
export const SpanIdSchema = z.string().check(z.regex(SPAN_ID_PATTERN, 'must be 16 hex digits'));

/** A retrieved document: what a `RETRIEVER` span returns. */
export const DocumentSchema = z.object({
  id: z.optional(z.string()),
  page_content: z.string(),
  metadata: z._default(z.looseObject({ doc_uri: z.optional(z.string()) }), {}),
});
export type Document = z.infer<typeof DocumentSchema>;

export const SpanStatusCodeSchema = z.enum(['OK', 'ERROR', 'UNSET']);
export const SpanStatusSchema = z.object({
  code: SpanStatusCodeSchema,
  message: z.optional(z.string()),
});
export type SpanStatus = z.infer<typeof SpanStatusSchema>;

export const SpanEventSchema = z.object({
  name: z.string(),
  time_ms: z.number(),
  attributes: z._default(JsonObjectSchema, {}),
});
export type SpanEvent = z.infer<typeof SpanEventSchema>;

/** One unit of work inside a trace. Times are ms since epoch with a sub-millisecond fraction. */
export const SpanSchema = z.object({
  trace_id: TraceIdSchema,
  span_id: SpanIdSchema,
  parent_span_id: z.nullable(SpanIdSchema),
  name: z.string(),
  span_type: SpanTypeSchema,
  start_time_ms: z.number(),
  end_time_ms: z.nullable(z.number()),
  status: SpanStatusSchema,
  inputs: z.optional(JsonValueSchema),
  outputs: z.optional(JsonValueSchema),
  attributes: z._default(JsonObjectSchema, {}),
  events: z._default(z.array(SpanEventSchema), []),
});
export type Span = z.infer<typeof SpanSchema>;
