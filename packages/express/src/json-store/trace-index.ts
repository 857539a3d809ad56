import { VerdictError } from '@verdict/core';
import type { Assessment, TraceInfo } from '@verdict/core';
import type { SegmentFile } from './segment-file';
import { SharedValues } from './shared-values';
import { TraceOrder } from './trace-order';

/** Where a trace's spans are: one framed data line. Replaced, never mutated, so compaction can tell if it moved. */
export interface Location {
  readonly segment: SegmentFile;
  readonly offset: number;
  readonly length: number;
}

/** What memory holds per trace: its info (with assessments, ready for search) and where its spans are. */
export interface TraceEntry {
  /** Served by search as is (then cloned); `assessments` is kept sorted by create_time. */
  info: TraceInfo;
  data: Location;
  /** Bytes of the data and put lines of the current version. */
  bytes: number;
  /** Set while the current version is queued but not yet on disk. */
  durable: Promise<void> | undefined;
}

/**
 * `list` without the assessment `assessmentId`, as an array of exactly its length: `filter`,
 * `push` and `splice` leave room for ~16 more elements, which at one vote per trace is most of
 * the list's memory (~130 bytes a trace).
 */
function without(list: readonly Assessment[], assessmentId: string): Assessment[] {
  const at = list.findIndex((existing) => existing.assessment_id === assessmentId);
  return at === -1 ? list.slice() : list.slice(0, at).concat(list.slice(at + 1));
}

function notFound(what: string): VerdictError {
  return new VerdictError('NOT_FOUND', `${what} not found`);
}

/**
 * The in-memory index of a json store: every trace's info and assessments, and where its spans
 * are on disk. Live writes go through the checking methods; replaying the log at open goes
 * through the `apply*` ones too, which apply records as facts (a compacted snapshot may repeat
 * records that follow it, so re-applying one must be harmless).
 */
export class TraceIndex {
  readonly entries = new Map<string, TraceEntry>();
  /** The same entries in search order. */
  readonly order = new TraceOrder<TraceEntry>();
  /** Bytes the current state would take if rewritten: the compaction trigger compares against it. */
  liveBytes = 0;
  readonly #assessmentBytes = new Map<string, number>();
  readonly #shared = new SharedValues();

  putTrace(info: TraceInfo, data: Location, bytes: number): TraceEntry {
    const existing = this.entries.get(info.trace_id);
    // Assessments are only ever written through `assessments`, so a new version keeps them.
    const entry: TraceEntry = {
      info: {
        ...info,
        tags: this.#shared.map(info.tags),
        trace_metadata: this.#shared.map(info.trace_metadata),
        assessments: existing?.info.assessments ?? [],
      },
      data,
      bytes,
      durable: undefined,
    };
    this.liveBytes += bytes - (existing?.bytes ?? 0);
    this.entries.set(info.trace_id, entry);
    if (existing !== undefined) this.order.remove(existing.info);
    this.order.insert(entry);
    return entry;
  }

  /**
   * Checks a new assessment against the current state, like `memoryStore`: unknown trace or
   * override target → NOT_FOUND; duplicate id or already-overridden target → CONFLICT.
   */
  checkCreate(assessment: Assessment): void {
    const entry = this.entries.get(assessment.trace_id);
    if (entry === undefined) throw notFound(`trace ${assessment.trace_id}`);
    if (this.#find(entry, assessment.assessment_id) !== undefined) {
      throw new VerdictError('CONFLICT', `assessment ${assessment.assessment_id} already exists`);
    }
    if (assessment.overrides === undefined) return;
    const overridden = this.#find(entry, assessment.overrides);
    if (overridden === undefined) throw notFound(`assessment ${assessment.overrides} (to override)`);
    if (!overridden.valid) {
      throw new VerdictError('CONFLICT', `assessment ${overridden.assessment_id} is already overridden; override the valid one`);
    }
  }

  /** Checks a delete and returns the assessment it would make valid again, if any. */
  checkDelete(traceId: string, assessmentId: string): { restores: string | undefined } {
    const entry = this.entries.get(traceId);
    const assessment = entry === undefined ? undefined : this.#find(entry, assessmentId);
    if (entry === undefined || assessment === undefined) throw notFound(`assessment ${assessmentId} of trace ${traceId}`);
    // Only a valid assessment can be overridden, so the one this overrode has no other override.
    const restores = assessment.valid && assessment.overrides !== undefined ? assessment.overrides : undefined;
    return { restores };
  }

  /** Stores `assessment` (replacing one with its id) and marks `invalidates` overridden. */
  applyCreate(assessment: Assessment, invalidates: string | undefined, bytes: number): void {
    const entry = this.entries.get(assessment.trace_id);
    if (entry === undefined) throw new Error(`assessment ${assessment.assessment_id} names trace ${assessment.trace_id}, which no earlier record holds`);
    // Equal strings, shared: the trace's own id and one copy per distinct name (the object is this store's own parsed copy).
    assessment.trace_id = entry.info.trace_id;
    assessment.assessment_name = this.#shared.string(assessment.assessment_name);
    const { source_type, source_id } = assessment.source;
    assessment.source = this.#shared.object(`source ${source_type} ${source_id}`, { source_type, source_id: this.#shared.string(source_id) });
    // Votes are mostly true/false: one shared `{ value: true }` instead of one per vote.
    const feedback = assessment.feedback;
    if (feedback !== undefined && typeof feedback.value === 'boolean' && feedback.error === undefined && Object.keys(feedback).length === 1) {
      assessment.feedback = this.#shared.object(`feedback ${feedback.value}`, { value: feedback.value });
    }
    if (assessment.metadata !== undefined) assessment.metadata = this.#shared.map(assessment.metadata);
    const others = without(entry.info.assessments, assessment.assessment_id);
    // After the last one created at or before it: equal times keep write order, as memoryStore does.
    let at = others.length;
    while (at > 0 && others[at - 1]!.create_time > assessment.create_time) at -= 1;
    const list = others.slice(0, at).concat([assessment], others.slice(at));
    if (invalidates !== undefined) this.#setValid(list, invalidates, false);
    entry.info.assessments = list;
    this.liveBytes += bytes - (this.#assessmentBytes.get(assessment.assessment_id) ?? 0);
    this.#assessmentBytes.set(assessment.assessment_id, bytes);
  }

  /** Removes an assessment if present and makes `restores` valid again. */
  applyDelete(traceId: string, assessmentId: string, restores: string | undefined): void {
    const entry = this.entries.get(traceId);
    if (entry === undefined) return;
    const list = without(entry.info.assessments, assessmentId);
    if (restores !== undefined) this.#setValid(list, restores, true);
    entry.info.assessments = list;
    this.liveBytes -= this.#assessmentBytes.get(assessmentId) ?? 0;
    this.#assessmentBytes.delete(assessmentId);
  }

  /** One stored assessment, or undefined. */
  findAssessment(traceId: string, assessmentId: string): Assessment | undefined {
    const entry = this.entries.get(traceId);
    return entry === undefined ? undefined : this.#find(entry, assessmentId);
  }

  #find(entry: TraceEntry, assessmentId: string): Assessment | undefined {
    return entry.info.assessments.find((assessment) => assessment.assessment_id === assessmentId);
  }

  #setValid(list: Assessment[], assessmentId: string, valid: boolean): void {
    const index = list.findIndex((assessment) => assessment.assessment_id === assessmentId);
    const target = list[index];
    // A new object rather than a mutation: a search result being cloned elsewhere never sees half a change.
    if (target !== undefined) list[index] = { ...target, valid };
  }
}
