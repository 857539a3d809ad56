import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { DocumentCollection, Store } from '@verdict/core';

/** What one kind of object did during a migration. */
export interface KindCount {
  copied: number;
  /** Already in the destination (a resumed or repeated run). */
  present: number;
}

/** Counts per kind. */
export type MigrationCounts = Record<'traces' | 'assessments' | 'labelSchemas' | 'labelingSessions' | 'datasets' | 'evalRuns', KindCount>;

/** Options of {@link migrateStore}. */
export interface MigrateOptions {
  /** Where progress is kept between runs: an interrupted migration resumes after the last page copied. */
  stateFile?: string;
  /** Called after every trace with the counts so far. */
  onProgress?: (counts: MigrationCounts) => void;
  /** Traces per source page. @default 100 */
  pageSize?: number;
}

interface State {
  version: 1;
  page_token?: string;
  counts: MigrationCounts;
}

const emptyCounts = (): MigrationCounts => ({
  traces: { copied: 0, present: 0 },
  assessments: { copied: 0, present: 0 },
  labelSchemas: { copied: 0, present: 0 },
  labelingSessions: { copied: 0, present: 0 },
  datasets: { copied: 0, present: 0 },
  evalRuns: { copied: 0, present: 0 },
});

async function loadState(file: string | undefined): Promise<State> {
  if (file === undefined) return { version: 1, counts: emptyCounts() };
  try {
    return JSON.parse(await readFile(file, 'utf8')) as State;
  } catch {
    return { version: 1, counts: emptyCounts() };
  }
}

async function saveState(file: string | undefined, state: State): Promise<void> {
  if (file === undefined) return;
  await writeFile(`${file}.tmp`, JSON.stringify(state), { flush: true });
  await rename(`${file}.tmp`, file);
}

// The key each collection files its documents under (see the Store interface).
const COLLECTIONS = {
  labelSchemas: (document: unknown) => (document as { name: string }).name,
  labelingSessions: (document: unknown) => (document as { session: { labeling_session_id: string } }).session.labeling_session_id,
  datasets: (document: unknown) => (document as { dataset: { name: string } }).dataset.name,
  evalRuns: (document: unknown) => (document as { evaluation_id: string }).evaluation_id,
} as const;

/**
 * Copies every trace (with its spans), every assessment (ids, times and overrides kept; created in
 * their original order so overrides land after what they override) and every label schema,
 * labeling session, dataset and eval run from one store to another. Idempotent: what the
 * destination already holds is counted as `present` and left alone; resumable: with `stateFile`,
 * a rerun continues after the last source page fully copied.
 * @example const counts = await migrateStore(await jsonStore({ dir }), await mlflowStore({ trackingUri, experimentName }), { stateFile: '.verdict-migrate.json' });
 */
export async function migrateStore(from: Store, to: Store, options: MigrateOptions = {}): Promise<MigrationCounts> {
  const state = await loadState(options.stateFile);
  const { counts } = state;
  let page_token = state.page_token;
  do {
    const page = await from.traces.search({ order_by: 'request_time ASC', max_results: options.pageSize ?? 100, ...(page_token === undefined ? {} : { page_token }) });
    for (const info of page.traces) {
      const trace = await from.traces.get(info.trace_id);
      if (trace === null) continue;
      const existing = await to.traces.get(trace.info.trace_id);
      if (existing === null) {
        await to.traces.put({ ...trace, info: { ...trace.info, assessments: [] } });
        counts.traces.copied += 1;
      } else counts.traces.present += 1;
      const have = new Set((existing?.info.assessments ?? []).map((assessment) => assessment.assessment_id));
      for (const assessment of trace.info.assessments) {
        if (have.has(assessment.assessment_id)) {
          counts.assessments.present += 1;
          continue;
        }
        // Created valid; the override that follows marks it invalid again, as it was.
        await to.assessments.create({ ...assessment, valid: true });
        counts.assessments.copied += 1;
      }
      options.onProgress?.(counts);
    }
    page_token = page.next_page_token;
    await saveState(options.stateFile, { version: 1, ...(page_token === undefined ? {} : { page_token }), counts });
  } while (page_token !== undefined);

  for (const [name, keyOf] of Object.entries(COLLECTIONS) as Array<[keyof typeof COLLECTIONS, (document: unknown) => string]>) {
    const source = from[name] as DocumentCollection<unknown>;
    const target = to[name] as DocumentCollection<unknown>;
    for (const document of await source.list()) {
      const key = keyOf(document);
      if ((await target.get(key)) !== null) counts[name].present += 1;
      else {
        await target.create(key, document);
        counts[name].copied += 1;
      }
    }
  }
  // Done: a later run starts over (and finds everything present).
  if (options.stateFile !== undefined) await rm(options.stateFile, { force: true });
  return counts;
}
