// Test-only helpers (never exported from index.ts): a real HTTP server around a Verdict router.
import type { AddressInfo } from 'node:net';
import { LABELING_COPY_TAG, memoryStore } from '@verdict/core';
import { makeTrace } from '@verdict/core/testing';
import type { Store, Trace } from '@verdict/core';
import express from 'express';
import type { Express } from 'express';
import { verdict } from '../verdict';
import type { Verdict } from '../verdict';
import type { VerdictOptions } from '../verdict-options';

/** A listening server on 127.0.0.1 with the Verdict router at `/api`. */
export interface TestServer {
  /** `http://127.0.0.1:<port>/api` */
  api: string;
  v: Verdict;
  store: Store;
  close(): Promise<void>;
}

/** Options of {@link serve}: `verdict()` options (store defaults to a fresh memoryStore) plus app setup. */
export type ServeOptions = Partial<VerdictOptions> & {
  /** Runs before the router is mounted, e.g. to add `/api/chat`. */
  setup?: (app: Express, v: Verdict) => void;
};

/**
 * Starts an Express app on an ephemeral port with the router mounted at `/api`.
 * @example const server = await serve(); await fetch(`${server.api}/traces`); await server.close();
 */
export async function serve(options: ServeOptions = {}): Promise<TestServer> {
  const { setup, ...verdictOptions } = options;
  const store = verdictOptions.store ?? memoryStore();
  const v = verdict({ onError: () => undefined, ...verdictOptions, store });
  const app = express();
  setup?.(app, v);
  app.use('/api', v.router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    api: `http://127.0.0.1:${port}/api`,
    v,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * {@link serve}, with one fixture trace already in the store: the setup most route tests share.
 * @example const { server, trace } = await serveWithTrace({ feedbackSecret })
 */
export async function serveWithTrace(options: ServeOptions = {}): Promise<{ server: TestServer; trace: Trace }> {
  const server = await serve(options);
  const trace = makeTrace();
  await server.store.traces.put(trace);
  return { server, trace };
}

/**
 * POSTs `body` as JSON (or a raw string as is) and returns the status and parsed answer.
 * @example const { status, json } = await postJson(`${api}/feedback`, { trace_id, name, value })
 */
export async function postJson(
  url: string,
  body?: unknown,
  init: RequestInit = {},
  // Answers are checked with expect(), not by the type system.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; json: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    ...init,
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

/**
 * Every stored trace info with its assessments, as a string to compare before and after a
 * refused request ("the store is unchanged").
 * @example const before = await storeSnapshot(store)
 */
export async function storeSnapshot(store: Store): Promise<string> {
  const { traces } = await store.traces.search({ max_results: 1000 });
  // Labeling copies too: a plain search leaves them out, and a refused request must not make one.
  const copies = await store.traces.search({ max_results: 1000, tags: { [LABELING_COPY_TAG]: 'true' } });
  return JSON.stringify([...traces, ...copies.traces]);
}

/**
 * A store whose trace writes take `delayMs`, to prove feedback waits for a write in flight.
 * @example const store = slowStore(memoryStore(), 200)
 */
export function slowStore(inner: Store, delayMs: number): Store {
  return {
    traces: {
      put: async (trace) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        await inner.traces.put(trace);
      },
      get: (traceId) => inner.traces.get(traceId),
      search: (params) => inner.traces.search(params),
      summary: (params) => inner.traces.summary(params),
    },
    assessments: inner.assessments,
    labelSchemas: inner.labelSchemas,
    labelingSessions: inner.labelingSessions,
    datasets: inner.datasets,
    evalRuns: inner.evalRuns,
  };
}
