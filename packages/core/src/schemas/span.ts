import * as z from 'zod';
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

export const TraceIdSchema = z.string().regex(TRACE_ID_PATTERN, 'must be tr- followed by 32 hex digits');
export const SpanIdSchema = z.string().regex(SPAN_ID_PATTERN, 'must be 16 hex digits');

/** A retrieved document: what a `RETRIEVER` span returns. */
export const DocumentSchema = z.object({
  id: z.string().optional(),
  page_content: z.string(),
  metadata: z.looseObject({ doc_uri: z.string().optional() }).default({}),
});
export type Document = z.infer<typeof DocumentSchema>;

export const SpanStatusCodeSchema = z.enum(['OK', 'ERROR', 'UNSET']);
export const SpanStatusSchema = z.object({
  code: SpanStatusCodeSchema,
  message: z.string().optional(),
});
export type SpanStatus = z.infer<typeof SpanStatusSchema>;

export const SpanEventSchema = z.object({
  name: z.string(),
  time_ms: z.number(),
  attributes: JsonObjectSchema.default({}),
});
export type SpanEvent = z.infer<typeof SpanEventSchema>;

/** One unit of work inside a trace. Times are ms since epoch with a sub-millisecond fraction. */
export const SpanSchema = z.object({
  trace_id: TraceIdSchema,
  span_id: SpanIdSchema,
  parent_span_id: SpanIdSchema.nullable(),
  name: z.string(),
  span_type: SpanTypeSchema,
  start_time_ms: z.number(),
  end_time_ms: z.number().nullable(),
  status: SpanStatusSchema,
  inputs: JsonValueSchema.optional(),
  outputs: JsonValueSchema.optional(),
  attributes: JsonObjectSchema.default({}),
  events: z.array(SpanEventSchema).default([]),
});
export type Span = z.infer<typeof SpanSchema>;
