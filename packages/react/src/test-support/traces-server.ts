// Test-only (never exported): a real Verdict server on 127.0.0.1 holding deterministic traces.
import { memoryStore } from '@verdict/core';
import type { Store } from '@verdict/core';
import { verdict } from '@verdict/express';
import express from 'express';
import { listenApi } from './listen-api';
import { rowAssessmentList, rowTrace } from './trace-rows';

/** A listening server with `verdict()` at `/api` over `store`. */
export interface TracesServer {
  api: string;
  store: Store;
  /** Every `GET /traces` query string the server received, oldest first. */
  searches: URLSearchParams[];
  close(): Promise<void>;
}

/**
 * Starts the server and puts rows `0..count-1` of trace-rows.ts (with their assessments) into the
 * store through its public API.
 * @example const server = await startTracesServer({ count: 30 }); render(<TracesTable baseUrl={server.api} />);
 */
export async function startTracesServer(options: { count?: number; store?: Store } = {}): Promise<TracesServer> {
  const store = options.store ?? memoryStore();
  for (let n = 0; n < (options.count ?? 0); n++) {
    await store.traces.put(rowTrace(n));
    for (const assessment of rowAssessmentList(n)) await store.assessments.create(assessment);
  }
  const searches: URLSearchParams[] = [];
  const app = express();
  app.use('/api/traces', (req, _res, next) => {
    if (req.method === 'GET' && req.path === '/') searches.push(new URL(req.originalUrl, 'http://x').searchParams);
    next();
  });
  app.use('/api', verdict({ store, onError: () => undefined }).router);
  return { ...(await listenApi(app)), store, searches };
}
