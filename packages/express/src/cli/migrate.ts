import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { LABELING_COPY_TAG } from '@verdict/core';
import type { DocumentCollection, SearchTracesParams, Store } from '@verdict/core';

/** What one kind of object did during a migration. */
export interface KindCount {
  copied: number;
  /** Already in the destination (a resumed or repeated run). */
  present: number;
}

/** Counts per kind. */
export type MigrationCounts = Record<'traces' | 'assessments' | 'labelSchemas' | 'labelingSessions' | 'datasets' | 'evalRuns', KindCount>;

/** How many of each kind the source holds (found before copying starts). */
export type MigrationTotals = Record<keyof MigrationCounts, number>;

/** Options of {@link migrateStore}. */
export interface MigrateOptions {
  /** Where progress is kept between runs: an interrupted migration resumes after the last page copied. */
  stateFile?: string;
  /**
   * Called once the totals are known, then after every trace and every document, with the counts
   * so far and how many of each kind the source holds (`copied + present` reaches the total).
   */
  onProgress?: (counts: MigrationCounts, totals: MigrationTotals) => void;
  /** Traces per source page. @default 100 */
  pageSize?: number;
}

interface State {
  version: 1;
  /** Absent while app traffic is copied; `copies` once the labeling copies' pass has begun. */
  pass?: 'copies';
  page_token?: string;
  counts: MigrationCounts;
}

/** Counts of a migration that has copied nothing yet. */
export const emptyCounts = (): MigrationCounts => ({
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

// A plain search leaves labeling copies out (they are not app traffic), so they get a pass of their own.
const PASSES: Array<Pick<SearchTracesParams, 'tags'>> = [{}, { tags: { [LABELING_COPY_TAG]: 'true' } }];

// The key each collection files its documents under (see the Store interface).
const COLLECTIONS = {
  labelSchemas: (document: unknown) => (document as { name: string }).name,
  labelingSessions: (document: unknown) => (document as { session: { labeling_session_id: string } }).session.labeling_session_id,
  datasets: (document: unknown) => (document as { dataset: { name: string } }).dataset.name,
  evalRuns: (document: unknown) => (document as { evaluation_id: string }).evaluation_id,
} as const;

/**
 * Copies every trace (with its spans; labeling copies too, in a second pass), every assessment (ids, times and overrides kept; created in
 * their original order so overrides land after what they override) and every label schema,
 * labeling session, dataset and eval run from one store to another. Idempotent: what the
 * destination already holds is counted as `present` and left alone; resumable: with `stateFile`,
 * a rerun continues after the last source page fully copied.
 * @example const counts = await migrateStore(await jsonStore({ dir }), await mlflowStore({ trackingUri, experimentName }), { stateFile: '.verdict-migrate.json' });
 */
export async function migrateStore(from: Store, to: Store, options: MigrateOptions = {}): Promise<MigrationCounts> {
  const state = await loadState(options.stateFile);
  const { counts } = state;
  const pageSize = options.pageSize ?? 100;
  // Totals come from one pass over the source's search pages (infos carry their assessments),
  // which is cheap next to copying, and from the collections listed once here and copied below.
  const totals: MigrationTotals = { traces: 0, assessments: 0, labelSchemas: 0, labelingSessions: 0, datasets: 0, evalRuns: 0 };
  for (const pass of PASSES) {
    let scan: string | undefined;
    do {
      const page = await from.traces.search({ ...pass, order_by: 'request_time ASC', max_results: pageSize, ...(scan === undefined ? {} : { page_token: scan }) });
      totals.traces += page.traces.length;
      for (const info of page.traces) totals.assessments += info.assessments.length;
      scan = page.next_page_token;
    } while (scan !== undefined);
  }
  const documents = {} as Record<keyof typeof COLLECTIONS, unknown[]>;
  for (const name of Object.keys(COLLECTIONS) as Array<keyof typeof COLLECTIONS>) {
    documents[name] = await (from[name] as DocumentCollection<unknown>).list();
    totals[name] = documents[name].length;
  }
  const progress = () => {
    // A source written to during the run may outgrow the totals taken at its start.
    for (const kind of Object.keys(totals) as Array<keyof MigrationTotals>) totals[kind] = Math.max(totals[kind], counts[kind].copied + counts[kind].present);
    options.onProgress?.(counts, totals);
  };
  progress();

  let page_token = state.page_token;
  for (let pass = state.pass === 'copies' ? 1 : 0; pass < PASSES.length; pass += 1) {
    do {
      const page = await from.traces.search({ ...PASSES[pass], order_by: 'request_time ASC', max_results: pageSize, ...(page_token === undefined ? {} : { page_token }) });
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
        progress();
      }
      page_token = page.next_page_token;
      await saveState(options.stateFile, { version: 1, ...(pass === 1 ? { pass: 'copies' as const } : {}), ...(page_token === undefined ? {} : { page_token }), counts });
    } while (page_token !== undefined);
    // Saved as begun: a run resumed from here does not walk the app traffic again.
    if (pass === 0) await saveState(options.stateFile, { version: 1, pass: 'copies', counts });
  }

  for (const [name, keyOf] of Object.entries(COLLECTIONS) as Array<[keyof typeof COLLECTIONS, (document: unknown) => string]>) {
    const target = to[name] as DocumentCollection<unknown>;
    for (const document of documents[name]) {
      const key = keyOf(document);
      if ((await target.get(key)) !== null) counts[name].present += 1;
      else {
        await target.create(key, document);
        counts[name].copied += 1;
      }
      progress();
    }
  }
  // Done: a later run starts over (and finds everything present).
  if (options.stateFile !== undefined) await rm(options.stateFile, { force: true });
  return counts;
}
