// A scripted stand-in for the review routes (label schemas, a labeling session, its items, the
// agreement report) and `GET /traces/:id`, so the labeling stories (and their tests) run without
// a server. Labels, skips and gold labels change the scripted copy, as the store would.
import { sessionAgreement } from '@verdict/core';
import type { AgreementResponse, LabelingItem, LabelingSession, LabelSchema, LabelValue, Trace } from '@verdict/core';
import { failure, json, never, notScripted, requestOf } from './scripted-response';
import { fixtureTraceId, ragTrace } from './trace-fixtures';

/** The reviewer every story acts as. */
export const STORY_REVIEWER = 'story-reviewer';
/** The session every labeling story shows. */
export const STORY_SESSION_ID = `ls-${'5e55'.padStart(32, '0')}`;

/** How the fake review routes answer. */
export interface ReviewScript {
  sessionName: string;
  schemas: readonly LabelSchema[];
  /** Items still in the reviewer's queue. */
  queue: number;
  /** Items other reviewers completed before: they count in the progress bar only. */
  completedBefore?: number;
  /** Reviewers' values on queue items, for the agreement report: by item position. */
  disagreements?: ReadonlyArray<{ item: number; schema: string; values: Record<string, LabelValue> }>;
  /** 'pending' never answers the session's first load; an error answers it with 503. */
  reads?: 'ok' | 'pending' | { error: string };
}

const itemId = (n: number) => `li-${(0x1000 + n).toString(16).padStart(32, '0')}`;

function storyTrace(n: number): Trace {
  const trace = ragTrace(fixtureTraceId(0x200 + n));
  const root = trace.data.spans[0];
  // Each item asks something else, so moving between them shows.
  if (root !== undefined) root.inputs = { message: `Question ${n + 1}: how long does standard shipping take to Spain?` };
  trace.info.request_preview = `Question ${n + 1}`;
  return trace;
}

/**
 * A `fetch` answering the labeling routes from `script`: pass it to `<VerdictProvider fetch>`.
 * @example <VerdictProvider baseUrl="/api" fetch={scriptedReviewFetch({ sessionName: 'Demo', schemas, queue: 3 })}>…</VerdictProvider>
 */
export function scriptedReviewFetch(script: ReviewScript): typeof globalThis.fetch {
  const { schemas, queue, completedBefore = 0, reads = 'ok' } = script;
  const traces = new Map(Array.from({ length: queue }, (_, n) => storyTrace(n)).map((trace) => [trace.info.trace_id, trace]));
  const items: LabelingItem[] = Array.from({ length: queue }, (_, n) => ({
    item_id: itemId(n),
    labeling_session_id: STORY_SESSION_ID,
    source: { trace_id: fixtureTraceId(0x200 + n) },
    trace_id: fixtureTraceId(0x200 + n),
    state: 'pending',
    labels: {},
  }));
  for (const { item, schema, values } of script.disagreements ?? []) {
    const target = items[item];
    if (target === undefined) continue;
    for (const [reviewer, value] of Object.entries(values)) target.labels[reviewer] = { ...target.labels[reviewer], [schema]: { value } };
    target.state = 'completed';
  }
  const session = (): LabelingSession => ({
    labeling_session_id: STORY_SESSION_ID,
    name: script.sessionName,
    assigned_users: [STORY_REVIEWER],
    label_schemas: schemas.map((schema) => schema.name),
    reviewers_per_item: script.disagreements === undefined ? 1 : 2,
    create_time: 1_700_000_000_000,
    created_by: 'story-developer',
    progress: {
      total: completedBefore + queue,
      completed: completedBefore + items.filter((item) => item.state === 'completed').length,
      by_user: { [STORY_REVIEWER]: items.filter((item) => item.labels[STORY_REVIEWER] !== undefined).length },
    },
  });
  // The real computation over the scripted labels, so the figures (per schema and per reviewer)
  // and the disagreements agree with what the story shows, and gold labels update them.
  const agreement = (): AgreementResponse => sessionAgreement(items, schemas);

  return async (input, init) => {
    const { url, method, path } = requestOf(input, init);
    const body = init?.body === undefined || init.body === null ? {} : (JSON.parse(String(init.body)) as Record<string, unknown>);
    if (reads === 'pending') return never();
    if (reads !== 'ok') return failure(503, 'UNAVAILABLE', reads.error);

    if (method === 'GET' && path === '/label-schemas') return json({ label_schemas: schemas });
    if (method === 'GET' && path === `/labeling-sessions/${STORY_SESSION_ID}`) return json(session());
    if (method === 'GET' && path === `/labeling-sessions/${STORY_SESSION_ID}/agreement`) return json(agreement());
    if (method === 'GET' && path === `/labeling-sessions/${STORY_SESSION_ID}/items`) {
      const mine = url.searchParams.get('assignee') === 'me';
      return json({ items: mine ? items.filter((item) => item.labels[STORY_REVIEWER] === undefined && !(item.skipped_by ?? []).includes(STORY_REVIEWER)) : items });
    }
    const traceMatch = /^\/traces\/([^/]+)$/.exec(path);
    if (method === 'GET' && traceMatch !== null) {
      const trace = traces.get(decodeURIComponent(traceMatch[1]!));
      return trace === undefined ? failure(404, 'NOT_FOUND', 'no such trace') : json(trace);
    }
    const itemMatch = new RegExp(`^/labeling-sessions/${STORY_SESSION_ID}/items/([^/]+)/(claim|labels|adjudicate)$`).exec(path);
    const item = items.find((candidate) => candidate.item_id === itemMatch?.[1]);
    if (method === 'POST' && itemMatch !== null && item !== undefined) {
      const action = itemMatch[2];
      if (action === 'claim') {
        item.claims = { [STORY_REVIEWER]: Date.now() + 15 * 60_000 };
        item.claimed_by = STORY_REVIEWER;
        if (item.state === 'pending') item.state = 'in_progress';
      } else if (action === 'labels') {
        if (body.skip === true) {
          item.skipped_by = [...(item.skipped_by ?? []), STORY_REVIEWER];
          item.state = 'skipped';
        } else {
          const labels = body.labels as Record<string, LabelValue>;
          const comments = (body.comments ?? {}) as Record<string, string>;
          item.labels[STORY_REVIEWER] = Object.fromEntries(
            Object.entries(labels).map(([name, value]) => [name, comments[name] === undefined ? { value } : { value, comment: comments[name] }]),
          );
          item.state = 'completed';
        }
      } else {
        const labels = body.labels as Record<string, LabelValue>;
        item.adjudicated = {
          by: 'story-developer',
          time: Date.now(),
          labels: { ...item.adjudicated?.labels, ...Object.fromEntries(Object.entries(labels).map(([name, value]) => [name, { value }])) },
        };
      }
      return json(item);
    }
    return notScripted(`${method} ${path}`);
  };
}
