import type { Decorator } from '@storybook/react-vite';
import { VerdictProvider } from '@verdict/react';
import { useState } from 'react';
import { scriptedFetch } from './fake-transport';
import type { TransportScript } from './fake-transport';

/**
 * Wraps a story in a provider whose `fetch` is scripted: no server, the same answers every run.
 * @example decorators: [withTransport({ writes: { error: 'Feedback service is down' } })]
 */
export function withTransport(script: TransportScript): Decorator {
  return function WithTransport(Story) {
    // One transport per mount, so a remount (or the next test) starts from the script again.
    const [fetch] = useState(() => scriptedFetch(script));
    return (
      <VerdictProvider baseUrl="/api" fetch={fetch}>
        <Story />
      </VerdictProvider>
    );
  };
}
