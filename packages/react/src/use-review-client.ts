import { createReviewClient, type ReviewClient } from '@verdict/core';
import { useMemo } from 'react';
import { useClientOptions } from './verdict-provider';

/**
 * A client of the review routes (label schemas, labeling sessions, datasets), made from the
 * nearest `VerdictProvider`'s connection options and stable while they are.
 * @example const review = useReviewClient(); await review.submitLabels(sessionId, itemId, { labels });
 */
export function useReviewClient(): ReviewClient {
  const options = useClientOptions();
  return useMemo(() => createReviewClient(options), [options]);
}
