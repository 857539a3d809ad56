import { randomBytes } from 'node:crypto';
import { createChatApp } from './app';
import { demoModel, openAIModel, type ChatModel } from './models';
import { openStore, parseStoreSpec } from './store-from-env';
import { parseUsers, usersAuthorize } from './users';
import { DEMO_DATASET, seedDemoDataset } from './demo-dataset';

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
// VERDICT_STORE picks the store: json:<dir> (default; refuses to start if another process holds the
// directory) or mlflow:<trackingUri>#<experimentName> (any number of replicas share one MLflow).
const { store, description } = await openStore(parseStoreSpec(process.env.VERDICT_STORE, process.env.VERDICT_DATA_DIR), process.env);
// VERDICT_USERS=name:role:token,... tells reviewers and developers apart (Authorization: Bearer <token>).
const users = parseUsers(process.env.VERDICT_USERS);
// A first start gets a small dataset, so the Evaluate page has something to run on.
const seeded = await seedDemoDataset(store);
// With a real model configured, the same endpoint judges (correctness, guidelines, …) unless VERDICT_JUDGE_MODEL says otherwise.
const { OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, VERDICT_JUDGE_MODEL } = process.env;
const judge =
  OPENAI_API_KEY || OPENAI_BASE_URL
    ? { model: VERDICT_JUDGE_MODEL ?? OPENAI_MODEL ?? 'gpt-4o-mini', ...(OPENAI_API_KEY ? { apiKey: OPENAI_API_KEY } : {}), ...(OPENAI_BASE_URL ? { baseURL: OPENAI_BASE_URL } : {}) }
    : undefined;
const { app, verdict } = createChatApp({ store, model, feedbackSecret, authorize: usersAuthorize(users), judge });

const server = app.listen(port, () => {
  console.log(`Verdict example chat app on http://localhost:${port}`);
  console.log(`  model: ${model.name}${model.name === 'verdict-demo-model' ? ' (offline demo; set OPENAI_API_KEY or OPENAI_BASE_URL for a real one)' : ''}`);
  console.log(`  store: ${description}`);
  console.log(`  evaluation: ${seeded ? `seeded dataset ${DEMO_DATASET}; ` : ''}judge ${judge === undefined ? 'off (code scorers only; set OPENAI_API_KEY or OPENAI_BASE_URL)' : judge.model}`);
  console.log(`  feedback tokens: ${process.env.VERDICT_SECRET ? 'VERDICT_SECRET' : 'random secret for this run'}`);
  console.log(`  users: ${users === undefined ? 'one developer (set VERDICT_USERS=name:role:token,... for reviewers)' : [...users.values()].map((user) => `${user.id} (${user.role})`).join(', ')}`);
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
