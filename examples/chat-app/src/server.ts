import { randomBytes } from 'node:crypto';
import { jsonStore } from '@verdict/express/json-store';
import { createChatApp } from './app';
import { demoModel, openAIModel, type ChatModel } from './models';

function chooseModel(): ChatModel {
  const { OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL } = process.env;
  // A short pause per word shows the answer streaming in without making the demo slow.
  if (!OPENAI_API_KEY && !OPENAI_BASE_URL) return demoModel({ tokenDelayMs: 15 });
  return openAIModel({ apiKey: OPENAI_API_KEY, baseURL: OPENAI_BASE_URL, model: OPENAI_MODEL ?? 'gpt-4o-mini' });
}

const port = Number(process.env.PORT ?? 3000);
// A fresh secret per start keeps feedback tokens on even when nobody configured one.
const feedbackSecret = process.env.VERDICT_SECRET ?? randomBytes(32).toString('hex');
const model = chooseModel();
// Traces and feedback survive restarts; the store refuses to start if another process holds the directory.
const store = await jsonStore({ dir: process.env.VERDICT_DATA_DIR ?? '.verdict-data' });
const { app, verdict } = createChatApp({ store, model, feedbackSecret });

const server = app.listen(port, () => {
  console.log(`Verdict example chat app on http://localhost:${port}`);
  console.log(`  model: ${model.name}${model.name === 'verdict-demo-model' ? ' (offline demo; set OPENAI_API_KEY or OPENAI_BASE_URL for a real one)' : ''}`);
  console.log(`  store: ${store.dir} (set VERDICT_DATA_DIR to move it)`);
  console.log(`  feedback tokens: ${process.env.VERDICT_SECRET ? 'VERDICT_SECRET' : 'random secret for this run'}`);
});

async function shutdown(): Promise<void> {
  server.close();
  // Traces still being written reach the store before it closes and releases its lock.
  await verdict.flush();
  await store.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
