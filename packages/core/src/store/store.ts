import type { Assessment } from '../schemas/assessment';
import type { SearchTracesParams, SearchTracesResponse } from '../schemas/search';
import type { Trace } from '../schemas/trace';
import type { DatasetInfo, DatasetRecord } from '../schemas/dataset';
import type { EvalRun } from '../schemas/evaluation';
import type { LabelSchema } from '../schemas/label-schema';
import type { LabelingItem, LabelingSessionInfo } from '../schemas/labeling-session';
import type { FeedbackSummary, FeedbackSummaryQuery } from '../schemas/feedback-summary';

/** Where traces live. */
export interface TraceStore {
  /**
   * Creates or replaces a trace's info and spans. Assessments are never written through here:
   * `trace.info.assessments` is ignored and the stored ones are kept.
   */
  put(trace: Trace): Promise<void>;
  /** The trace with its spans and every assessment (valid and overridden), or null. */
  get(traceId: string): Promise<Trace | null>;
  /** One page of trace infos (with assessments), filtered and ordered as `params` say. */
  search(params?: SearchTracesParams): Promise<SearchTracesResponse>;
  /**
   * Feedback figures of the traces in a time window, overall and per time bucket, as core's
   * `summarizeFeedback` defines them (`GET /feedback/summary`). `INVALID_ARGUMENT` on bad params.
   */
  summary(params?: FeedbackSummaryQuery): Promise<FeedbackSummary>;
}

/** Where assessments (feedback and expectations) live. */
export interface AssessmentStore {
  /**
   * Stores a new assessment. Throws `NOT_FOUND` when its trace (or the assessment it `overrides`)
   * does not exist, `CONFLICT` when the assessment it `overrides` is already overridden (two racing
   * overrides: one wins). When `overrides` is set, the overridden assessment becomes `valid: false`
   * in the same write.
   */
  create(assessment: Assessment): Promise<Assessment>;
  /** One assessment, or null. */
  get(traceId: string, assessmentId: string): Promise<Assessment | null>;
  /**
   * Deletes an assessment (`NOT_FOUND` if absent). Deleting the valid override makes the assessment
   * it overrode valid again, as MLflow does.
   */
  delete(traceId: string, assessmentId: string): Promise<void>;
}

/**
 * Small documents kept whole under a key (label schemas, labeling sessions, datasets, eval runs).
 * The store only persists them; rules (validation, merging, claims) live in the services above it,
 * which change a document through `update` so concurrent changes to one document never lose each other.
 */
export interface DocumentCollection<T> {
  /** Every document, in creation order. */
  list(): Promise<T[]>;
  /** One document, or null. */
  get(key: string): Promise<T | null>;
  /** Stores a new document; `CONFLICT` when the key is taken. */
  create(key: string, document: T): Promise<T>;
  /**
   * Atomically replaces a document with `mutate(current)` (`NOT_FOUND` if absent). Updates of one
   * key run one after another, each seeing the previous result; if `mutate` throws, nothing is
   * written and the error is rethrown.
   */
  update(key: string, mutate: (current: T) => T): Promise<T>;
  /** Removes a document (`NOT_FOUND` if absent). */
  delete(key: string): Promise<void>;
}

/** A labeling session and its items, stored as one document (sessions hold hundreds to thousands of items). */
export interface StoredLabelingSession {
  session: LabelingSessionInfo;
  items: LabelingItem[];
}

/** A dataset and its records, stored as one document. */
export interface StoredDataset {
  dataset: DatasetInfo;
  records: DatasetRecord[];
}

/**
 * A Verdict store, split by concern. Every implementation passes `describeStoreConformance`
 * from `@verdict/core/testing`.
 */
export interface Store {
  readonly traces: TraceStore;
  readonly assessments: AssessmentStore;
  /** Label schemas by name (built-ins are added by the service, not stored). */
  readonly labelSchemas: DocumentCollection<LabelSchema>;
  /** Labeling sessions with their items, by `labeling_session_id`. */
  readonly labelingSessions: DocumentCollection<StoredLabelingSession>;
  /** Datasets with their records, by dataset name. */
  readonly datasets: DocumentCollection<StoredDataset>;
  /** Evaluation runs, by `evaluation_id`. */
  readonly evalRuns: DocumentCollection<EvalRun>;
  /** Releases files, locks and timers. Safe to call twice. */
  close?(): Promise<void>;
}
