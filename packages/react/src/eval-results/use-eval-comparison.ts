import type { CompareEvaluationsResponse } from '@verdict/core';
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../use-feedback-client';
import type { EvalResultsClient } from './eval-results-client';
import { useEvalResultsClient } from './use-eval-results-client';

/** What {@link useEvalComparison} returns. */
export interface UseEvalComparisonResult {
  status: 'idle' | 'loading' | 'success' | 'error';
  comparison: CompareEvaluationsResponse | null;
  error: string | null;
  /** Compares again (e.g. after a run finished). */
  reload(): void;
}

/**
 * Two runs compared (`GET /evaluations/compare?base=&candidate=`): per-scorer deltas and each
 * row's change (improved, regressed, unchanged). Pass `null` for either id to compare nothing.
 * @example const { comparison } = useEvalComparison(baseId, candidateId);
 */
export function useEvalComparison(
  baseId: string | null | undefined,
  candidateId: string | null | undefined,
  options: { client?: EvalResultsClient } = {},
): UseEvalComparisonResult {
  const client = useEvalResultsClient(options.client);
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<Omit<UseEvalComparisonResult, 'reload'>>({ status: 'idle', comparison: null, error: null });

  useEffect(() => {
    if (!baseId || !candidateId) {
      setState({ status: 'idle', comparison: null, error: null });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, status: 'loading', error: null }));
    client.compareEvaluations(baseId, candidateId, { signal: controller.signal }).then(
      (comparison) => setState({ status: 'success', comparison, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', comparison: null, error: messageOf(error) });
      },
    );
    return () => controller.abort();
  }, [client, baseId, candidateId, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
