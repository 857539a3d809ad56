import type { AssessmentValue, EvalScore, JsonObject, JsonValue, Trace } from '@verdict/core';
import type { JudgeRuntime } from './judge-runtime';

/** What a scorer judges: one row of an evaluation. */
export interface ScorerInput {
  inputs: JsonObject;
  /** What the app answered (or the trace's own outputs when no app ran). */
  outputs: JsonValue | undefined;
  /** Ground truth by name (`expected_response`, `expected_facts`, `guidelines`, …). */
  expectations: Record<string, AssessmentValue>;
  /** The row's trace, when it has one (spans: retrieved documents, latency). */
  trace: Trace | undefined;
}

/** A scorer's answer with its reasons; `error` says why there is no value. */
export interface ScorerFeedback {
  value?: AssessmentValue;
  rationale?: string;
  error?: { error_code: string; error_message?: string };
}

/** A scorer returns a plain value or a {@link ScorerFeedback}. */
export type ScorerResult = AssessmentValue | ScorerFeedback;

/** What the evaluation lends a scorer for one call: cancellation and the run's judge. */
export interface ScorerContext {
  /** Aborted when the run is cancelled. */
  signal: AbortSignal;
  /** The run's throttled LLM judge (undefined when none is configured). */
  judge: JudgeRuntime | undefined;
}

/** A named scorer. `kind` decides the assessment source: `LLM_JUDGE` for judges, `CODE` otherwise. */
export interface Scorer {
  readonly name: string;
  readonly kind: 'judge' | 'code';
  score(input: ScorerInput, context: ScorerContext): ScorerResult | Promise<ScorerResult>;
}

/**
 * Makes a code scorer from a function of the row. It may return a value or `{ value, rationale }`;
 * a throw becomes an error score (`SCORER_ERROR`), never a crashed run.
 * @example const short = scorer('short_answer', ({ outputs }) => String(outputs).length < 200);
 */
export function scorer(name: string, fn: (input: ScorerInput, context: ScorerContext) => ScorerResult | Promise<ScorerResult>): Scorer {
  return { name, kind: 'code', score: fn };
}

const FEEDBACK_KEYS = new Set(['value', 'rationale', 'error']);

/** A result is a feedback when it is an object with only feedback keys (`{}` and `{ rationale }` are feedback without a value). */
function isFeedback(result: ScorerResult): result is ScorerFeedback {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return false;
  const keys = Object.keys(result);
  return keys.every((key) => FEEDBACK_KEYS.has(key));
}

/**
 * A scorer's result in the wire form. A result with neither a value nor an error is an error
 * (`NO_VALUE`): a scorer that says nothing must not count as a pass.
 * @example toEvalScore({ value: true, rationale: 'matches' }) // { value: true, rationale: 'matches' }
 */
export function toEvalScore(result: ScorerResult | undefined): EvalScore {
  if (result === undefined || result === null) return { error: { error_code: 'NO_VALUE', error_message: 'the scorer returned nothing' } };
  if (!isFeedback(result)) return { value: result };
  const score: EvalScore = {};
  if (result.value !== undefined && result.value !== null) score.value = result.value;
  if (result.rationale !== undefined) score.rationale = result.rationale;
  if (result.error !== undefined) score.error = result.error;
  if (score.value === undefined && score.error === undefined) score.error = { error_code: 'NO_VALUE', error_message: 'the scorer returned no value' };
  return score;
}

/**
 * An error score from a thrown error.
 * @example errorScore('SCORER_ERROR', new Error('boom')) // { error: { error_code: 'SCORER_ERROR', error_message: 'boom' } }
 */
export function errorScore(code: string, error: unknown): EvalScore {
  return { error: { error_code: code, error_message: error instanceof Error ? error.message : String(error) } };
}
