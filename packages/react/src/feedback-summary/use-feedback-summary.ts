import type { FeedbackSummary, FeedbackSummaryQuery } from '@verdict/core';
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../use-feedback-client';
import { useClientProp } from '../traces-table/use-verdict-client-prop';
import type { ClientConnectionProps } from '../traces-table/use-verdict-client-prop';

/** What {@link useFeedbackSummary} asks `GET /feedback/summary` for, and where. */
export type UseFeedbackSummaryParams = FeedbackSummaryQuery & ClientConnectionProps;

/** What {@link useFeedbackSummary} returns. */
export interface UseFeedbackSummaryResult {
  /** The last summary loaded (kept while a new window loads, so the chart does not blink). */
  summary: FeedbackSummary | undefined;
  status: 'loading' | 'success' | 'error';
  error: string | undefined;
  reload(): void;
}

/**
 * Loads the feedback figures of a time window from `GET /feedback/summary`, again whenever the
 * window or bucket changes; a response for an older window is dropped.
 * @example const { summary, status } = useFeedbackSummary({ start_time_ms: Date.now() - 7 * 86_400_000, bucket: 'day' })
 */
export function useFeedbackSummary(params: UseFeedbackSummaryParams = {}): UseFeedbackSummaryResult {
  const { client: clientProp, baseUrl, start_time_ms, end_time_ms, bucket } = params;
  const client = useClientProp({ client: clientProp, baseUrl });
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Omit<UseFeedbackSummaryResult, 'reload'>>({ summary: undefined, status: 'loading', error: undefined });

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, status: 'loading', error: undefined }));
    const query: FeedbackSummaryQuery = {};
    if (start_time_ms !== undefined) query.start_time_ms = start_time_ms;
    if (end_time_ms !== undefined) query.end_time_ms = end_time_ms;
    if (bucket !== undefined) query.bucket = bucket;
    client.getFeedbackSummary(query, { signal: controller.signal }).then(
      (summary) => setState({ summary, status: 'success', error: undefined }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ summary: undefined, status: 'error', error: messageOf(error) });
      },
    );
    return () => controller.abort();
  }, [client, start_time_ms, end_time_ms, bucket, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...state, reload };
}
