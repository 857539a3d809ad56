import { createEvaluationClient, type EvaluationClient } from '@verdict/core';
import { useMemo } from 'react';
import { useClientOptions } from './verdict-provider';

/**
 * A client of the evaluation routes (start, read, list, cancel, compare runs, live events), made
 * from the nearest `VerdictProvider`'s connection options and stable while they are.
 * @example const evals = useEvaluationClient(); const { evaluation_id } = await evals.startEvaluation({ dataset: 'golden', scorers: ['correctness'] });
 */
export function useEvaluationClient(): EvaluationClient {
  const options = useClientOptions();
  return useMemo(() => createEvaluationClient(options), [options]);
}
