import * as z from 'zod/mini';

/** First event of a streamed answer: the ids come first so a stopped answer can still be rated. */
export const StreamStartEventSchema = z.object({
  type: z.literal('start'),
  trace_id: z.string(),
  message_id: z.string(),
  feedback_token: z.optional(z.string()),
});
export const StreamTokenEventSchema = z.object({ type: z.literal('token'), content: z.string() });
export const StreamDoneEventSchema = z.object({
  type: z.literal('done'),
  trace_id: z.string(),
  feedback_token: z.optional(z.string()),
});
export const StreamErrorEventSchema = z.object({
  type: z.literal('error'),
  error: z.string(),
  code: z.optional(z.string()),
});

/**
 * One server-sent event of `POST /chat/stream`. Object schemas are loose on purpose: an old UI
 * must survive a server that adds fields.
 */
export const StreamEventSchema = z.discriminatedUnion('type', [
  z.looseObject(StreamStartEventSchema.shape),
  z.looseObject(StreamTokenEventSchema.shape),
  z.looseObject(StreamDoneEventSchema.shape),
  z.looseObject(StreamErrorEventSchema.shape),
]);
export type StreamEvent = z.infer<typeof StreamEventSchema>;
