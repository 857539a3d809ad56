import type { SearchTracesParams, TraceInfo } from '@verdict/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { messageOf } from '../use-feedback-client';
import { useClientProp } from './use-verdict-client-prop';
import type { ClientConnectionProps } from './use-verdict-client-prop';

/** What {@link useTraces} asks `GET /traces` for: any search param but the page token, which it manages. */
export type UseTracesParams = Omit<SearchTracesParams, 'page_token'> & ClientConnectionProps;

/** Where a page load stands. */
export type TracesStatus = 'loading' | 'success' | 'error';

/** What {@link useTraces} returns: the current page and how to move between pages. */
export interface UseTracesResult {
  /** The current page's trace infos, with their assessments (empty while the first page loads). */
  traces: TraceInfo[];
  status: TracesStatus;
  /** Why the last load failed, when `status` is `'error'`. */
  error: string | undefined;
  /** 0 for the first page. */
  pageIndex: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  nextPage(): void;
  previousPage(): void;
  /** Loads the current page again (after a write, or to retry an error). */
  reload(): void;
}

/** A stable key for the params: a new object with the same content must not restart paging. */
function keyOf(params: Omit<SearchTracesParams, 'page_token'>): string {
  return JSON.stringify(params, (_, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
}

/**
 * Pages through `GET /traces` with server-side pagination: the server's `next_page_token` takes
 * the hook forward and a stack of the tokens seen takes it back. New params start again at page 1.
 * A response that arrives after the params or page changed is dropped (its request is aborted).
 * @example
 * const { traces, status, nextPage, hasNextPage } = useTraces({ state: 'ERROR', max_results: 50 });
 */
export function useTraces(params: UseTracesParams = {}): UseTracesResult {
  const { client: clientProp, baseUrl, ...search } = params;
  const client = useClientProp({ client: clientProp, baseUrl });
  const key = keyOf(search);
  // The search as of `key`, so an equal new object does not refetch.
  const stable = useMemo(() => search, [key]);
  // tokens[i] is the page_token of page i (undefined for the first page).
  const [paging, setPaging] = useState<{ key: string; tokens: (string | undefined)[] }>({ key, tokens: [undefined] });
  const tokens = paging.key === key ? paging.tokens : [undefined];
  const pageToken = tokens[tokens.length - 1];
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ traces: TraceInfo[]; next: string | undefined; status: TracesStatus; error: string | undefined }>({
    traces: [],
    next: undefined,
    status: 'loading',
    error: undefined,
  });

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, status: 'loading', error: undefined }));
    client
      .searchTraces({ ...stable, ...(pageToken === undefined ? {} : { page_token: pageToken }) }, { signal: controller.signal })
      .then(
        (page) => setState({ traces: page.traces, next: page.next_page_token, status: 'success', error: undefined }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState({ traces: [], next: undefined, status: 'error', error: messageOf(error) });
        },
      );
    return () => controller.abort();
  }, [client, stable, pageToken, attempt]);

  const nextPage = useCallback(() => {
    const next = state.next;
    if (next === undefined || state.status !== 'success') return;
    setPaging({ key, tokens: [...tokens, next] });
  }, [key, tokens, state.next, state.status]);

  const previousPage = useCallback(() => {
    if (tokens.length > 1) setPaging({ key, tokens: tokens.slice(0, -1) });
  }, [key, tokens]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);

  return {
    traces: state.traces,
    status: state.status,
    error: state.error,
    pageIndex: tokens.length - 1,
    hasNextPage: state.status === 'success' && state.next !== undefined,
    hasPreviousPage: tokens.length > 1,
    nextPage,
    previousPage,
    reload,
  };
}
