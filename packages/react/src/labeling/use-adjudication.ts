import type { AgreementResponse, JsonValue, LabelingItem, LabelingSession, LabelSchema, LabelValue } from '@verdict/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useReviewClient } from '../use-review-client';

/** One item where reviewers disagree: the schemas in dispute and each reviewer's value. */
export interface DisagreementGroup {
  item: LabelingItem;
  /** Schema name → reviewer → value, in the agreement report's order. */
  disputes: Array<{ schema: LabelSchema; values: Record<string, JsonValue> }>;
}

/** What {@link useAdjudication} returns. */
export interface UseAdjudicationResult {
  status: 'loading' | 'ready' | 'error';
  error: Error | null;
  session: LabelingSession | null;
  /** Per-schema agreement: metric, value (null when undefined) and items compared. */
  agreement: AgreementResponse['schemas'];
  schemas: LabelSchema[];
  /** Items with open disagreements, in the report's order; an adjudicated one drops out. */
  groups: DisagreementGroup[];
  /** Stores the gold labels of an item (`POST .../adjudicate`), then reloads the report. */
  resolve(itemId: string, labels: Record<string, LabelValue>): Promise<void>;
  reload(): void;
}

interface Loaded {
  session: LabelingSession;
  schemas: LabelSchema[];
  report: AgreementResponse;
  items: LabelingItem[];
}

/**
 * A developer's view of where reviewers disagree in a session (`GET .../agreement`) and the way
 * to settle it: picking or writing each item's gold label (`POST .../items/:id/adjudicate`).
 * @example const { groups, resolve } = useAdjudication(sessionId)
 */
export function useAdjudication(sessionId: string): UseAdjudicationResult {
  const review = useReviewClient();
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ key: string; data: Loaded | null; error: Error | null } | null>(null);
  const key = `${sessionId}#${generation}`;

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    Promise.all([
      review.getLabelingSession(sessionId, { signal }),
      review.listLabelSchemas({ signal }),
      review.getAgreement(sessionId, { signal }),
      review.listLabelingItems(sessionId, {}, { signal }),
    ]).then(
      ([session, { label_schemas: all }, report, { items }]) => {
        const byName = new Map(all.map((schema) => [schema.name, schema]));
        const schemas = session.label_schemas.map((name) => byName.get(name)).filter((schema): schema is LabelSchema => schema !== undefined);
        setState({ key, data: { session, schemas, report, items }, error: null });
      },
      (error: unknown) => {
        if (!(error instanceof Error && error.name === 'AbortError')) setState({ key, data: null, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [review, sessionId, key]);

  // Keep showing the last report while a reload runs, so the list does not flash empty.
  const data = state?.data ?? null;
  const groups = useMemo(() => {
    if (data === null) return [];
    const items = new Map(data.items.map((item) => [item.item_id, item]));
    const schemas = new Map(data.schemas.map((schema) => [schema.name, schema]));
    const byItem = new Map<string, DisagreementGroup>();
    for (const disagreement of data.report.disagreements) {
      const item = items.get(disagreement.item_id);
      const schema = schemas.get(disagreement.schema);
      if (item === undefined || schema === undefined) continue;
      const group = byItem.get(item.item_id) ?? { item, disputes: [] };
      group.disputes.push({ schema, values: disagreement.values });
      byItem.set(item.item_id, group);
    }
    return [...byItem.values()];
  }, [data]);

  const resolve = useCallback(
    async (itemId: string, labels: Record<string, LabelValue>) => {
      await review.adjudicate(sessionId, itemId, { labels });
      setGeneration((old) => old + 1);
    },
    [review, sessionId],
  );
  const reload = useCallback(() => setGeneration((old) => old + 1), []);

  return {
    status: data !== null ? 'ready' : state?.key === key && state.error !== null ? 'error' : 'loading',
    error: state?.error ?? null,
    session: data?.session ?? null,
    agreement: data?.report.schemas ?? {},
    schemas: data?.schemas ?? [],
    groups,
    resolve,
    reload,
  };
}
