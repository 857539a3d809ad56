import * as z from 'zod/mini';
import { SearchTracesParamsSchema } from './search';
import { TraceIdSchema } from './span';
import { JsonValueSchema } from './value';

const idOf = (prefix: string) =>
  z.string().check(z.regex(new RegExp(`^${prefix}[0-9a-f]{32}$`), `must be ${prefix} followed by 32 hex digits`));
const userId = () => z.string().check(z.minLength(1), z.maxLength(256));
const schemaName = () => z.string().check(z.minLength(1), z.maxLength(256));

export const LabelingSessionIdSchema = idOf('ls-');
export const LabelingItemIdSchema = idOf('li-');

/** A label's value: a category, several categories, a number, a text, or a list of texts. */
export const LabelValueSchema = z.union([
  z.string(),
  z.number().check(z.refine(Number.isFinite, 'must be a finite number')),
  z.array(z.string()),
]);
export type LabelValue = z.infer<typeof LabelValueSchema>;

/** One reviewer's answer to one label schema. */
export const LabelAnswerSchema = z.object({ value: LabelValueSchema, comment: z.optional(z.string()) });
export type LabelAnswer = z.infer<typeof LabelAnswerSchema>;

export const LabelingItemStateSchema = z.enum(['pending', 'in_progress', 'completed', 'skipped']);
export type LabelingItemState = z.infer<typeof LabelingItemStateSchema>;

/** Where an item came from: a trace (copied into the session) or a dataset record. */
export const LabelingItemSourceSchema = z.union([
  z.object({ trace_id: TraceIdSchema }),
  z.object({ dataset_record_id: z.string().check(z.minLength(1)), dataset: z.optional(z.string()) }),
]);
export type LabelingItemSource = z.infer<typeof LabelingItemSourceSchema>;

/** One thing to label. `trace_id` is the session's own copy, so labels never touch the original. */
export const LabelingItemSchema = z.object({
  item_id: LabelingItemIdSchema,
  labeling_session_id: LabelingSessionIdSchema,
  source: LabelingItemSourceSchema,
  trace_id: TraceIdSchema,
  state: LabelingItemStateSchema,
  /** The reviewer holding the most recent live claim. */
  claimed_by: z.optional(userId()),
  claim_expires_ms: z.optional(z.number()),
  /** Every live claim (reviewer → expiry, ms); more than one only when `reviewers_per_item` > 1. */
  claims: z.optional(z.record(z.string(), z.number())),
  /** reviewer → schema name → answer. */
  labels: z.record(z.string(), z.record(z.string(), LabelAnswerSchema)),
  /** Reviewers who skipped this item. */
  skipped_by: z.optional(z.array(userId())),
  /** The gold labels an adjudicator chose where reviewers disagreed (schema name → answer). */
  adjudicated: z.optional(z.object({ by: userId(), time: z.number(), labels: z.record(z.string(), LabelAnswerSchema) })),
});
export type LabelingItem = z.infer<typeof LabelingItemSchema>;

/** A labeling session as stored, without its derived progress. */
export const LabelingSessionInfoSchema = z.object({
  labeling_session_id: LabelingSessionIdSchema,
  name: z.string().check(z.minLength(1), z.maxLength(256)),
  assigned_users: z.array(userId()),
  label_schemas: z.array(schemaName()).check(z.minLength(1)),
  reviewers_per_item: z.number().check(z.int(), z.gte(1)),
  agent: z.optional(z.string()),
  create_time: z.number(),
  created_by: userId(),
});
export type LabelingSessionInfo = z.infer<typeof LabelingSessionInfoSchema>;

/** How far a session is: items completed in all, and labels submitted per reviewer. */
export const LabelingProgressSchema = z.object({
  total: z.number(),
  completed: z.number(),
  by_user: z.record(z.string(), z.number()),
});
export type LabelingProgress = z.infer<typeof LabelingProgressSchema>;

/** A labeling session on the wire. */
export const LabelingSessionSchema = z.object({ ...LabelingSessionInfoSchema.shape, progress: LabelingProgressSchema });
export type LabelingSession = z.infer<typeof LabelingSessionSchema>;

/** `POST /labeling-sessions`. */
export const CreateLabelingSessionBodySchema = z.strictObject({
  name: LabelingSessionInfoSchema.shape.name,
  assigned_users: z.array(userId()),
  label_schemas: LabelingSessionInfoSchema.shape.label_schemas,
  /** @default 1 */
  reviewers_per_item: z.optional(z.number().check(z.int(), z.gte(1), z.lte(10))),
  /**
   * The name of a host app registered with `verdict({ apps })` (the apps evaluations run); any
   * other name is refused with 400 naming the known apps. Dataset records added to the session are
   * run through it, each in a new trace tagged as this session's labeling copy, and reviewers label
   * that answer (an app that throws still gives an item, with its ERROR trace). Without an agent a
   * record's item shows only its inputs. Items added from traces are copies either way.
   * @example { name: 'prompt-b answers', assigned_users: ['ann'], label_schemas: ['expected_facts'], agent: 'one-article-terse' }
   */
  agent: z.optional(z.string().check(z.minLength(1))),
});
export type CreateLabelingSessionBody = z.infer<typeof CreateLabelingSessionBodySchema>;

