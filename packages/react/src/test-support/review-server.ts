// Test-only (never exported): a real Verdict server with the review routes and two kinds of user.
import type { AddressInfo } from 'node:net';
import { createReviewClient, memoryStore } from '@verdict/core';
import type { LabelSchema, ReviewClient, Store, VerdictUser } from '@verdict/core';
import { verdict } from '@verdict/express';
import express from 'express';
import { fixtureTraceId, ragTrace } from './trace-fixtures';

/** The users the server knows, by bearer token. */
export const REVIEW_USERS: Record<string, VerdictUser> = {
  'token-dev': { id: 'dev', role: 'developer' },
  'token-ann': { id: 'ann', role: 'reviewer' },
  'token-bob': { id: 'bob', role: 'reviewer' },
};

/** A listening server with `verdict()` at `/api`, users from {@link REVIEW_USERS}. */
export interface ReviewServer {
  api: string;
  store: Store;
  /** A review client acting as the user with that token. */
  as(token: keyof typeof REVIEW_USERS | string): ReviewClient;
  /** Headers that sign a request in as the user with that token. */
  headers(token: string): Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1; `claimTtlMs` shortens claims for renewal tests.
 * @example const server = await startReviewServer(); const dev = server.as('token-dev');
 */
export async function startReviewServer(options: { claimTtlMs?: number } = {}): Promise<ReviewServer> {
  const store = memoryStore();
  const v = verdict({
    store,
    ...(options.claimTtlMs === undefined ? {} : { claimTtlMs: options.claimTtlMs }),
    onError: () => undefined,
    authorize: (req) => REVIEW_USERS[req.get('authorization')?.replace(/^Bearer /, '') ?? ''] ?? null,
  });
  const app = express();
  app.use('/api', v.router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const headers = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    api,
    store,
    headers,
    as: (token) => createReviewClient({ baseUrl: api, headers: headers(token) }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The questions the seeded session asks. */
export const SEEDED_SCHEMAS: LabelSchema[] = [
  { name: 'correct', type: 'feedback', title: 'Is the answer correct?', input: { kind: 'categorical', options: ['yes', 'partly', 'no'] } },
  { name: 'expected_response', type: 'expectation', title: 'The answer it should have given', input: { kind: 'text', max_length: 200 } },
];

/**
 * Seeds `count` RAG traces, the schemas and a session assigned to `reviewers`, as the developer.
 * @example const sessionId = await seedSession(server, 3)
 */
export async function seedSession(server: ReviewServer, count: number, options: { reviewers?: string[]; reviewersPerItem?: number; name?: string } = {}): Promise<string> {
  const dev = server.as('token-dev');
  const traceIds = Array.from({ length: count }, (_, n) => fixtureTraceId(100 + n));
  for (const [n, traceId] of traceIds.entries()) {
    const trace = ragTrace(traceId);
    // Different requests, so each item (and its dataset record) is told apart.
    const root = trace.data.spans[0];
    if (root !== undefined) root.inputs = { message: `Question ${n + 1}: how long does shipping take?` };
    trace.info.request_preview = `Question ${n + 1}`;
    await server.store.traces.put(trace);
  }
  const existing = new Set((await dev.listLabelSchemas()).label_schemas.map((schema) => schema.name));
  for (const schema of SEEDED_SCHEMAS) await dev.createLabelSchema({ ...schema, overwrite: existing.has(schema.name) });
  const session = await dev.createLabelingSession({
    name: options.name ?? 'Shipping answers',
    assigned_users: options.reviewers ?? ['ann'],
    label_schemas: SEEDED_SCHEMAS.map((schema) => schema.name),
    reviewers_per_item: options.reviewersPerItem ?? 1,
  });
  await dev.addLabelingItems(session.labeling_session_id, { trace_ids: traceIds });
  return session.labeling_session_id;
}
