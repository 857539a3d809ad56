import type { ChatMessage } from '@verdict/core';

/** The part of an AI SDK `UIMessage` this reads: its role and its text parts. */
interface UIMessageLike {
  role?: unknown;
  parts: readonly unknown[];
}

// ChatRequestSchema's own cap on history; older turns are dropped rather than refusing a long chat.
const MAX_HISTORY = 200;

function isUIMessage(value: unknown): value is UIMessageLike {
  return typeof value === 'object' && value !== null && Array.isArray((value as { parts?: unknown }).parts);
}

function textOf(message: UIMessageLike): string {
  return message.parts
    .map((part) => {
      const { type, text } = (part ?? {}) as { type?: unknown; text?: unknown };
      return type === 'text' && typeof text === 'string' ? text : '';
    })
    .join('');
}

/**
 * Reads the body `useChat`'s default transport sends (`{ id, messages: UIMessage[], trigger }`) as
 * a chat request: the last message's text is `message`, earlier user and assistant turns are the
 * history. System messages are dropped, since the browser does not get to set the system prompt.
 * A body that is not of that form (such as `{ message }`) is returned as it is, so the usual
 * validation answers it.
 * @example chatRequestFromUIMessages({ id: 'c1', messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }] }) // { message: 'Hi', messages: [] }
 */
export function chatRequestFromUIMessages(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || 'message' in body) return body;
  const { messages } = body as { messages?: unknown };
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every(isUIMessage)) return body;
  const last = messages[messages.length - 1] as UIMessageLike;
  // A conversation not ending with the user's turn has no question: the schema's message then says so.
  const message = last.role === 'user' ? textOf(last) : '';
  const history: ChatMessage[] = [];
  for (const turn of messages.slice(0, -1)) {
    if (turn.role === 'user' || turn.role === 'assistant') history.push({ role: turn.role, content: textOf(turn) });
  }
  return { message, messages: history.slice(-MAX_HISTORY) };
}
