import { createChatController } from '@verdict/core';
import type { ChatControllerMessage, ChatStatus, FrameScheduler, HeadersOption, VerdictClient } from '@verdict/core';
import { useMemo, useSyncExternalStore } from 'react';
import { useOptionalVerdictClient } from './verdict-provider';

/** Options of {@link useStreamingChat}; without `client` or `baseUrl`, the provider's client is used. */
export interface UseStreamingChatOptions {
  client?: Pick<VerdictClient, 'streamChat'>;
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  headers?: HeadersOption;
  /** @default '/chat/stream' */
  path?: string;
  /** When token updates render. @default requestAnimationFrame */
  scheduler?: FrameScheduler;
}

/** What {@link useStreamingChat} returns. */
export interface UseStreamingChatResult {
  messages: readonly ChatControllerMessage[];
  streamingContent: string;
  /** True from send until the answer ends (`submitted` or `streaming`). */
  isStreaming: boolean;
  status: ChatStatus;
  traceId: string | null;
  feedbackToken: string | null;
  error: string | null;
  send(text: string): Promise<void>;
  /** Asks again for the last answer, replacing it. */
  regenerate(): Promise<void>;
  /** Replaces a user message and asks again; later turns are dropped. */
  edit(messageId: string, text: string): Promise<void>;
  stop(): void;
  reset(): void;
}

/**
 * A streaming chat over `POST /chat/stream`: React subscribes to core's chat controller, which
 * renders at most once per animation frame however fast tokens arrive.
 * @example
 * const chat = useStreamingChat();
 * <button onClick={() => chat.send('Hi')} disabled={chat.isStreaming}>Ask</button>
 */
export function useStreamingChat(options: UseStreamingChatOptions = {}): UseStreamingChatResult {
  const { client, baseUrl, fetch, headers, path, scheduler } = options;
  const provided = useOptionalVerdictClient();
  const controller = useMemo(() => {
    const connection = client ?? (baseUrl === undefined ? provided : null);
    const extra = { ...(path === undefined ? {} : { path }), ...(scheduler === undefined ? {} : { scheduler }) };
    if (connection !== null) return createChatController({ client: connection, ...extra });
    if (baseUrl === undefined) throw new Error('useStreamingChat() needs a <VerdictProvider baseUrl="/api"> above it, or a baseUrl or client option.');
    return createChatController({ baseUrl, fetch, headers, ...extra });
  }, [client, baseUrl, fetch, headers, path, scheduler, provided]);
  const state = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);
  return {
    ...state,
    isStreaming: state.status === 'submitted' || state.status === 'streaming',
    send: controller.send,
    regenerate: controller.regenerate,
    edit: controller.edit,
    stop: controller.stop,
    reset: controller.reset,
  };
}
