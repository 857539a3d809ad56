// Test-only (never exported): a real Verdict server on 127.0.0.1 that runs evaluations.
import { createReviewClient, memoryStore } from '@verdict/core';
import type { Store } from '@verdict/core';
import { scorer, verdict } from '@verdict/express';
import express from 'express';
import { listenApi } from './listen-api';

/** A listening server with `verdict()` at `/api`, a `capitals` dataset, apps and a code scorer. */
export interface EvalServer {
  api: string;
  store: Store;
  /** Lets `count` rows of the `gated` app answer (they wait until then). */
  release(count?: number): void;
  close(): Promise<void>;
}

export const CAPITALS: Record<string, string> = { France: 'Paris', Italy: 'Rome', Spain: 'Madrid', Japan: 'Tokyo' };

/**
 * Starts the server. Apps: `right` answers each capital, `wrong_on_italy` says Milan for Italy,
 * `gated` answers right but only when the test calls `release`. Scorers: the built-ins plus
 * `answer_length` (a number: the answer's length / 10).
 * @example const server = await startEvalServer(); await evals.startEvaluation({ dataset: 'capitals', app: 'right', scorers: ['exact_match'] });
 */
export async function startEvalServer(): Promise<EvalServer> {
  const store = memoryStore();
  const waiting: (() => void)[] = [];
  let released = 0;
  const gate = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (released > 0) {
        released -= 1;
        return resolve();
      }
      waiting.push(resolve);
      signal.addEventListener('abort', () => reject(new Error('cancelled')), { once: true });
    });
  const capital = (inputs: Record<string, unknown>) => CAPITALS[String(inputs.country)];
  const v = verdict({
    store,
    onError: () => undefined,
    apps: {
      right: (inputs) => capital(inputs),
      wrong_on_italy: (inputs) => (inputs.country === 'Italy' ? 'Milan' : capital(inputs)),
      gated: async (inputs, { signal }) => {
        await gate(signal);
        return capital(inputs);
      },
    },
    scorers: [scorer('answer_length', ({ outputs }) => ({ value: String(outputs ?? '').length / 10, rationale: `${String(outputs ?? '').length} characters` }))],
  });
  const app = express();
  app.use('/api', v.router);
  const { api, close } = await listenApi(app);
  // The dataset goes in through the public routes, as a team's would.
  const review = createReviewClient({ baseUrl: api });
  await review.createDataset({ name: 'capitals' });
  await review.upsertDatasetRecords('capitals', {
    records: Object.entries(CAPITALS).map(([country, city]) => ({ inputs: { country }, expectations: { expected_response: city } })),
  });
  return {
    api,
    store,
    release(count = 1) {
      for (let n = 0; n < count; n += 1) {
        const next = waiting.shift();
        if (next) next();
        else released += 1;
      }
    },
    close: () => {
      // Rows still waiting at the gate are let go, so the run ends and nothing is left pending.
      for (const next of waiting.splice(0)) next();
      return close();
    },
  };
}