/** `GET /labeling-sessions`. */
export const ListLabelingSessionsResponseSchema = z.object({ labeling_sessions: z.array(LabelingSessionSchema) });
export type ListLabelingSessionsResponse = z.infer<typeof ListLabelingSessionsResponseSchema>;

/** `POST /labeling-sessions/:id/items`: traces by id or by a `/traces` filter, or dataset records. */
export const AddLabelingItemsBodySchema = z
  .strictObject({
    trace_ids: z.optional(z.array(TraceIdSchema).check(z.minLength(1), z.maxLength(10_000))),
    filter: z.optional(SearchTracesParamsSchema),
    dataset: z.optional(z.string().check(z.minLength(1))),
    record_ids: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
  })
  .check(
    z.refine((body) => body.trace_ids !== undefined || body.filter !== undefined || body.dataset !== undefined, {
      message: 'give trace_ids, a filter, or a dataset',
      path: ['trace_ids'],
    }),
    z.refine((body) => body.record_ids === undefined || body.dataset !== undefined, {
      message: 'record_ids needs dataset',
      path: ['record_ids'],
    }),
  );
export type AddLabelingItemsBody = z.input<typeof AddLabelingItemsBodySchema>;

/** `GET /labeling-sessions/:id/items?assignee=me&state=`. */
export const ListLabelingItemsQuerySchema = z.strictObject({
  /** `me` (the caller's queue: items they can still label) or a user id (developers only). */
  assignee: z.optional(z.string().check(z.minLength(1))),
  state: z.optional(LabelingItemStateSchema),
});
export type ListLabelingItemsQuery = z.infer<typeof ListLabelingItemsQuerySchema>;

export const LabelingItemsResponseSchema = z.object({ items: z.array(LabelingItemSchema) });
export type LabelingItemsResponse = z.infer<typeof LabelingItemsResponseSchema>;

/** `POST .../items/:item_id/labels`: one answer per schema (validated against it), or a skip. */
export const SubmitLabelsBodySchema = z.strictObject({
  labels: z.record(schemaName(), LabelValueSchema),
  comments: z.optional(z.record(schemaName(), z.string().check(z.maxLength(10_000)))),
  skip: z.optional(z.boolean()),
});
export type SubmitLabelsBody = z.infer<typeof SubmitLabelsBodySchema>;

/** `POST .../items/:item_id/adjudicate` (developers): the gold labels where reviewers disagreed. */
export const AdjudicateBodySchema = z.strictObject({ labels: z.record(schemaName(), LabelValueSchema) });
export type AdjudicateBody = z.infer<typeof AdjudicateBodySchema>;

/** `POST /labeling-sessions/:id/sync-expectations`. */
export const SyncExpectationsBodySchema = z.strictObject({ dataset: z.string().check(z.minLength(1)) });
export type SyncExpectationsBody = z.infer<typeof SyncExpectationsBodySchema>;

/** How many dataset records an upsert created and how many it merged into. */
export const UpsertCountsSchema = z.object({ inserted: z.number(), updated: z.number() });
export type UpsertCounts = z.infer<typeof UpsertCountsSchema>;

/**
 * How one reviewer's answers to one schema compare with everyone else's (answers compared as in
 * the disagreements list: texts trimmed, lists as sets, numbers exactly).
 */
export const AnnotatorAgreementSchema = z.object({
  /** Items this reviewer answered that at least one other reviewer answered too. */
  items: z.number(),
  /**
   * Over those items, the mean share of the other reviewers who gave the same answer (with two
   * reviewers: the share of items where both agreed); null when `items` is 0.
   */
  agreement_with_others: z.nullable(z.number()),
  /** Items this reviewer answered that also hold an adjudicated (gold) label; absent when none. */
  gold_items: z.optional(z.number()),
  /**
   * The share of those answers equal to the gold label; absent when none. Gold labels are mostly
   * set where reviewers disagreed, so this reads lower than accuracy on all items would.
   */
  agreement_with_gold: z.optional(z.number()),
});
export type AnnotatorAgreement = z.infer<typeof AnnotatorAgreementSchema>;

/** `GET /labeling-sessions/:id/agreement`. */
export const AgreementResponseSchema = z.object({
  schemas: z.record(
    z.string(),
    z.object({
      metric: z.enum(['cohen_kappa', 'krippendorff_alpha', 'exact_match']),
      /** null when it is undefined (fewer than two reviewers on any item, or no variance). */
      value: z.nullable(z.number()),
      items: z.number(),
      /** Per reviewer who answered this schema anywhere in the session: see {@link AnnotatorAgreementSchema}. */
      by_user: z.record(z.string(), AnnotatorAgreementSchema),
    }),
  ),
  disagreements: z.array(
    z.object({ item_id: LabelingItemIdSchema, schema: z.string(), values: z.record(z.string(), JsonValueSchema) }),
  ),
});
export type AgreementResponse = z.infer<typeof AgreementResponseSchema>;
