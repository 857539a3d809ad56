import { createClient } from '@verdict/core';
import type { VerdictClient } from '@verdict/core';
import { useMemo } from 'react';
import { useOptionalVerdictClient } from '../verdict-provider';

/** Where a data component reads from when it is not under a `VerdictProvider`. */
export interface ClientConnectionProps {
  /** A client to use instead of the provider's. */
  client?: VerdictClient;
  /** The Verdict router's URL, for use without a provider, e.g. `'/api'`. */
  baseUrl?: string;
}

/**
 * The client of a data component: its `client` prop, else one for its `baseUrl`, else the provider's.
 * @throws when none of the three is there, saying how to fix it.
 * @example const client = useClientProp({ baseUrl: '/api' })
 */
export function useClientProp({ client, baseUrl }: ClientConnectionProps): VerdictClient {
  const provided = useOptionalVerdictClient();
  const own = useMemo(() => (client === undefined && baseUrl !== undefined ? createClient({ baseUrl }) : null), [client, baseUrl]);
  const chosen = client ?? own ?? provided;
  if (chosen === null) throw new Error('Verdict needs a <VerdictProvider baseUrl="/api"> above this component, or a baseUrl or client prop.');
  return chosen;
}
