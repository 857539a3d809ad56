import * as z from 'zod';

/** First event of a streamed answer: the ids come first so a stopped answer can still be rated. */
export const StreamStartEventSchema = z.object({
  type: z.literal('start'),
  trace_id: z.string(),
  message_id: z.string(),
  feedback_token: z.string().optional(),
});
export const StreamTokenEventSchema = z.object({ type: z.literal('token'), content: z.string() });
export const StreamDoneEventSchema = z.object({
  type: z.literal('done'),
  trace_id: z.string(),
  feedback_token: z.string().optional(),
});
export const StreamErrorEventSchema = z.object({
  type: z.literal('error'),
  error: z.string(),
  code: z.string().optional(),
});

/**
 * One server-sent event of `POST /chat/stream`. Object schemas are loose on purpose: an old UI
 * must survive a server that adds fields.
 */
export const StreamEventSchema = z.discriminatedUnion('type', [
  StreamStartEventSchema.loose(),
  StreamTokenEventSchema.loose(),
  StreamDoneEventSchema.loose(),
  StreamErrorEventSchema.loose(),
]);
export type StreamEvent = z.infer<typeof StreamEventSchema>;
