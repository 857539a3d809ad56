import type { DocumentCollection, Store } from '@verdict/core';
import type { RedactHook } from './redact-hook';
import { redactEach, walkAssessment, walkDataset, walkEvalRun, walkLabelingSession, walkTrace } from './redact-records';
import type { FieldVisitor } from './redact-records';

type Walk<T> = (visit: FieldVisitor, document: T) => T;

// Each redactable field of a stored document, as JSON, by location.
function fingerprint<T>(walk: Walk<T>, document: T): Map<string, string> {
  const seen = new Map<string, string>();
  walk((value, _kind, _path, loc) => {
    seen.set(loc, JSON.stringify(value));
    return value;
  }, document);
  return seen;
}

function redactingCollection<T>(inner: DocumentCollection<T>, walk: Walk<T>, redact: RedactHook): DocumentCollection<T> {
  const each = redactEach(redact);
  return {
    list: () => inner.list(),
    get: (key) => inner.get(key),
    create: (key, document) => inner.create(key, walk(each, document)),
    // Only fields that are new or changed go through the hook: the stored ones are redacted
    // already, and a hook that is not idempotent (hashing, wrapping) must not run on them twice.
    // Inside `mutate`, so the collection's one-update-at-a-time guarantee holds and a hook that
    // throws aborts the update with nothing written.
    update: (key, mutate) =>
      inner.update(key, (current) => {
        // Taken before `mutate`, which may change `current` in place.
        const before = fingerprint(walk, current);
        return walk((value, kind, path, loc, traceId) => (before.get(loc) === JSON.stringify(value) ? value : each(value, kind, path, loc, traceId)), mutate(current));
      }),
    delete: (key) => inner.delete(key),
  };
}

/**
 * Wraps a store so every write passes through `redact` first: traces (previews and span inputs,
 * outputs, attributes, events, status messages), assessments (values, rationales, errors),
 * labeling sessions (labels and comments), datasets (record inputs and expectations) and eval
 * runs (rows, rationales, errors). A document update redacts only the fields it adds or changes.
 * Reads go straight to the store. `verdict({ redact })` wraps its store this way once, so every
 * route and service writes through it.
 * @example const store = redactingStore(await jsonStore({ dir }), redactPatterns())
 */
export function redactingStore(store: Store, redact: RedactHook): Store {
  const { traces, assessments } = store;
  const each = redactEach(redact);
  const wrapped: Store = {
    traces: {
      put: async (trace) => traces.put(walkTrace(each, trace)),
      get: (traceId) => traces.get(traceId),
      search: (params) => traces.search(params),
      // Optional in practice (the summary route checks for it), so only bound when present.
      summary: typeof traces.summary === 'function' ? (params) => traces.summary(params) : (undefined as unknown as Store['traces']['summary']),
    },
    assessments: {
      create: async (assessment) => assessments.create(walkAssessment(each, assessment)),
      get: (traceId, assessmentId) => assessments.get(traceId, assessmentId),
      delete: (traceId, assessmentId) => assessments.delete(traceId, assessmentId),
    },
    // Label schemas are written by developers and hold no end-user content.
    labelSchemas: store.labelSchemas,
    labelingSessions: redactingCollection(store.labelingSessions, walkLabelingSession, redact),
    datasets: redactingCollection(store.datasets, walkDataset, redact),
    evalRuns: redactingCollection(store.evalRuns, walkEvalRun, redact),
  };
  if (typeof store.close === 'function') wrapped.close = () => store.close!();
  return wrapped;
}
