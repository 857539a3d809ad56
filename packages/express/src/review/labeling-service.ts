import { LABELING_COPY_TAG, VerdictError, isLabelingCopy, newId, sessionAgreement } from '@verdict/core';
import type {
  AddLabelingItemsBody,
  AgreementResponse,
  CreateLabelingSessionBody,
  DatasetRecord,
  LabelSchema,
  LabelingItem,
  LabelingSession,
  ListLabelingItemsQuery,
  SearchTracesParams,
  SearchTracesResponse,
  Store,
  StoredLabelingSession,
  SubmitLabelsBody,
  Trace,
  UpsertCounts,
  VerdictUser,
} from '@verdict/core';
import { findApp, runAppInTrace } from '../evaluation/run-app';
import type { PredictFn } from '../evaluation/run-app';
import type { TraceWriter } from '../tracing';
import { assertSessionAccess } from './authorize';
import type { DatasetService } from './dataset-service';
import { claimItem, inQueueOf, itemForViewer, itemState, presentItem, progressOf } from './item-state';
import { checkAnswers, writeAnswers } from './label-answers';
import type { LabelSchemaService } from './label-schema-service';
import { syncSessionExpectations } from './sync-expectations';
import { COPY_METADATA, copyTraceForSession, traceFromRecord } from './trace-copy';

/** What the labeling logic needs from its `verdict()` instance. */
export interface LabelingDeps {
  store: Store;
  labelSchemas: LabelSchemaService;
  datasets: DatasetService;
  /** Reads a trace, waiting for this instance's write of it still in flight. */
  getTrace(traceId: string): Promise<Trace | null>;
  searchTraces(params: SearchTracesParams): Promise<SearchTracesResponse>;
  claimTtlMs: number;
  now?: () => number;
  /**
   * The most items one session holds; a filter matching more traces is refused, not truncated.
   * @default 10_000
   */
  maxItems?: number;
  /**
   * The host apps (`verdict({ apps })`) a session's `agent` may name, and the trace writer their
   * runs are recorded with. Without it, no session may name an agent.
   */
  agents?: AgentDeps;
}

/** What running a session's agent on dataset records needs. */
export interface AgentDeps {
  apps: Readonly<Record<string, PredictFn>>;
  writer: TraceWriter;
  /** Records run through the agent at once. @default 4 */
  concurrency?: number;
}

/** Labeling sessions and their items; every method checks the user may work in the session. */
export interface LabelingService {
  createSession(body: CreateLabelingSessionBody, user: VerdictUser): Promise<LabelingSession>;
  /** Developers see every session, reviewers those they are assigned to. */
  listSessions(user: VerdictUser): Promise<LabelingSession[]>;
  getSession(sessionId: string, user: VerdictUser): Promise<LabelingSession>;
  /**
   * Deletes the session and its items. The trace copies (and the labels on them as assessments)
   * stay in the trace store, which has no delete: they remain findable by `tag.verdict.labeling_copy`.
   */
  deleteSession(sessionId: string, user: VerdictUser): Promise<void>;
  /**
   * Copies traces (by id, or every match of a `/traces` filter: all its pages, `max_results` being
   * the page size) and dataset records into the session. A filter matching more traces than a
   * session holds (`maxItems`) is refused with INVALID_ARGUMENT naming the limit, before any copy.
   * A dataset record's item gets, in a session with an `agent`, the trace of that app run on the
   * record's inputs (tagged as a labeling copy); an app that throws still gives an item, whose
   * trace is in state ERROR so the reviewer sees the failure. Without an agent, a synthetic trace
   * holding only the inputs.
   */
  addItems(sessionId: string, body: AddLabelingItemsBody, user: VerdictUser): Promise<LabelingItem[]>;
  /** Reviewers see only their own answers on each item (see `itemForViewer`). */
  listItems(sessionId: string, query: ListLabelingItemsQuery, user: VerdictUser): Promise<LabelingItem[]>;
  claim(sessionId: string, itemId: string, user: VerdictUser): Promise<LabelingItem>;
  submit(sessionId: string, itemId: string, body: SubmitLabelsBody, user: VerdictUser): Promise<LabelingItem>;
  adjudicate(sessionId: string, itemId: string, labels: SubmitLabelsBody['labels'], user: VerdictUser): Promise<LabelingItem>;
  /** Developers only: the disagreements show every reviewer's answers. */
  agreement(sessionId: string, user: VerdictUser): Promise<AgreementResponse>;
  syncExpectations(sessionId: string, dataset: string, user: VerdictUser): Promise<UpsertCounts>;
}

// One session document holds its items; past this it is time for a second session.
const MAX_ITEMS = 10_000;

const sourceKey = (source: LabelingItem['source']): string => ('trace_id' in source ? source.trace_id : source.dataset_record_id);

