import type { Assessment } from '../schemas/assessment';
import type { SearchTracesParams, SearchTracesResponse } from '../schemas/search';
import type { Trace } from '../schemas/trace';

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
 * A Verdict store, split by concern. Every implementation passes `describeStoreConformance`
 * from `@verdict/core/testing`. Further concerns (label schemas, labeling sessions, datasets,
 * eval runs) join this interface with the issues that need them.
 */
export interface Store {
  readonly traces: TraceStore;
  readonly assessments: AssessmentStore;
  /** Releases files, locks and timers. Safe to call twice. */
  close?(): Promise<void>;
}
