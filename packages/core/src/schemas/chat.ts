import * as z from 'zod/mini';

/** One turn of conversation history sent with a chat request. */
export const ChatMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().check(z.maxLength(100_000)),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** Body of `POST /chat` and `POST /chat/stream`. */
export const ChatRequestSchema = z.strictObject({
  message: z.string().check(z.minLength(1, 'message must not be empty'), z.maxLength(100_000)),
  messages: z.optional(z.array(ChatMessageSchema).check(z.maxLength(200))),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** Answer of `POST /chat`: keep `trace_id` and `feedback_token` to rate it later. */
export const ChatResponseSchema = z.object({
  response: z.string(),
  trace_id: z.string(),
  feedback_token: z.optional(z.string()),
});
export type ChatResponse = z.infer<typeof ChatResponseSchema>;
