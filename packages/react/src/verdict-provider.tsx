import { createClient, type ClientOptions, type VerdictClient } from '@verdict/core';
import { createContext, useContext, useMemo, type ReactNode } from 'react';

const ClientContext = /* @__PURE__ */ createContext<VerdictClient | null>(null);
// The connection options, for hooks that build their own narrower clients (review, evaluation).
const OptionsContext = /* @__PURE__ */ createContext<ClientOptions | null>(null);

/** Props of {@link VerdictProvider}: a ready client, or the options to make one. */
export type VerdictProviderProps = { children?: ReactNode } & (
  | { client: VerdictClient }
  | (ClientOptions & { client?: undefined })
);

/**
 * Gives every Verdict component and hook below it the client of your Verdict routes.
 * @example
 * <VerdictProvider baseUrl="/api"><App /></VerdictProvider>
 */
export function VerdictProvider(props: VerdictProviderProps) {
  const { children, client: given, ...options } = props as { children?: ReactNode; client?: VerdictClient } & ClientOptions;
  const { baseUrl, fetch, headers } = options;
  // Rebuilt only when the connection options change, so consumers keep a stable client.
  const client = useMemo(() => given ?? createClient({ baseUrl, fetch, headers }), [given, baseUrl, fetch, headers]);
  const connection = useMemo(() => (given === undefined ? { baseUrl, fetch, headers } : null), [given, baseUrl, fetch, headers]);
  return (
    <OptionsContext.Provider value={connection}>
      <ClientContext.Provider value={client}>{children}</ClientContext.Provider>
    </OptionsContext.Provider>
  );
}

/**
 * The nearest provider's client, or null: for components that also work standalone (internal).
 * @example const client = useOptionalVerdictClient() ?? createFeedbackClient({ baseUrl })
 */
export function useOptionalVerdictClient(): VerdictClient | null {
  return useContext(ClientContext);
}

/**
 * The client given by the nearest {@link VerdictProvider}.
 * @throws when no provider is above the calling component.
 * @example const client = useVerdictClient(); await client.getTrace(traceId);
 */
export function useVerdictClient(): VerdictClient {
  const client = useContext(ClientContext);
  if (client === null) {
    throw new Error('useVerdictClient() needs a <VerdictProvider baseUrl="/api"> above this component.');
  }
  return client;
}

/**
 * The nearest provider's connection options (internal: for hooks that make a review or evaluation client).
 * @throws when there is no provider, or it was given a ready `client` instead of `baseUrl`.
 * @example const review = useMemo(() => createReviewClient(useClientOptions()), [])
 */
export function useClientOptions(): ClientOptions {
  const options = useContext(OptionsContext);
  if (options === null) {
    throw new Error('This component needs <VerdictProvider baseUrl="/api"> (connection options, not a ready `client`) above it.');
  }
  return options;
}
