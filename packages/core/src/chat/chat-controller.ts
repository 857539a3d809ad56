import { openChatStream } from '../client/open-chat-stream';
import type { StreamChatOptions } from '../client/open-chat-stream';
import type { ClientOptions, VerdictClient } from '../client/verdict-client';
import type { ChatMessage, ChatRequest } from '../schemas/chat';
import type { StreamEvent } from '../schemas/stream';
import { INITIAL_CHAT_STATE } from './chat-state';
import type { ChatControllerMessage, ChatMessageStatus, ChatState } from './chat-state';

/** Runs a callback later and returns a function that cancels it. */
export type FrameScheduler = (callback: () => void) => () => void;

/**
 * Schedules on the next animation frame in a browser, else after 16 ms (one frame at 60 Hz), so
 * a fast stream re-renders at most once per frame wherever it runs.
 * @example const cancel = defaultFrameScheduler(() => render()); cancel();
 */
export const defaultFrameScheduler: FrameScheduler = (callback) => {
  const frame = (globalThis as { requestAnimationFrame?: (callback: () => void) => number }).requestAnimationFrame;
  if (typeof frame === 'function') {
    const id = frame(callback);
    return () => (globalThis as unknown as { cancelAnimationFrame: (id: number) => void }).cancelAnimationFrame(id);
  }
  const id = setTimeout(callback, 16);
  return () => clearTimeout(id);
};

/** Options of {@link createChatController}: a client (or what makes one) and the stream route. */
export type ChatControllerOptions = (
  | { client: Pick<VerdictClient, 'streamChat'> }
  | (ClientOptions & { client?: undefined })
) & {
  /** @default '/chat/stream' */
  path?: string;
  /** When token updates reach subscribers. @default requestAnimationFrame, else setTimeout(16) */
  scheduler?: FrameScheduler;
};

/** A framework-free streaming chat: React (or anything) only subscribes to it. */
export interface ChatController {
  /** Sends a user message with the history so far; resolves when the answer has ended. Ignored while busy. */
  send(text: string): Promise<void>;
  /** Asks again for the last answer: it is replaced (its trace stays on the server). Ignored while busy. */
  regenerate(): Promise<void>;
  /** Replaces a user message with `text` and asks again; the turns after it are dropped. Ignored while busy. */
  edit(messageId: string, text: string): Promise<void>;
  /** Aborts the answer; its partial text stays as a message with its trace id, so it can be rated. */
  stop(): void;
  /** Aborts any answer and forgets the conversation. */
  reset(): void;
  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The current state, the same object until something changes (for `useSyncExternalStore`). */
  getSnapshot(): ChatState;
}

type Open = (request: ChatRequest, options: StreamChatOptions) => AsyncIterable<StreamEvent>;

