import type { ParsedSearchTracesParams } from '../schemas/search';
import type { TraceInfo } from '../schemas/trace';

/**
 * The tag every labeling copy carries (a trace copied into a labeling session, or made from a
 * dataset record for one). Copies are labeling work, not app traffic: `traces.search` skips them
 * unless the params name this tag, and `traces.summary` never counts them.
 * @example await store.traces.search({ tags: { [LABELING_COPY_TAG]: 'true' } }) // only the copies
 */
export const LABELING_COPY_TAG = 'verdict.labeling_copy';

/**
 * True when `info` is a labeling copy: it carries {@link LABELING_COPY_TAG}, whatever its value.
 * @example isLabelingCopy({ tags: { 'verdict.labeling_copy': 'true' } }) // true
 */
export function isLabelingCopy(info: Pick<TraceInfo, 'tags'>): boolean {
  return Object.hasOwn(info.tags, LABELING_COPY_TAG);
}

/**
 * True when a search asks about copies itself (its `tags` name {@link LABELING_COPY_TAG}); the
 * tag then filters like any other, otherwise copies are left out.
 * @example wantsLabelingCopies({ tags: { 'verdict.labeling_copy': 'true' } } as ParsedSearchTracesParams) // true
 */
export function wantsLabelingCopies(params: Pick<ParsedSearchTracesParams, 'tags'>): boolean {
  return params.tags !== undefined && Object.hasOwn(params.tags, LABELING_COPY_TAG);
}
