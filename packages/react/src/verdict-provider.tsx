import { createClient, type ClientOptions, type VerdictClient } from '@verdict/core';
import { createContext, useContext, useMemo, type ReactNode } from 'react';

const ClientContext = /* @__PURE__ */ createContext<VerdictClient | null>(null);

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
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
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
