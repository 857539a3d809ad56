import { createEvaluationClient } from '@verdict/core';
import type { ClientOptions } from '@verdict/core';
import { useMemo } from 'react';
import { useClientOptions } from '../verdict-provider';
import type { EvalResultsClient } from './eval-results-client';

/** Where the eval components read runs from, when not from the nearest `VerdictProvider`. */
export interface EvalConnectionProps {
  /** A client to use instead of the provider's (any `createEvaluationClient` result). */
  client?: EvalResultsClient;
}

/** The provider's connection options, or null without a provider (or with a ready `client` only). */
function useOptionalClientOptions(): ClientOptions | null {
  // useClientOptions reads the context first and throws only after, so the hooks called here
  // stay the same on every render, provider or not.
  try {
    return useClientOptions();
  } catch {
    return null;
  }
}

/**
 * The client of an eval component: its `client` prop, else an evaluation client made from the
 * nearest provider's connection options (stable while they are).
 * @throws when there is neither.
 * @example const client = useEvalResultsClient(props.client)
 */
export function useEvalResultsClient(client: EvalResultsClient | undefined): EvalResultsClient {
  const options = useOptionalClientOptions();
  const chosen = useMemo(() => client ?? (options === null ? null : createEvaluationClient(options)), [client, options]);
  if (chosen === null) throw new Error('EvalResults needs a <VerdictProvider baseUrl="/api"> above it, or a client prop.');
  return chosen;
}
