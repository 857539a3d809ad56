import { VerdictError } from '../errors';
import { AssessmentSchema } from '../schemas/assessment';
import type { Assessment } from '../schemas/assessment';
import { SearchTracesParamsSchema } from '../schemas/search';
import { TraceSchema } from '../schemas/trace';
import type { Trace, TraceInfo } from '../schemas/trace';
import { parseOrThrow } from '../validate';
import { searchTraceInfos } from './search-trace-infos';
import { FeedbackSummaryQuerySchema } from '../schemas/feedback-summary';
import { summarizeFeedback } from './summarize-feedback';
import { memoryCollection } from './memory-collection';
import type { Store } from './store';

interface Entry {
  /** The trace as put, with `info.assessments` always empty: assessments live beside it. */
  trace: Trace;
  assessments: Map<string, Assessment>;
}

function sortedAssessments(entry: Entry): Assessment[] {
  // Array#sort is stable, so equal create_times keep insertion (Map) order.
  return [...entry.assessments.values()].sort((a, b) => a.create_time - b.create_time);
}

function infoOf(entry: Entry): TraceInfo {
  return { ...entry.trace.info, assessments: sortedAssessments(entry) };
}

function notFound(what: string): VerdictError {
  return new VerdictError('NOT_FOUND', `${what} not found`);
}

/**
 * A store that keeps everything in memory, for tests, stories and demos. Every method finishes
 * its reads and writes without awaiting in between, so concurrent calls cannot interleave, and
 * everything going in or out is copied, so callers never share objects with the store.
 * @example
 * const store = memoryStore();
 * await store.traces.put(trace);
 * const { traces } = await store.traces.search({ tags: { env: 'prod' } });
 */
export function memoryStore(): Store {
  const entries = new Map<string, Entry>();

  return {
    traces: {
      async put(input) {
        // zod's parse builds new objects all the way down, so the result already shares nothing with the caller.
        const trace = parseOrThrow(TraceSchema, input, 'trace');
        trace.info.assessments = [];
        const existing = entries.get(trace.info.trace_id);
        // Replacing a trace keeps its assessments: they are only ever written through `assessments`.
        entries.set(trace.info.trace_id, { trace, assessments: existing?.assessments ?? new Map() });
      },

      async get(traceId) {
        const entry = entries.get(traceId);
        if (entry === undefined) return null;
        return structuredClone({ info: infoOf(entry), data: entry.trace.data });
      },

      async search(params) {
        const parsed = parseOrThrow(SearchTracesParamsSchema, params ?? {}, 'search params');
        const infos = [...entries.values()].map(infoOf);
        return structuredClone(searchTraceInfos(infos, parsed));
      },

      async summary(params) {
        const query = parseOrThrow(FeedbackSummaryQuerySchema, params ?? {}, 'summary params');
        // Reads the stored assessments in place: nothing escapes but the computed figures.
        const infos = (function* () {
          for (const entry of entries.values()) yield { ...entry.trace.info, assessments: [...entry.assessments.values()] };
        })();
        return summarizeFeedback(infos, query);
      },
    },

    assessments: {
      async create(input) {
        const assessment = parseOrThrow(AssessmentSchema, input, 'assessment');
        const entry = entries.get(assessment.trace_id);
        if (entry === undefined) throw notFound(`trace ${assessment.trace_id}`);
        if (entry.assessments.has(assessment.assessment_id)) {
          throw new VerdictError('CONFLICT', `assessment ${assessment.assessment_id} already exists`);
        }
        const overridden = assessment.overrides === undefined ? undefined : entry.assessments.get(assessment.overrides);
        if (assessment.overrides !== undefined && overridden === undefined) {
          throw notFound(`assessment ${assessment.overrides} (to override)`);
        }
        // Checked in the same step as the write, so two racing overrides cannot both win.
        if (overridden !== undefined && !overridden.valid) {
          throw new VerdictError('CONFLICT', `assessment ${overridden.assessment_id} is already overridden; override the valid one`);
        }
        // Every check is done before the first write, so a refused create changes nothing.
        if (overridden !== undefined) overridden.valid = false;
        entry.assessments.set(assessment.assessment_id, assessment);
        return structuredClone(assessment);
      },

      async get(traceId, assessmentId) {
        const assessment = entries.get(traceId)?.assessments.get(assessmentId);
        return assessment === undefined ? null : structuredClone(assessment);
      },

      async delete(traceId, assessmentId) {
        const entry = entries.get(traceId);
        const assessment = entry?.assessments.get(assessmentId);
        if (entry === undefined || assessment === undefined) throw notFound(`assessment ${assessmentId} of trace ${traceId}`);
        entry.assessments.delete(assessmentId);
        const overridden = assessment.overrides === undefined ? undefined : entry.assessments.get(assessment.overrides);
        // Only a valid assessment can be overridden, so the one this overrode has no other override.
        if (overridden !== undefined && assessment.valid) overridden.valid = true;
      },
    },

    labelSchemas: memoryCollection('label schema'),
    labelingSessions: memoryCollection('labeling session'),
    datasets: memoryCollection('dataset'),
    evalRuns: memoryCollection('evaluation'),

    async close() {
      // Nothing to release; the data stays readable so a test can inspect it after closing.
    },
  };
}
