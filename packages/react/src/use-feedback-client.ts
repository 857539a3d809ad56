import { createFeedbackClient } from '@verdict/core/feedback';
import type { FeedbackClient } from '@verdict/core/feedback';
import { useMemo } from 'react';
import { useOptionalVerdictClient } from './verdict-provider';

/** Where a feedback component sends its votes when it is not under a `VerdictProvider`. */
export interface FeedbackConnectionProps {
  /** A client to use instead of the provider's (any `createClient` or `createFeedbackClient` result). */
  client?: FeedbackClient;
  /** The Verdict router's URL, for use without a provider, e.g. `'/api'`. */
  baseUrl?: string;
}

/**
 * The client of a feedback component: its `client` prop, else one for its `baseUrl`, else the
 * provider's, else null. Only the feedback calls are built, so a standalone widget stays small.
 * @example const client = useOptionalFeedbackClient({ baseUrl: '/api' })
 */
export function useOptionalFeedbackClient({ client, baseUrl }: FeedbackConnectionProps): FeedbackClient | null {
  const provided = useOptionalVerdictClient();
  const own = useMemo(() => (client === undefined && baseUrl !== undefined ? createFeedbackClient({ baseUrl }) : null), [client, baseUrl]);
  return client ?? own ?? provided;
}

/**
 * Like {@link useOptionalFeedbackClient}, but explains what is missing instead of answering null.
 * @example const client = useFeedbackClient({ baseUrl: '/api' })
 */
export function useFeedbackClient(connection: FeedbackConnectionProps): FeedbackClient {
  const chosen = useOptionalFeedbackClient(connection);
  if (chosen === null) {
    throw new Error('Verdict feedback needs a <VerdictProvider baseUrl="/api"> above it, or a baseUrl or client prop.');
  }
  return chosen;
}

/** A fresh idempotency key per attempt, so only retries of the same attempt are merged. */
export function newIdempotencyKey(): string {
  const random = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto?.randomUUID;
  return random !== undefined ? random.call(globalThis.crypto) : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Why a request failed, as a sentence to show. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
