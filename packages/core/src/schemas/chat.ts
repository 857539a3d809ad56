import * as z from 'zod';

/** One turn of conversation history sent with a chat request. */
export const ChatMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(100_000),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** Body of `POST /chat` and `POST /chat/stream`. */
export const ChatRequestSchema = z.strictObject({
  message: z.string().min(1, 'message must not be empty').max(100_000),
  messages: z.array(ChatMessageSchema).max(200).optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** Answer of `POST /chat`: keep `trace_id` and `feedback_token` to rate it later. */
export const ChatResponseSchema = z.object({
  response: z.string(),
  trace_id: z.string(),
  feedback_token: z.string().optional(),
});
export type ChatResponse = z.infer<typeof ChatResponseSchema>;
