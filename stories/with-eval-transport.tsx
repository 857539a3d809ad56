import type { Decorator } from '@storybook/react-vite';
import { VerdictProvider } from '@verdict/react';
import { useState } from 'react';
import { scriptedEvalFetch } from './fake-eval-transport';
import type { EvalScript } from './fake-eval-transport';

/**
 * Wraps a story in a provider whose `fetch` answers the evaluation routes from a script.
 * @example decorators: [withEvalTransport({ runs: [fixtureRun({ rows })] })]
 */
export function withEvalTransport(script: EvalScript): Decorator {
  return function WithEvalTransport(Story) {
    // One transport per mount, so a remount (or the next test) starts the live run from the script again.
    const [fetch] = useState(() => scriptedEvalFetch(script));
    return (
      <VerdictProvider baseUrl="/api" fetch={fetch}>
        <Story />
      </VerdictProvider>
    );
  };
}
