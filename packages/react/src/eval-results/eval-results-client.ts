import type { EvaluationClient } from '@verdict/core';

/**
 * The evaluation calls EvalResults makes: read a run, follow its live events, cancel it, compare
 * two runs, read judge-vs-human agreement. Any `createEvaluationClient` result fits; tests and stories may pass their own.
 */
export type EvalResultsClient = Pick<EvaluationClient, 'getEvaluation' | 'evaluationEvents' | 'cancelEvaluation' | 'compareEvaluations' | 'getAgreement'>;
