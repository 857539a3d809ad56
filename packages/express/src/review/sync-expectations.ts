import { answerKey } from '@verdict/core';
import type { AssessmentValue, DatasetRecordInput, LabelSchema, LabelValue, LabelingItem, StoredLabelingSession, Trace, UpsertCounts, VerdictUser } from '@verdict/core';
import type { DatasetService } from './dataset-service';
import { inputsOfTrace } from './trace-copy';

/**
 * The expectations an item settles: per expectation schema, the adjudicated gold label if there is
 * one, else the reviewers' answer when they all agree (one reviewer always does). Disagreements
 * nobody adjudicated are left out until someone does.
 * @example expectationsOfItem(item, schemas) // { expected_facts: ['Paris is in France'] }
 */
export function expectationsOfItem(item: LabelingItem, schemas: readonly LabelSchema[]): Record<string, LabelValue> {
  const expectations: Record<string, LabelValue> = {};
  for (const schema of schemas) {
    if (schema.type !== 'expectation') continue;
    const gold = item.adjudicated?.labels[schema.name];
    if (gold !== undefined) {
      expectations[schema.name] = gold.value;
      continue;
    }
    const answers = Object.values(item.labels)
      .map((labels) => labels[schema.name]?.value)
      .filter((value): value is LabelValue => value !== undefined);
    const [first] = answers;
    if (first !== undefined && new Set(answers.map(answerKey)).size === 1) expectations[schema.name] = first;
  }
  return expectations;
}

/** What syncing needs besides the session. */
export interface SyncDeps {
  datasets: DatasetService;
  getTrace(traceId: string): Promise<Trace | null>;
}

/**
 * Upserts every completed (or adjudicated) item's expectations into `dataset`, keyed by the item's
 * inputs: the source trace's root span inputs (read from the session's copy, which has the same
 * spans), or the dataset record's inputs. A trace item's record is sourced `{ trace }`, a
 * record item's `{ human }` (the adjudicator, else the first reviewer). `NOT_FOUND` when the dataset
 * does not exist, before anything is written.
 * @example await syncSessionExpectations(stored, schemas, 'golden', user, { datasets, getTrace })
 */
export async function syncSessionExpectations(
  stored: StoredLabelingSession,
  schemas: readonly LabelSchema[],
  dataset: string,
  user: VerdictUser,
  deps: SyncDeps,
): Promise<UpsertCounts> {
  await deps.datasets.get(dataset);
  const records: DatasetRecordInput[] = [];
  for (const item of stored.items) {
    const completed = Object.keys(item.labels).length >= stored.session.reviewers_per_item;
    if (!completed && item.adjudicated === undefined) continue;
    const expectations = expectationsOfItem(item, schemas);
    if (Object.keys(expectations).length === 0) continue;
    const copy = await deps.getTrace(item.trace_id);
    if (copy === null) continue;
    const reviewer = item.adjudicated?.by ?? Object.keys(item.labels)[0] ?? user.id;
    records.push({
      inputs: inputsOfTrace(copy),
      expectations: expectations as Record<string, AssessmentValue>,
      source: 'trace_id' in item.source ? { trace: { trace_id: item.source.trace_id } } : { human: { user_name: reviewer } },
    });
  }
  if (records.length === 0) return { inserted: 0, updated: 0 };
  return deps.datasets.upsertRecords(dataset, records, user.id);
}
