import type { Decorator } from '@storybook/react-vite';
import { VerdictProvider } from '@verdict/react';
import { useState } from 'react';
import { scriptedTracesFetch } from './fake-traces-transport';
import type { TracesScript } from './fake-traces-transport';

/**
 * Wraps a story in a provider whose `fetch` answers the trace list and summary routes from a script.
 * @example decorators: [withTracesTransport({ traces: storyRows(40) })]
 */
export function withTracesTransport(script: TracesScript): Decorator {
  return function WithTracesTransport(Story) {
    const [fetch] = useState(() => scriptedTracesFetch(script));
    return (
      <VerdictProvider baseUrl="/api" fetch={fetch}>
        <Story />
      </VerdictProvider>
    );
  };
}
