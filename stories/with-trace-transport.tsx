import type { Decorator } from '@storybook/react-vite';
import { VerdictProvider } from '@verdict/react';
import { useState } from 'react';
import { scriptedTraceFetch } from './fake-trace-transport';
import type { TraceScript } from './fake-trace-transport';

/**
 * Wraps a story in a provider whose `fetch` answers the trace and assessment routes from a script.
 * @example decorators: [withTraceTransport({ traces: [ragTrace()] })]
 */
export function withTraceTransport(script: TraceScript): Decorator {
  return function WithTraceTransport(Story) {
    // One transport per mount, so a remount (or the next test) starts from the script again.
    const [fetch] = useState(() => scriptedTraceFetch(script));
    return (
      <VerdictProvider baseUrl="/api" fetch={fetch}>
        <Story />
      </VerdictProvider>
    );
  };
}
