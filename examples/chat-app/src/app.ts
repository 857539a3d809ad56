import { fileURLToPath } from 'node:url';
import type { Store } from '@verdict/core';
import { trace, verdict } from '@verdict/express';
import express from 'express';
import type { ChatModel } from './models';
import { createPipeline } from './pipeline';

export interface ChatAppOptions {
  store: Store;
  model: ChatModel;
  /** Signs feedback tokens, so a browser can rate only the answers it was served. */
  feedbackSecret: string;
}

const publicDir = fileURLToPath(new URL('../public', import.meta.url));

/**
 * The example host app: its own Express server with Verdict mounted at `/api` and a traced
 * RAG chat route. Exported apart from `server.ts` so tests can start it on an ephemeral port.
 */
export function createChatApp(options: ChatAppOptions) {
  const v = verdict({ store: options.store, feedbackSecret: options.feedbackSecret });
  const answer = createPipeline(options.model, trace);
  const app = express();
  app.disable('x-powered-by');
  app.post('/api/chat', v.chatHandler(({ message, messages, signal }) => answer(message, messages, signal)));
  app.use('/api', v.router);
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', model: options.model.name });
  });
  app.use(express.static(publicDir));
  return { app, verdict: v };
}
