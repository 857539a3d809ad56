/** Where a chat is in one interaction: the vocabulary shared with the Vercel AI SDK. */
export type ChatStatus = 'ready' | 'submitted' | 'streaming' | 'error';

/** How a message ended: `stopped` answers were cut short by the user and can still be rated. */
export type ChatMessageStatus = 'complete' | 'stopped' | 'error';

/** One message of a chat held by {@link ChatController}. */
export interface ChatControllerMessage {
  /** For answers, the server's `message_id` (so a vote never misses its record); local for the user's turns. */
  id: string;
  role: 'user' | 'assistant';
  content: string;
  /** The answer's trace: present once the server sent its `start` event. */
  trace_id?: string;
  /** The token that lets this client rate the answer (when the server requires one). */
  feedback_token?: string;
  status: ChatMessageStatus;
}

/** The state of a chat; a new object after every change, the same object between changes. */
export interface ChatState {
  /** Finished turns, oldest first; the answer being streamed is not among them. */
  messages: readonly ChatControllerMessage[];
  /** The text of the answer being streamed, '' when none. */
  streamingContent: string;
  status: ChatStatus;
  /** The trace of the current (or last) answer. */
  traceId: string | null;
  /** The feedback token of the current (or last) answer. */
  feedbackToken: string | null;
  /** What went wrong in the last interaction, when `status` is `error`. */
  error: string | null;
}

/** The state of a chat that has not started. */
export const INITIAL_CHAT_STATE: ChatState = {
  messages: [],
  streamingContent: '',
  status: 'ready',
  traceId: null,
  feedbackToken: null,
  error: null,
};
