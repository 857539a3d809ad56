import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AssessmentSchema, FeedbackSummaryQuerySchema, SearchTracesParamsSchema, TraceSchema, VerdictError, parseOrThrow, summarizeFeedback } from '@verdict/core';
import type { DocumentCollection, EvalRun, LabelSchema, Store, StoredDataset, StoredLabelingSession, Trace, TraceInfo } from '@verdict/core';
import { AppendLog } from './append-log';
import { compact } from './compaction';
import { lockDir } from './dir-lock';
import { readFramed } from './frame';
import { parseJsonStoreOptions } from './json-store-options';
import type { JsonStoreOptions } from './json-store-options';
import { openDocumentCollection } from './document-collection';
import { openManifest } from './manifest';
import { frameCreate, frameDelete, framePut } from './records';
import type { DataRecord } from './records';
import { replaySegments } from './replay';
import { SegmentFile } from './segment-file';
import { listSegments } from './segment-files';
import { TraceIndex } from './trace-index';
import type { TraceEntry } from './trace-index';

/** A {@link jsonStore}: a `Store` plus its directory and an explicit compaction. */
export interface JsonStore extends Store {
  /** The absolute directory the store lives in. */
  readonly dir: string;
  /** Rewrites the log as a snapshot of the current state now (it also runs by itself in the background). */
  compact(): Promise<void>;
  /** Waits for queued writes, closes files and releases the directory lock. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The embedded store: an append-only, checksummed log of JSON lines in `dir`, with an in-memory
 * index of every trace's info and assessments, so a write costs one append (shared `fdatasync`)
 * however many traces are stored, and searches never read span bodies. A write resolves only
 * once it is on disk. One process owns the directory; opening it from another is refused. See
 * the README beside this file for the layout and its guarantees.
 * @example
 * import { jsonStore } from '@verdict/express/json-store';
 * const store = await jsonStore({ dir: process.env.VERDICT_DATA_DIR ?? '.verdict-data' });
 * app.use('/api', verdict({ store }).router);
 * process.on('SIGTERM', () => void store.close());
 */
export async function jsonStore(options: JsonStoreOptions): Promise<JsonStore> {
  const parsed = parseJsonStoreOptions(options);
  const dir = resolve(parsed.dir);
  const warn = parsed.onWarning ?? ((message: string) => console.warn(message));
  await mkdir(dir, { recursive: true });
  const lock = await lockDir(dir);
  let log: AppendLog;
  let manifest: Awaited<ReturnType<typeof openManifest>>;
  let labelSchemas: DocumentCollection<LabelSchema>;
  let labelingSessions: DocumentCollection<StoredLabelingSession>;
  let datasets: DocumentCollection<StoredDataset>;
  let evalRuns: DocumentCollection<EvalRun>;
  const index = new TraceIndex();
  try {
    manifest = await openManifest(dir);
    labelSchemas = await openDocumentCollection(dir, 'label-schemas', 'label schema');
    labelingSessions = await openDocumentCollection(dir, 'labeling-sessions', 'labeling session');
    datasets = await openDocumentCollection(dir, 'datasets', 'dataset');
    evalRuns = await openDocumentCollection(dir, 'eval-runs', 'evaluation');
    const segments = await replaySegments(await listSegments(dir), dir, index, warn);
    // Appends continue in the last segment (its torn tail already cut off), or start the first one.
    const active = segments.pop() ?? new SegmentFile(dir, 1, 1);
    log = new AppendLog(segments, active, parsed.segmentBytes);
  } catch (error) {
    await lock.release();
    throw error;
  }

  let closed = false;
  let compacting: Promise<void> | undefined;

  function assertOpen(): void {
    if (closed) throw new VerdictError('UNAVAILABLE', `json store ${dir} is closed`);
  }

  function runCompaction(): Promise<void> {
    compacting ??= (async () => {
      try {
        await compact(log, index);
        await manifest.update((data) => {
          data.compactions += 1;
          data.last_compaction_time = Date.now();
        });
      } finally {
        compacting = undefined;
      }
    })();
    return compacting;
  }

  function maybeCompact(): void {
    if (closed || compacting !== undefined) return;
    const garbage = log.totalBytes - index.liveBytes;
    if (garbage > parsed.compactAfterBytes && garbage > index.liveBytes) {
      runCompaction().catch((error: unknown) => warn(`json store ${dir}: background compaction failed: ${String(error)}`));
    }
  }

  /** Waits until `traceId`'s current version is on disk and returns its entry. */
  async function settled(traceId: string): Promise<TraceEntry | undefined> {
    for (;;) {
      const entry = index.entries.get(traceId);
      if (entry?.durable === undefined) return entry;
      await entry.durable;
    }
  }

  async function readSpans(traceId: string, entry: TraceEntry): Promise<{ info: TraceInfo; spans: DataRecord['spans'] }> {
    const { info, data } = entry;
    try {
      const record = readFramed(await data.segment.read(data.offset, data.length)) as DataRecord;
      return { info, spans: record.spans };
    } catch (error) {
      // A compaction may have moved the spans while this read was under way: read them where they are now.
      const current = await settled(traceId);
      if (current === undefined || current.data === data) throw error;
      return readSpans(traceId, current);
    }
  }

  return {
    dir,

    traces: {
      async put(input) {
        assertOpen();
        const trace = parseOrThrow(TraceSchema, input, 'trace');
        const { data, both } = framePut(trace.info, trace.data.spans);
        const appended = log.append(both);
        const entry = index.putTrace(trace.info, { segment: appended.segment, offset: appended.offset, length: data.length }, both.length);
        entry.durable = appended.durable;
        try {
          await appended.durable;
        } finally {
          if (entry.durable === appended.durable) entry.durable = undefined;
        }
        maybeCompact();
      },

      async get(traceId) {
        assertOpen();
        const entry = await settled(traceId);
        if (entry === undefined) return null;
        const { info, spans } = await readSpans(traceId, entry);
        const trace: Trace = { info: structuredClone(info), data: { spans } };
        return trace;
      },

      async search(params) {
        assertOpen();
        const query = parseOrThrow(SearchTracesParamsSchema, params ?? {}, 'search params');
        return structuredClone(index.order.search(query));
      },

      async summary(params) {
        assertOpen();
        const query = parseOrThrow(FeedbackSummaryQuerySchema, params ?? {}, 'summary params');
        // One synchronous pass over the window's index rows (no await: no write can interleave);
        // the figures are new objects, so nothing of the index escapes.
        return summarizeFeedback(index.order.between(query.start_time_ms, query.end_time_ms), query);
      },
    },

    assessments: {
      async create(input) {
        assertOpen();
        const assessment = parseOrThrow(AssessmentSchema, input, 'assessment');
        // Check, append and apply with no await in between: concurrent creates cannot interleave,
        // so of two racing overrides of one assessment exactly one passes the check.
        index.checkCreate(assessment);
        const record = frameCreate(assessment, assessment.overrides);
        const { durable } = log.append(record);
        index.applyCreate(assessment, assessment.overrides, record.length);
        await durable;
        maybeCompact();
        return structuredClone(assessment);
      },

      async get(traceId, assessmentId) {
        assertOpen();
        const assessment = index.findAssessment(traceId, assessmentId);
        return assessment === undefined ? null : structuredClone(assessment);
      },

      async delete(traceId, assessmentId) {
        assertOpen();
        const { restores } = index.checkDelete(traceId, assessmentId);
        const record = frameDelete(traceId, assessmentId, restores);
        const { durable } = log.append(record);
        index.applyDelete(traceId, assessmentId, restores);
        await durable;
        maybeCompact();
      },
    },

    labelSchemas,
    labelingSessions,
    datasets,
    evalRuns,

    async compact() {
      assertOpen();
      await runCompaction();
    },

    async close() {
      if (closed) return;
      closed = true;
      await compacting?.catch(() => undefined);
      try {
        await log.close();
      } finally {
        for (const segment of [...log.sealed, log.active]) await segment.close();
        await lock.release();
      }
    },
  };
}
