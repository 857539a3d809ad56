import type { Decorator } from '@storybook/react-vite';
import { VerdictProvider } from '@verdict/react';
import { useState } from 'react';
import { scriptedReviewFetch } from './fake-review-transport';
import type { ReviewScript } from './fake-review-transport';

/**
 * Wraps a story in a provider whose `fetch` answers the labeling routes from a script.
 * @example decorators: [withReviewTransport({ sessionName: 'Demo', schemas, queue: 3 })]
 */
export function withReviewTransport(script: ReviewScript): Decorator {
  return function WithReviewTransport(Story) {
    // One transport per mount, so a remount (or the next test) starts from the script again.
    const [fetch] = useState(() => scriptedReviewFetch(script));
    return (
      <VerdictProvider baseUrl="/api" fetch={fetch}>
        <Story />
      </VerdictProvider>
    );
  };
}