/**
 * Creates the labeling logic. Every change to a session goes through one atomic
 * `labelingSessions.update`, so two reviewers claiming the same item cannot both win.
 * @example const labeling = createLabelingService({ store, labelSchemas, datasets, getTrace, searchTraces, claimTtlMs: 900_000 })
 */
export function createLabelingService(deps: LabelingDeps): LabelingService {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const maxItems = deps.maxItems ?? MAX_ITEMS;

  const present = ({ session, items }: StoredLabelingSession, at: number): LabelingSession => ({ ...session, progress: progressOf(session, items, at) });

  async function load(sessionId: string, user: VerdictUser): Promise<StoredLabelingSession> {
    const stored = await store.labelingSessions.get(sessionId);
    if (stored === null) throw new VerdictError('NOT_FOUND', `labeling session ${sessionId} not found`);
    assertSessionAccess(user, stored.session);
    return stored;
  }

  function findItem(stored: StoredLabelingSession, itemId: string): LabelingItem {
    const item = stored.items.find((candidate) => candidate.item_id === itemId);
    if (item === undefined) throw new VerdictError('NOT_FOUND', `item ${itemId} not found in labeling session ${stored.session.labeling_session_id}`);
    return item;
  }

  // Changes one item atomically; `change` sees the latest stored version. With `user`, their access
  // to the session is checked first, in the same update.
  async function updateItem(
    sessionId: string,
    itemId: string,
    change: (item: LabelingItem, stored: StoredLabelingSession) => LabelingItem,
    user?: VerdictUser,
  ): Promise<LabelingItem> {
    let changed: LabelingItem | undefined;
    const stored = await store.labelingSessions.update(sessionId, (current) => {
      if (user !== undefined) assertSessionAccess(user, current.session);
      const index = current.items.findIndex((item) => item.item_id === itemId);
      const item = current.items[index];
      if (item === undefined) throw new VerdictError('NOT_FOUND', `item ${itemId} not found in labeling session ${sessionId}`);
      changed = change(item, current);
      current.items[index] = { ...changed, state: itemState(changed, current.session.reviewers_per_item, now()) };
      return current;
    });
    // The stored version, not `changed`: the store may have redacted it (verdict({ redact })).
    const saved = stored.items.find((item) => item.item_id === itemId) ?? (changed as LabelingItem);
    return presentItem(saved, stored.session.reviewers_per_item, now());
  }

  const schemasOf = (stored: StoredLabelingSession): Promise<LabelSchema[]> =>
    Promise.all(stored.session.label_schemas.map((name) => deps.labelSchemas.get(name)));

  // The traces named by id (all must exist), then every trace the filter finds, page after page.
  async function originalsFor(body: AddLabelingItemsBody): Promise<Trace[]> {
    const named = await Promise.all((body.trace_ids ?? []).map((id) => deps.getTrace(id)));
    const absent = (body.trace_ids ?? []).filter((_, index) => named[index] === null);
    if (absent.length > 0) throw new VerdictError('NOT_FOUND', `trace(s) not found: ${absent.join(', ')}`);
    if (body.filter === undefined) return named as Trace[];
    const found: Trace[] = [];
    let matched = 0;
    let pageToken = body.filter.page_token;
    do {
      const page = await deps.searchTraces({ ...body.filter, ...(pageToken === undefined ? {} : { page_token: pageToken }) });
      // Copies made for other sessions are labeling work, not app traffic: a filter never picks
      // them, even one that names the copy tag.
      const originals = page.traces.filter((info) => !isLabelingCopy(info));
      matched += originals.length;
      // Refused before any copy is written: a silently truncated selection would look complete.
      if (matched > maxItems) {
        throw new VerdictError('INVALID_ARGUMENT', `the filter matches more than ${maxItems} traces, the most a labeling session holds: narrow it (e.g. start_time_ms and end_time_ms)`);
      }
      const traces = await Promise.all(originals.map((info) => deps.getTrace(info.trace_id)));
      found.push(...traces.filter((trace): trace is Trace => trace !== null));
      pageToken = page.next_page_token;
    } while (pageToken !== undefined);
    return [...(named as Trace[]), ...found];
  }

  // Runs the session's agent on each record's inputs, `concurrency` at a time, each in a new trace
  // tagged as this session's labeling copy. In input order; `written` when the writer stored it.
  async function runAgent(agent: string, records: DatasetRecord[], dataset: string, sessionId: string): Promise<Array<{ trace: Trace; written: boolean }>> {
    const agents = deps.agents;
    const app = findApp(agents?.apps ?? {}, agent, ['agent']);
    const writer = (agents as AgentDeps).writer;
    // Nothing cancels an add once started: the items are wanted even if the caller hangs up.
    const signal = new AbortController().signal;
    const results = new Array<{ trace: Trace; written: boolean }>(records.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < records.length) {
        const index = next++;
        const record = records[index] as DatasetRecord;
        // A throwing app is not an error of the add: its trace (state ERROR, the exception as an
        // event) becomes the item, so the reviewer sees and can label the failure.
        const { trace } = await runAppInTrace(app, record.inputs, {
          store,
          writer,
          signal,
          spanName: agent,
          tags: { ...record.tags, [LABELING_COPY_TAG]: 'true' },
          metadata: {
            [COPY_METADATA.dataset]: dataset,
            [COPY_METADATA.datasetRecordId]: record.dataset_record_id,
            [COPY_METADATA.labelingSessionId]: sessionId,
            [COPY_METADATA.agent]: agent,
          },
        });
        // Only a failed trace write leaves no trace: the item then holds the inputs alone, as
        // without an agent, rather than pointing at a trace that is not there.
        results[index] = trace === undefined ? { trace: traceFromRecord(record, dataset, sessionId, now()), written: false } : { trace, written: true };
      }
    };
    const workers = Math.max(1, Math.min(agents?.concurrency ?? 4, records.length));
    await Promise.all(Array.from({ length: workers }, worker));
    return results;
  }

  return {
    async createSession(body, user) {
      // An agent the server cannot run is refused now, not when the first records are added.
      if (body.agent !== undefined) findApp(deps.agents?.apps ?? {}, body.agent, ['agent']);
      // Unknown schema names are refused up front (404 naming the schema), not at labeling time.
      await Promise.all(body.label_schemas.map((name) => deps.labelSchemas.get(name)));
      const session = {
        labeling_session_id: newId('labelingSession'),
        name: body.name,
        assigned_users: [...new Set(body.assigned_users)],
        label_schemas: [...new Set(body.label_schemas)],
        reviewers_per_item: body.reviewers_per_item ?? 1,
        ...(body.agent === undefined ? {} : { agent: body.agent }),
        create_time: now(),
        created_by: user.id,
      };
      return present(await store.labelingSessions.create(session.labeling_session_id, { session, items: [] }), now());
    },

    async listSessions(user) {
      const at = now();
      return (await store.labelingSessions.list())
        .filter(({ session }) => user.role === 'developer' || session.assigned_users.includes(user.id))
        .map((stored) => present(stored, at));
    },

    async getSession(sessionId, user) {
      return present(await load(sessionId, user), now());
    },

    async deleteSession(sessionId, user) {
      await load(sessionId, user);
      await store.labelingSessions.delete(sessionId);
    },

    async addItems(sessionId, body, user) {
      const stored = await load(sessionId, user);
      const sourced = new Set(stored.items.map((item) => sourceKey(item.source)));
      const copies: Array<{ source: LabelingItem['source']; trace: Trace; written?: boolean }> = [];
      for (const original of await originalsFor(body)) {
        if (sourced.has(original.info.trace_id)) continue;
        sourced.add(original.info.trace_id);
        copies.push({ source: { trace_id: original.info.trace_id }, trace: copyTraceForSession(original, sessionId) });
      }
      const records: DatasetRecord[] = [];
      if (body.dataset !== undefined) {
        const all = await deps.datasets.getRecords(body.dataset);
        const wanted = body.record_ids === undefined ? all : body.record_ids.map((id) => all.find((record) => record.dataset_record_id === id));
        const absent = (body.record_ids ?? []).filter((_, index) => wanted[index] === undefined);
        if (absent.length > 0) throw new VerdictError('NOT_FOUND', `record(s) not found in dataset ${body.dataset}: ${absent.join(', ')}`);
        for (const record of wanted) {
          if (record === undefined || sourced.has(record.dataset_record_id)) continue;
          sourced.add(record.dataset_record_id);
          records.push(record);
        }
      }
      // Checked before any agent runs: refusing after running it on 10,000 records would waste them.
      if (stored.items.length + copies.length + records.length > maxItems) {
        throw new VerdictError('INVALID_ARGUMENT', `a labeling session holds at most ${maxItems} items (it has ${stored.items.length}, this adds ${copies.length + records.length})`);
      }
      const { dataset } = body;
      if (dataset !== undefined && records.length > 0) {
        const agent = stored.session.agent;
        const traced = agent === undefined
          ? records.map((record) => ({ trace: traceFromRecord(record, dataset, sessionId, now()), written: false }))
          : await runAgent(agent, records, dataset, sessionId);
        records.forEach((record, index) => copies.push({ source: { dataset_record_id: record.dataset_record_id, dataset }, ...(traced[index] as { trace: Trace; written: boolean }) }));
      }
      // Copies first: an item never points at a trace that is not there yet.
      for (const { trace, written } of copies) if (written !== true) await store.traces.put(trace);
      const items: LabelingItem[] = copies.map(({ source, trace }) => ({
        item_id: newId('labelingItem'),
        labeling_session_id: sessionId,
        source,
        trace_id: trace.info.trace_id,
        state: 'pending',
        labels: {},
      }));
      let added: LabelingItem[] = [];
      await store.labelingSessions.update(sessionId, (current) => {
        // Checked again against the latest items: two concurrent adds of one trace add it once.
        const present = new Set(current.items.map((item) => sourceKey(item.source)));
        added = items.filter((item) => !present.has(sourceKey(item.source)));
        return { ...current, items: [...current.items, ...added] };
      });
      return added;
    },

    async listItems(sessionId, query, user) {
      const stored = await load(sessionId, user);
      const at = now();
      const rpi = stored.session.reviewers_per_item;
      const assignee = query.assignee === 'me' ? user.id : query.assignee;
      if (assignee !== undefined && assignee !== user.id && user.role !== 'developer') {
        throw new VerdictError('PERMISSION_DENIED', `only developers may read another reviewer's queue (${assignee})`);
      }
      // A queue belongs to an assigned reviewer: a developer opening a session they are not assigned
      // to must not claim (and so hide) the reviewers' items.
      if (assignee !== undefined && !stored.session.assigned_users.includes(assignee)) return [];
      return stored.items
        .filter((item) => assignee === undefined || inQueueOf(item, assignee, rpi, at))
        .map((item) => itemForViewer(presentItem(item, rpi, at), user))
        .filter((item) => query.state === undefined || item.state === query.state);
    },

    async claim(sessionId, itemId, user) {
      // Access is checked inside the one atomic update (a refusal writes nothing), so a claim reads
      // the session document once: claims are the hottest write of a labeling session.
      const claimed = await updateItem(sessionId, itemId, (item, current) => claimItem(item, user.id, current.session.reviewers_per_item, now(), deps.claimTtlMs), user);
      return itemForViewer(claimed, user);
    },

    async submit(sessionId, itemId, body, user) {
      const stored = await load(sessionId, user);
      findItem(stored, itemId);
      const schemas = await schemasOf(stored);
      const withoutClaim = (item: LabelingItem) => {
        const { [user.id]: _released, ...claims } = item.claims ?? {};
        return { ...item, claims };
      };
      if (body.skip === true) {
        const skipped = await updateItem(sessionId, itemId, (item, current) => {
          claimItem(item, user.id, current.session.reviewers_per_item, now(), 0);
          return { ...withoutClaim(item), skipped_by: [...new Set([...(item.skipped_by ?? []), user.id])] };
        });
        return itemForViewer(skipped, user);
      }
      const answers = checkAnswers(schemas, body.labels, body.comments, { partial: false });
      const item = await updateItem(sessionId, itemId, (current, document) => {
        // Same rule as a claim: refused while other reviewers hold every slot.
        claimItem(current, user.id, document.session.reviewers_per_item, now(), 0);
        const { skipped_by, ...rest } = withoutClaim(current);
        const skipped = (skipped_by ?? []).filter((id) => id !== user.id);
        return { ...rest, ...(skipped.length > 0 ? { skipped_by: skipped } : {}), labels: { ...current.labels, [user.id]: answers } };
      });
      await writeAnswers(store, item.trace_id, schemas, answers, { sourceId: user.id, metadata: { labeling_session_id: sessionId, item_id: itemId } });
      return itemForViewer(item, user);
    },

    async adjudicate(sessionId, itemId, labels, user) {
      const stored = await load(sessionId, user);
      findItem(stored, itemId);
      const schemas = await schemasOf(stored);
      const answers = checkAnswers(schemas, labels, undefined, { partial: true });
      const item = await updateItem(sessionId, itemId, (current) => ({
        ...current,
        adjudicated: { by: user.id, time: now(), labels: { ...current.adjudicated?.labels, ...answers } },
      }));
      await writeAnswers(store, item.trace_id, schemas, answers, {
        sourceId: user.id,
        metadata: { labeling_session_id: sessionId, item_id: itemId, adjudicated: 'true' },
      });
      return item;
    },

    async agreement(sessionId, user) {
      const stored = await load(sessionId, user);
      // The disagreements name each reviewer's answer: reviewers label blind, so this is for developers.
      if (user.role !== 'developer') throw new VerdictError('PERMISSION_DENIED', 'agreement figures are for developers: reviewers label blind');
      return sessionAgreement(stored.items, await schemasOf(stored));
    },

    async syncExpectations(sessionId, dataset, user) {
      const stored = await load(sessionId, user);
      return syncSessionExpectations(stored, await schemasOf(stored), dataset, user, { datasets: deps.datasets, getTrace: deps.getTrace });
    },
  };
}
