// Test-only helpers (never exported from index.ts): a real server over a jsonStore in a temp dir,
// with users told apart by bearer tokens, as the example app does.
import { HttpError, createReviewClient } from '@verdict/core';
import type { ReviewClient, VerdictUser } from '@verdict/core';
import { makeTrace } from '@verdict/core/testing';
import type { Trace } from '@verdict/core';
import { jsonStore } from '../json-store/json-store';
import type { JsonStore } from '../json-store/json-store';
import type { AuthorizeHook } from '../review/authorize';
import { serve } from './serve';
import type { ServeOptions, TestServer } from './serve';

/** The users every review test knows: their token is their id. */
export const USERS: Record<string, VerdictUser> = {
  dev: { id: 'dev', role: 'developer' },
  ann: { id: 'ann', role: 'reviewer' },
  bob: { id: 'bob', role: 'reviewer' },
  cy: { id: 'cy', role: 'reviewer' },
  eve: { id: 'eve', role: 'end_user' },
};

/** `Authorization: Bearer <id>` → that user; no header → null (401); an unknown token → false (403). */
export const bearerAuthorize: AuthorizeHook = (req) => {
  const header = req.get('authorization');
  if (header === undefined) return null;
  return USERS[header.replace(/^Bearer\s+/i, '')] ?? false;
};

/** A running review server and what tests need around it. */
export interface ReviewServer {
  server: TestServer;
  store: JsonStore;
  /** A typed client speaking as `user` (a key of {@link USERS}). */
  as(user: keyof typeof USERS | string): ReviewClient;
  /** Raw fetch speaking as `user`: status and parsed JSON (or text). */
  call(user: string | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Puts fixture traces straight into the store (as the app's traffic would). */
  addTraces(count: number, make?: (n: number) => Trace): Promise<Trace[]>;
  close(): Promise<void>;
}

/**
 * Starts a server with the bearer-token users over a jsonStore in `dir`.
 * @example const review = await serveReview(tempDir()); const session = await review.as('dev').createLabelingSession(...)
 */
export async function serveReview(dir: string, options: ServeOptions = {}): Promise<ReviewServer> {
  const store = await jsonStore({ dir });
  const server = await serve({ authorize: bearerAuthorize, ...options, store });
  return {
    server,
    store,
    as: (user) => createReviewClient({ baseUrl: server.api, headers: { authorization: `Bearer ${user}` } }),
    async call(user, method, path, body) {
      const headers: Record<string, string> = user === undefined ? {} : { authorization: `Bearer ${user}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${server.api}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await response.text();
      let json: unknown = text;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        // Not JSON (the .jsonl export): the text as is.
      }
      return { status: response.status, json };
    },
    async addTraces(count, make) {
      const traces = Array.from({ length: count }, (_, n) => (make ? make(n) : makeTrace({ request_preview: `question ${n}` })));
      for (const trace of traces) await store.traces.put(trace);
      return traces;
    },
    async close() {
      await server.close();
      await store.close();
    },
  };
}


/**
 * The HTTP status a client call ended with: 200 when it resolved, the error's status when the
 * client threw an `HttpError` (anything else is rethrown).
 * @example expect(await statusOf(review.as('ann').createLabelSchema(schema))).toBe(403);
 */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof HttpError) return error.status;
    throw error;
  }
}
