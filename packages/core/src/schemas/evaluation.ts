import * as z from 'zod/mini';
import { SearchTracesParamsSchema } from './search';
import { TraceIdSchema } from './span';
import { AssessmentValueSchema, JsonObjectSchema, JsonValueSchema } from './value';

export const EvaluationIdSchema = z.string().check(z.regex(/^ev-[0-9a-f]{32}$/, 'must be ev- followed by 32 hex digits'));

/** A scorer by name, optionally with options (`{ name: 'latency_under', options: { ms: 2000 } }`). */
export const ScorerRefSchema = z.union([
  z.string().check(z.minLength(1)),
  z.strictObject({ name: z.string().check(z.minLength(1)), options: z.optional(JsonObjectSchema) }),
]);
export type ScorerRef = z.infer<typeof ScorerRefSchema>;

/** `POST /evaluations`: what to score (a dataset, traces by id, or a `/traces` filter), with what. */
export const StartEvaluationBodySchema = z
  .strictObject({
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
    dataset: z.optional(z.string().check(z.minLength(1))),
    trace_ids: z.optional(z.array(TraceIdSchema).check(z.minLength(1), z.maxLength(10_000))),
    filter: z.optional(SearchTracesParamsSchema),
    /** A host app registered with `verdict({ apps })`; without one the traces are scored as they are. */
    app: z.optional(z.string().check(z.minLength(1))),
    scorers: z.array(ScorerRefSchema).check(z.minLength(1)),
    /** @default 4 */
    concurrency: z.optional(z.number().check(z.int(), z.gte(1), z.lte(64))),
  })
  .check(
    z.refine(
      (body) => [body.dataset, body.trace_ids, body.filter].filter((source) => source !== undefined).length === 1,
      { message: 'give exactly one of dataset, trace_ids, filter', path: ['dataset'] },
    ),
  );
export type StartEvaluationBody = z.input<typeof StartEvaluationBodySchema>;

export const EvaluationStatusSchema = z.enum(['running', 'completed', 'cancelled', 'failed']);
export type EvaluationStatus = z.infer<typeof EvaluationStatusSchema>;

/** One scorer's verdict on one row: a value, or an error saying why there is none. */
export const EvalScoreSchema = z.object({
  value: z.optional(AssessmentValueSchema),
  rationale: z.optional(z.string()),
  error: z.optional(z.object({ error_code: z.string(), error_message: z.optional(z.string()) })),
});
export type EvalScore = z.infer<typeof EvalScoreSchema>;

export const EvalRowSchema = z.object({
  row_id: z.string(),
  inputs: JsonObjectSchema,
  outputs: z.optional(JsonValueSchema),
  expectations: z.record(z.string(), AssessmentValueSchema),
  trace_id: z.optional(TraceIdSchema),
  scores: z.record(z.string(), EvalScoreSchema),
});
export type EvalRow = z.infer<typeof EvalRowSchema>;

/** Per scorer: pass rate (boolean scorers, 0–1) or mean and percentiles (numeric), and errors. */
export const EvalAggregateSchema = z.object({
  pass_rate: z.optional(z.number()),
  mean: z.optional(z.number()),
  p50: z.optional(z.number()),
  p90: z.optional(z.number()),
  errors: z.number(),
});
export type EvalAggregate = z.infer<typeof EvalAggregateSchema>;

export const EvalProgressSchema = z.object({ done: z.number(), total: z.number() });
export type EvalProgress = z.infer<typeof EvalProgressSchema>;

export const JudgeUsageSchema = z.object({ judge_prompt_tokens: z.number(), judge_completion_tokens: z.number() });
export type JudgeUsage = z.infer<typeof JudgeUsageSchema>;

/** An evaluation run: what ran, how far it is, and what each scorer said. */
export const EvalRunSchema = z.object({
  evaluation_id: EvaluationIdSchema,
  name: z.string(),
  status: EvaluationStatusSchema,
  progress: EvalProgressSchema,
  aggregates: z.record(z.string(), EvalAggregateSchema),
  rows: z.array(EvalRowSchema),
  usage: JudgeUsageSchema,
  scorers: z.array(z.string()),
  dataset: z.optional(z.string()),
  app: z.optional(z.string()),
  create_time: z.number(),
  end_time: z.optional(z.number()),
  created_by: z.optional(z.string()),
  /** Why a `failed` run failed. */
  error: z.optional(z.string()),
});
export type EvalRun = z.infer<typeof EvalRunSchema>;

/** `GET /evaluations`: runs without their rows. */
export const ListEvaluationsResponseSchema = z.object({
  evaluations: z.array(z.omit(EvalRunSchema, { rows: true })),
});
export type ListEvaluationsResponse = z.infer<typeof ListEvaluationsResponseSchema>;

/** `POST /evaluations` answers at once. */
export const StartEvaluationResponseSchema = z.object({ evaluation_id: EvaluationIdSchema, status: EvaluationStatusSchema });
export type StartEvaluationResponse = z.infer<typeof StartEvaluationResponseSchema>;

/** `GET /evaluations/:id/events` (SSE): a row scored, progress with aggregates so far, then finished. */
export const EvalEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('row'), row: EvalRowSchema }),
  z.object({ type: z.literal('progress'), progress: EvalProgressSchema, aggregates: z.record(z.string(), EvalAggregateSchema) }),
  z.object({ type: z.literal('finished'), status: EvaluationStatusSchema }),
]);
export type EvalEvent = z.infer<typeof EvalEventSchema>;

export const EvalChangeSchema = z.enum(['improved', 'regressed', 'unchanged']);
export type EvalChange = z.infer<typeof EvalChangeSchema>;

/** `GET /evaluations/compare?base=&candidate=`. */
export const CompareEvaluationsResponseSchema = z.object({
  scorers: z.record(
    z.string(),
    z.object({ base: z.nullable(z.number()), candidate: z.nullable(z.number()), delta: z.nullable(z.number()) }),
  ),
  rows: z.array(
    z.object({
      inputs: JsonObjectSchema,
      base: z.nullable(z.record(z.string(), EvalScoreSchema)),
      candidate: z.nullable(z.record(z.string(), EvalScoreSchema)),
      change: EvalChangeSchema,
    }),
  ),
});
export type CompareEvaluationsResponse = z.infer<typeof CompareEvaluationsResponseSchema>;

/** `GET /evaluations/:id/agreement?scorer=&label_schema=`: which scorer to hold against which human label schema. */
export const EvalAgreementQuerySchema = z.strictObject({
  scorer: z.string().check(z.minLength(1)),
  label_schema: z.string().check(z.minLength(1)),
});
export type EvalAgreementQuery = z.infer<typeof EvalAgreementQuerySchema>;

/**
 * How far a judge agrees with humans on the run's traces that both judged: Cohen's kappa (null
 * when undefined: no pairs, or both sides always gave one same value) and the confusion matrix,
 * rows = human label, columns = judge value, in the order of `labels`.
 */
export const EvalAgreementResponseSchema = z.object({
  scorer: z.string(),
  label_schema: z.string(),
  metric: z.literal('cohen_kappa'),
  kappa: z.nullable(z.number()),
  /** Share of pairs where judge and human gave the same value; null without pairs. */
  observed_agreement: z.nullable(z.number()),
  /** Rows with both a judge value and a human label. */
  items: z.number(),
  /** The values seen, as strings (`"true"`, `"false"`, `"3"`, …), in matrix order. */
  labels: z.array(z.string()),
  matrix: z.array(z.array(z.number())),
});
export type EvalAgreementResponse = z.infer<typeof EvalAgreementResponseSchema>;
