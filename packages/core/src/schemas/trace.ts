import * as z from 'zod/mini';
import { AssessmentSchema } from './assessment';
import { SpanSchema, TraceIdSchema } from './span';
import { StringMapSchema } from './value';

export const TraceStateSchema = z.enum(['OK', 'ERROR', 'IN_PROGRESS']);
export type TraceState = z.infer<typeof TraceStateSchema>;

/** Everything about a trace except its spans: what lists and searches return. */
export const TraceInfoSchema = z.object({
  trace_id: TraceIdSchema,
  request_time: z.number(),
  execution_duration: z.nullable(z.number()),
  state: TraceStateSchema,
  request_preview: z.string(),
  response_preview: z.string(),
  client_request_id: z.optional(z.string()),
  tags: z._default(StringMapSchema, {}),
  trace_metadata: z._default(StringMapSchema, {}),
  assessments: z._default(z.array(AssessmentSchema), []),
});
export type TraceInfo = z.infer<typeof TraceInfoSchema>;

/** A whole trace: its info and its spans (the root span has `parent_span_id: null`). */
export const TraceSchema = z.object({
  info: TraceInfoSchema,
  data: z.object({ spans: z.array(SpanSchema) }),
});
export type Trace = z.infer<typeof TraceSchema>;
