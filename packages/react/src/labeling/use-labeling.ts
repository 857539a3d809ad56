import { HttpError } from '@verdict/core';
import type { LabelAnswer, LabelingItem, LabelingSession, LabelSchema, LabelValue, Trace } from '@verdict/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useReviewClient } from '../use-review-client';
import { useVerdictClient } from '../verdict-provider';
import { DEFAULT_IDLE_AFTER_MS, onNextActivity, ownClaimExpiry, renewalDelayMs, useLastActivity } from './claim-renewal';

/**
 * Whether the current item is locked to the caller: being asked, held (and renewed while shown),
 * held by someone else, or `lost` — the caller held it, but their claim ran out and another
 * reviewer took it before it could be renewed.
 */
export type ClaimStatus = 'idle' | 'claiming' | 'claimed' | 'taken' | 'lost' | 'error';

/** What {@link useLabeling} returns. */
export interface UseLabelingResult {
  /** Loading the session, its schemas and the caller's queue; then ready, or failed. */
  status: 'loading' | 'ready' | 'error';
  error: Error | null;
  session: LabelingSession | null;
  /** The session's label schemas, in the session's order. */
  schemas: LabelSchema[];
  /** The caller's queue as loaded (`assignee=me`), with each item as the server last answered it. */
  items: LabelingItem[];
  /** Position of the current item in `items`. */
  index: number;
  item: LabelingItem | null;
  /** What the caller did with each item in this visit: by item id. */
  finished: Record<string, 'completed' | 'skipped'>;
  /** The current item's trace (the session's copy). */
  trace: Trace | null;
  traceStatus: 'idle' | 'loading' | 'ready' | 'error';
  claim: ClaimStatus;
  /** The caller's user id, as the server named them when they claimed an item; null until then. */
  userId: string | null;
  /** The caller's earlier answers on the current item, for the form's starting values. */
  answers: Record<string, LabelAnswer> | undefined;
  /** Session progress: items completed and in all ("12 / 40"). */
  progress: { done: number; total: number };
  /** True when every item of the queue is completed or skipped (or the queue was empty). */
  done: boolean;
  hasNext: boolean;
  hasPrevious: boolean;
  next(): void;
  previous(): void;
  goTo(index: number): void;
  /** Submits the caller's labels on the current item, then moves to the next unfinished one. */
  submit(labels: Record<string, LabelValue>, comments?: Record<string, string>): Promise<void>;
  /** Skips the current item, then moves on. */
  skip(): Promise<void>;
  /** Loads everything again. */
  reload(): void;
}

/** Options of {@link useLabeling}. */
export interface UseLabelingOptions {
  /**
   * The shown item's claim is renewed before it runs out, but only while someone is there: after
   * this long without a key press, click, scroll or focus change, renewal stops (so a tab left
   * open does not hold an item for ever) and resumes at the next sign of activity.
   * @default 600_000 (10 min)
   */
  idleAfterMs?: number;
}

interface Loaded {
  session: LabelingSession;
  schemas: LabelSchema[];
  items: LabelingItem[];
}

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';
const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** The first unfinished item after `from`, wrapping around; -1 when every item is finished. */
function nextUnfinished(items: readonly LabelingItem[], finished: Record<string, unknown>, from: number): number {
  for (let step = 1; step <= items.length; step += 1) {
    const candidate = (from + step) % items.length;
    const item = items[candidate];
    if (item !== undefined && !Object.hasOwn(finished, item.item_id)) return candidate;
  }
  return -1;
}

/**
 * A reviewer's labeling session, headless: loads the session, its label schemas and the caller's
 * queue (`assignee=me`), claims the current item so no one else labels it meanwhile, loads its
 * trace, and submits or skips, moving on to the next unfinished item. While an item is shown its
 * claim is renewed at half its remaining time (see {@link UseLabelingOptions.idleAfterMs}); if
 * someone else took it meanwhile, `claim` becomes `lost`. Needs a `VerdictProvider` with
 * connection options.
 * @example
 * const labeling = useLabeling(sessionId);
 * if (labeling.item) await labeling.submit({ correct: 'yes' });
 */
