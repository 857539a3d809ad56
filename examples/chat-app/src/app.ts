import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '@verdict/core';
import { trace, verdict } from '@verdict/express';
import type { AuthorizeHook, JudgeOptions, VerdictOptions } from '@verdict/express';
import express from 'express';
import type { ChatModel } from './models';
import { createPipeline, createStreamingPipeline } from './pipeline';
import { evaluationApps } from './evaluation-apps';

export interface ChatAppOptions {
  store: Store;
  model: ChatModel;
  /** Signs feedback tokens, so a browser can rate only the answers it was served. */
  feedbackSecret: string;
  /** Who may use the review and dataset routes (see `users.ts`); without it everyone is the developer. */
  authorize?: AuthorizeHook | undefined;
  /** The LLM judge of the Evaluate page's judge scorers (`correctness`, …); code scorers work without one. */
  judge?: JudgeOptions | undefined;
  /** Per-client limit of the chat and feedback routes; `false` for load tests. @default verdict()'s (60 a minute) */
  rateLimit?: VerdictOptions['rateLimit'];
}

// From a string, not a URL object: under the page test's jsdom, URL is not Node's own class.
const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// The React page once `npm run build` made it; the plain page keeps a fresh clone (and the tests
// that never build) working without a bundler. Checked per app, not per import, so a build made
// after the first import is picked up.
function pageDir(): string {
  const webDir = join(exampleDir, 'dist-web');
  return existsSync(join(webDir, 'index.html')) ? webDir : join(exampleDir, 'public');
}

/**
 * The example host app: its own Express server with Verdict mounted at `/api` and traced RAG
 * chat routes (`/api/chat` answers in one piece, `/api/chat/stream` streams). Exported apart from
 * `server.ts` so tests can start it on an ephemeral port.
 * @example const { app } = createChatApp({ store: memoryStore(), model: demoModel(), feedbackSecret }); app.listen(3000);
 */
export function createChatApp(options: ChatAppOptions) {
  const v = verdict({
    store: options.store,
    feedbackSecret: options.feedbackSecret,
    ...(options.authorize === undefined ? {} : { authorize: options.authorize }),
    // The Evaluate page runs the pipeline under two settings and compares them.
    apps: evaluationApps(options.model),
    ...(options.judge === undefined ? {} : { judge: options.judge }),
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  });
  const answer = createPipeline(options.model, trace);
  const answerStream = createStreamingPipeline(options.model);
  const app = express();
  app.disable('x-powered-by');
  app.post('/api/chat', v.chatHandler(({ message, messages, signal }) => answer(message, messages, signal)));
  // Server-sent events: the trace id comes first, so the page can take a vote on a stopped answer.
  app.post('/api/chat/stream', v.streamHandler(({ message, messages, signal }) => answerStream(message, messages, signal)));
  app.use('/api', v.router);
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', model: options.model.name });
  });
  app.use(express.static(pageDir()));
  return { app, verdict: v };
}