function opener(options: ChatControllerOptions): Open {
  const { client } = options;
  if (client !== undefined) return (request, callOptions) => client.streamChat(request, callOptions);
  const { baseUrl, fetch, headers } = options as ClientOptions;
  return (request, callOptions) => openChatStream({ baseUrl, fetch, headers }, request, callOptions);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Creates a chat controller over `POST /chat/stream`. Tokens go into a buffer at once but reach
 * subscribers at most once per animation frame; `start`, `done`, `error` and `stop` are published
 * immediately.
 * @example
 * const chat = createChatController({ baseUrl: '/api' });
 * chat.subscribe(() => render(chat.getSnapshot()));
 * await chat.send('What is MLflow?');
 */
export function createChatController(options: ChatControllerOptions): ChatController {
  const open = opener(options);
  const path = options.path ?? '/chat/stream';
  const schedule = options.scheduler ?? defaultFrameScheduler;
  const listeners = new Set<() => void>();
  let state: ChatState = INITIAL_CHAT_STATE;
  let buffer = '';
  let cancelFrame: (() => void) | null = null;
  let current: { controller: AbortController; messageId: string | null } | null = null;
  let localIds = 0;

  function publish(next: Partial<ChatState>): void {
    cancelFrame?.();
    cancelFrame = null;
    state = { ...state, streamingContent: buffer, ...next };
    for (const listener of [...listeners]) listener();
  }

  function onToken(content: string): void {
    buffer += content;
    // Many tokens per frame collapse into one notification: renders stay ≤ the frame rate.
    cancelFrame ??= schedule(() => {
      cancelFrame = null;
      publish({});
    });
  }

  function finish(status: ChatMessageStatus, next: Partial<ChatState>): void {
    const turn = current;
    current = null;
    const message: ChatControllerMessage = {
      id: turn?.messageId ?? `local-${++localIds}`,
      role: 'assistant',
      content: buffer,
      status,
      ...(state.traceId === null ? {} : { trace_id: state.traceId }),
      ...(state.feedbackToken === null ? {} : { feedback_token: state.feedbackToken }),
    };
    // An answer that never started (no id, no text) leaves nothing to show or rate.
    const keep = buffer !== '' || state.traceId !== null;
    buffer = '';
    publish({ ...next, messages: keep ? [...state.messages, message] : state.messages });
  }

  function onEvent(turn: NonNullable<typeof current>, event: StreamEvent): void {
    if (event.type === 'start') {
      turn.messageId = event.message_id;
      publish({ status: 'streaming', traceId: event.trace_id, feedbackToken: event.feedback_token ?? null });
    } else if (event.type === 'token') {
      onToken(event.content);
    } else if (event.type === 'done') {
      publish({ traceId: event.trace_id, feedbackToken: event.feedback_token ?? state.feedbackToken });
      finish('complete', { status: 'ready' });
    } else {
      finish('error', { status: 'error', error: event.error });
    }
  }

  /** Asks for an answer to `user` after the turns in `before` (the history sent along). */
  async function run(before: readonly ChatControllerMessage[], user: ChatControllerMessage): Promise<void> {
    const text = user.content;
    const turn = { controller: new AbortController(), messageId: null as string | null };
    current = turn;
    const history: ChatMessage[] = before.slice(-200).map(({ role, content }) => ({ role, content }));
    buffer = '';
    publish({ messages: [...before, user], status: 'submitted', traceId: null, feedbackToken: null, error: null });
    try {
      for await (const event of open({ message: text, messages: history }, { path, signal: turn.controller.signal })) {
        if (current !== turn) return;
        onEvent(turn, event);
        if (current !== turn) return;
      }
      if (current === turn) finish('error', { status: 'error', error: 'the answer ended before it was complete' });
    } catch (error) {
      // stop() and reset() already settled the state; the abort error is theirs, not a failure.
      if (current === turn) finish('error', { status: 'error', error: errorText(error) });
    }
  }

  function lastUserIndex(): number {
    return state.messages.findLastIndex((message) => message.role === 'user');
  }

  return {
    send(text) {
      if (current !== null || text.trim() === '') return Promise.resolve();
      return run(state.messages, { id: `local-${++localIds}`, role: 'user', content: text, status: 'complete' });
    },
    regenerate() {
      const index = lastUserIndex();
      const user = state.messages[index];
      if (current !== null || user === undefined) return Promise.resolve();
      return run(state.messages.slice(0, index), user);
    },
    edit(messageId, text) {
      const index = state.messages.findIndex((message) => message.id === messageId && message.role === 'user');
      if (current !== null || index < 0 || text.trim() === '') return Promise.resolve();
      return run(state.messages.slice(0, index), { id: `local-${++localIds}`, role: 'user', content: text, status: 'complete' });
    },
    stop() {
      const turn = current;
      if (turn === null) return;
      finish('stopped', { status: 'ready' });
      turn.controller.abort();
    },
    reset() {
      const turn = current;
      current = null;
      buffer = '';
      publish({ ...INITIAL_CHAT_STATE });
      turn?.controller.abort();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,
  };
}