export function useLabeling(sessionId: string, options: UseLabelingOptions = {}): UseLabelingResult {
  const { idleAfterMs = DEFAULT_IDLE_AFTER_MS } = options;
  const review = useReviewClient();
  const client = useVerdictClient();
  const [generation, setGeneration] = useState(0);
  const [loaded, setLoaded] = useState<{ key: string; data: Loaded | null; error: Error | null } | null>(null);
  const [index, setIndex] = useState(0);
  const [finished, setFinished] = useState<Record<string, 'completed' | 'skipped'>>({});
  const [claims, setClaims] = useState<Record<string, ClaimStatus>>({});
  const [userId, setUserId] = useState<string | null>(null);
  const [traceState, setTraceState] = useState<{ traceId: string; trace: Trace | null; status: 'loading' | 'ready' | 'error' } | null>(null);
  const key = `${sessionId}#${generation}`;

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    (async () => {
      const [session, { label_schemas: all }, { items }] = await Promise.all([
        review.getLabelingSession(sessionId, { signal }),
        review.listLabelSchemas({ signal }),
        review.listLabelingItems(sessionId, { assignee: 'me' }, { signal }),
      ]);
      const byName = new Map(all.map((schema) => [schema.name, schema]));
      const schemas = session.label_schemas.map((name) => byName.get(name)).filter((schema): schema is LabelSchema => schema !== undefined);
      return { session, schemas, items };
    })().then(
      (data) => {
        setIndex(0);
        setFinished({});
        setClaims({});
        setLoaded({ key, data, error: null });
      },
      (error: unknown) => {
        if (!isAbort(error)) setLoaded({ key, data: null, error: asError(error) });
      },
    );
    return () => controller.abort();
  }, [review, sessionId, key]);

  const current = loaded?.key === key ? loaded : null;
  const data = current?.data ?? null;
  const items = data?.items ?? [];
  const item = items[index] ?? null;
  const done = data !== null && nextUnfinished(items, finished, items.length - 1) === -1;
  const itemId = item?.item_id ?? null;
  const isFinished = itemId !== null && Object.hasOwn(finished, itemId);

  // Claim the item shown, unless the caller already finished it in this visit.
  useEffect(() => {
    if (itemId === null || isFinished || done || Object.hasOwn(claims, itemId)) return;
    setClaims((old) => ({ ...old, [itemId]: 'claiming' }));
    review.claimLabelingItem(sessionId, itemId).then(
      (claimed) => {
        setClaims((old) => ({ ...old, [itemId]: 'claimed' }));
        if (claimed.claimed_by !== undefined) setUserId(claimed.claimed_by);
        replaceItem(claimed);
      },
      (error: unknown) => setClaims((old) => ({ ...old, [itemId]: error instanceof HttpError && error.status === 409 ? 'taken' : 'error' })),
    );
  }, [review, sessionId, itemId, isFinished, done, claims]);

  // Renew the claim while the item is shown, at half its remaining time, so a reviewer who takes
  // long over one item keeps it; each renewal moves the expiry, which schedules the next one.
  const claimStatus: ClaimStatus = itemId === null ? 'idle' : (claims[itemId] ?? 'idle');
  const expiry = ownClaimExpiry(item, userId);
  const [renewRetries, setRenewRetries] = useState(0);
  const lastActivity = useLastActivity();
  useEffect(() => {
    if (itemId === null || claimStatus !== 'claimed' || isFinished || done || expiry === undefined) return;
    let live = true;
    let stopWaiting: (() => void) | undefined;
    const timer = setTimeout(() => {
      if (Date.now() - lastActivity.current > idleAfterMs) {
        // Nobody there: let the claim run out so others may take the item; the next sign of
        // activity renews it (or finds it lost) through a fresh run of this effect.
        stopWaiting = onNextActivity(() => setRenewRetries((old) => old + 1));
        return;
      }
      review.claimLabelingItem(sessionId, itemId).then(
        // Kept even after the item changed: it is the server's latest word on that item.
        (claimed) => replaceItem(claimed),
        (error: unknown) => {
          if (!live) return;
          if (error instanceof HttpError && error.status === 409) setClaims((old) => ({ ...old, [itemId]: 'lost' }));
          // A network blip: try again (sooner, as less time is left) until the claim has run out.
          else if (Date.now() >= expiry) setClaims((old) => ({ ...old, [itemId]: 'error' }));
          else setRenewRetries((old) => old + 1);
        },
      );
    }, renewalDelayMs(expiry, Date.now()));
    return () => {
      live = false;
      clearTimeout(timer);
      stopWaiting?.();
    };
  }, [review, sessionId, itemId, claimStatus, isFinished, done, expiry, renewRetries, idleAfterMs, lastActivity]);

  const traceId = item?.trace_id ?? null;
  useEffect(() => {
    if (traceId === null) return;
    const controller = new AbortController();
    setTraceState({ traceId, trace: null, status: 'loading' });
    client.getTrace(traceId, { signal: controller.signal }).then(
      (trace) => setTraceState({ traceId, trace, status: 'ready' }),
      (error: unknown) => {
        if (!isAbort(error)) setTraceState({ traceId, trace: null, status: 'error' });
      },
    );
    return () => controller.abort();
  }, [client, traceId]);

  function replaceItem(next: LabelingItem) {
    setLoaded((old) =>
      old?.data == null ? old : { ...old, data: { ...old.data, items: old.data.items.map((candidate) => (candidate.item_id === next.item_id ? next : candidate)) } },
    );
  }

  // Async actions read the latest state through a ref: they outlive the render that made them.
  const state = useRef({ items, index, finished, item });
  state.current = { items, index, finished, item };

  const refreshSession = useCallback(async () => {
    const session = await review.getLabelingSession(sessionId);
    setLoaded((old) => (old?.data == null ? old : { ...old, data: { ...old.data, session } }));
  }, [review, sessionId]);

  const finish = useCallback(
    async (labels: Record<string, LabelValue>, comments: Record<string, string> | undefined, skip: boolean) => {
      const { item: target } = state.current;
      if (target === null) return;
      const body = skip ? { labels: {}, skip: true } : { labels, ...(comments === undefined || Object.keys(comments).length === 0 ? {} : { comments }) };
      const answered = await review.submitLabels(sessionId, target.item_id, body);
      replaceItem(answered);
      const nowFinished = { ...state.current.finished, [target.item_id]: skip ? ('skipped' as const) : ('completed' as const) };
      setFinished(nowFinished);
      const following = nextUnfinished(state.current.items, nowFinished, state.current.index);
      if (following !== -1) setIndex(following);
      // Progress is the server's count; a failure to refresh it must not undo the saved labels.
      await refreshSession().catch(() => undefined);
    },
    [review, sessionId, refreshSession],
  );

  const submit = useCallback((labels: Record<string, LabelValue>, comments?: Record<string, string>) => finish(labels, comments, false), [finish]);
  const skip = useCallback(() => finish({}, undefined, true), [finish]);
  const goTo = useCallback((target: number) => {
    if (target >= 0 && target < state.current.items.length) setIndex(target);
  }, []);
  const next = useCallback(() => goTo(state.current.index + 1), [goTo]);
  const previous = useCallback(() => goTo(state.current.index - 1), [goTo]);
  const reload = useCallback(() => setGeneration((old) => old + 1), []);

  const answers = useMemo(() => (item === null || userId === null ? undefined : item.labels[userId]), [item, userId]);
  const session = data?.session ?? null;
  const shownTrace = traceState !== null && traceState.traceId === traceId ? traceState : null;
  return {
    status: current === null ? 'loading' : data === null ? 'error' : 'ready',
    error: current?.error ?? null,
    session,
    schemas: data?.schemas ?? [],
    items,
    index,
    item,
    finished,
    trace: shownTrace?.trace ?? null,
    traceStatus: traceId === null ? 'idle' : (shownTrace?.status ?? 'loading'),
    claim: claimStatus,
    userId,
    answers,
    progress: { done: session?.progress.completed ?? 0, total: session?.progress.total ?? 0 },
    done,
    hasNext: index < items.length - 1,
    hasPrevious: index > 0,
    next,
    previous,
    goTo,
    submit,
    skip,
    reload,
  };
}
