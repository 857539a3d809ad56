import type { EvalAgreementResponse } from '@verdict/core';
import { useEffect, useState } from 'react';
import { messageOf } from '../use-feedback-client';
import type { EvalResultsClient } from './eval-results-client';
import { useEvalResultsClient } from './use-eval-results-client';

/** What {@link useJudgeAgreement} returns. */
export interface UseJudgeAgreementResult {
  status: 'idle' | 'loading' | 'success' | 'error';
  agreement: EvalAgreementResponse | null;
  error: string | null;
}

/**
 * Judge vs human on a run (`GET /evaluations/:id/agreement?scorer=&label_schema=`): Cohen's kappa
 * and the confusion matrix of `scorer` against the human labels of `labelSchema` on the run's traces.
 * Reads nothing while `enabled` is false (e.g. until the run has finished).
 * @example const { agreement } = useJudgeAgreement(runId, 'correctness', 'is_correct');
 */
export function useJudgeAgreement(
  evaluationId: string | null | undefined,
  scorer: string,
  labelSchema: string,
  options: { client?: EvalResultsClient; enabled?: boolean } = {},
): UseJudgeAgreementResult {
  const client = useEvalResultsClient(options.client);
  const enabled = options.enabled ?? true;
  const [state, setState] = useState<UseJudgeAgreementResult>({ status: 'idle', agreement: null, error: null });
  useEffect(() => {
    if (!evaluationId || !enabled) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, status: 'loading', error: null }));
    client.getAgreement(evaluationId, { scorer, label_schema: labelSchema }, { signal: controller.signal }).then(
      (agreement) => setState({ status: 'success', agreement, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', agreement: null, error: messageOf(error) });
      },
    );
    return () => controller.abort();
  }, [client, evaluationId, scorer, labelSchema, enabled]);
  return state;
}
