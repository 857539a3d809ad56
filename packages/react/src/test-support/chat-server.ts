// Test-only (never exported): a real Verdict server on 127.0.0.1 for the components to talk to.
import { memoryStore } from '@verdict/core';
import type { Assessment, ChatMessage, Store } from '@verdict/core';
import { verdict } from '@verdict/express';
import express from 'express';
import { listenApi } from './listen-api';

/** Makes the tokens of one answer; `signal` aborts when the user stops. */
export type Tokens = (context: { message: string; messages: ChatMessage[]; signal: AbortSignal }) => AsyncIterable<string>;

/** A listening server with `verdict()` at `/api` and a `streamHandler` at `/api/chat/stream`. */
export interface ChatServer {
  api: string;
  store: Store;
  /** Every chat request the server received, oldest first. */
  requests: { message: string; messages: ChatMessage[] }[];
  /** The trace's assessments, read back over HTTP (`GET /api/traces/:id`). */
  assessmentsOf(traceId: string): Promise<Assessment[]>;
  close(): Promise<void>;
}

/** Answers "echo: <message>" a word at a time. */
export const echoTokens: Tokens = async function* ({ message }) {
  for (const word of `echo: ${message}`.split(/(?<= )/)) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    yield word;
  }
};

/**
 * Starts the server. `feedbackSecret` turns on feedback tokens; `store` replaces the memory store.
 * @example const server = await startChatServer(); render(<StreamingChat baseUrl={server.api} />);
 */
export async function startChatServer(options: { tokens?: Tokens; feedbackSecret?: string; store?: Store } = {}): Promise<ChatServer> {
  const store = options.store ?? memoryStore();
  const tokens = options.tokens ?? echoTokens;
  const v = verdict({ store, onError: () => undefined, ...(options.feedbackSecret === undefined ? {} : { feedbackSecret: options.feedbackSecret }) });
  const requests: ChatServer['requests'] = [];
  v.router.post(
    '/chat/stream',
    v.streamHandler(({ message, messages = [], signal }) => {
      requests.push({ message, messages });
      return tokens({ message, messages, signal });
    }),
  );
  const app = express();
  app.use('/api', v.router);
  const { api, close } = await listenApi(app);
  return {
    api,
    store,
    requests,
    async assessmentsOf(traceId) {
      const response = await fetch(`${api}/traces/${traceId}`);
      const trace = (await response.json()) as { info: { assessments: Assessment[] } };
      return trace.info.assessments;
    },
    close,
  };
}
