import {
  AddLabelingItemsBodySchema,
  AdjudicateBodySchema,
  CreateLabelingSessionBodySchema,
  LabelingItemIdSchema,
  LabelingSessionIdSchema,
  ListLabelingItemsQuerySchema,
  SubmitLabelsBodySchema,
  SyncExpectationsBodySchema,
  parseOrThrow,
} from '@verdict/core';
import type { LabelingItemsResponse, ListLabelingSessionsResponse } from '@verdict/core';
import type { Request, Router } from 'express';
import { requireUser, userOf } from '../review/authorize';
import type { Action, Authorizer, Resource } from '../review/authorize';
import type { LabelingService } from '../review/labeling-service';
import { jsonBody } from './body-parsing';
import type { JsonBodyReader } from './body-parsing';
import { safeQuery } from './route-context';

const sessionParam = (req: Request): string => parseOrThrow(LabelingSessionIdSchema, req.params.session_id, 'labeling session id');
const itemParam = (req: Request): string => parseOrThrow(LabelingItemIdSchema, req.params.item_id, 'item id');
const sessionResource = (req: Request): Resource => ({ kind: 'labeling_session', id: String(req.params.session_id) });

/**
 * Mounts the labeling session routes (DESIGN "Wire shapes for review and evaluation"):
 * - `POST /labeling-sessions` → 201 the session; `GET /labeling-sessions` (reviewers: only
 *   sessions assigned to them); `GET|DELETE /labeling-sessions/:session_id`.
 * - `POST .../items` `{ trace_ids? | filter? | dataset?, record_ids? }` → `{ items }` (the new ones):
 *   traces are copied into the session; already-added sources are skipped.
 * - `GET .../items?assignee=me&state=` → `{ items }`: with `assignee`, that reviewer's queue.
 * - `POST .../items/:item_id/claim` → the item, locked to the caller (409 while others hold it).
 * - `POST .../items/:item_id/labels` `{ labels, comments?, skip? }` → the item (400 naming the field).
 * - `POST .../items/:item_id/adjudicate` `{ labels }` → the item (developers).
 * - `GET .../agreement` → per-schema agreement (overall and per reviewer) and disagreements.
 * - `POST .../sync-expectations` `{ dataset }` → `{ inserted, updated }` (needs `datasets:write` too).
 * Reviewers get 403 on sessions they are not assigned to (404 only when the session does not exist).
 * @example mountLabelingRoutes(router, { authorizer, readBody, labeling })
 */
export function mountLabelingRoutes(router: Router, context: { authorizer: Authorizer; readBody: JsonBodyReader; labeling: LabelingService }): void {
  const { authorizer, labeling } = context;
  const body = jsonBody(context.readBody);
  const on = (action: Action) => requireUser(authorizer, action, sessionResource);
  const base = '/labeling-sessions/:session_id';
  const item = `${base}/items/:item_id`;

  router.post('/labeling-sessions', requireUser(authorizer, 'labeling:manage'), body, async (req, res) => {
    const input = parseOrThrow(CreateLabelingSessionBodySchema, req.body, 'labeling session');
    res.status(201).json(await labeling.createSession(input, userOf(res)));
  });

  router.get('/labeling-sessions', requireUser(authorizer, 'labeling:read'), async (_req, res) => {
    res.json({ labeling_sessions: await labeling.listSessions(userOf(res)) } satisfies ListLabelingSessionsResponse);
  });

  router.get(base, on('labeling:read'), async (req, res) => {
    res.json(await labeling.getSession(sessionParam(req), userOf(res)));
  });

  router.delete(base, on('labeling:manage'), async (req, res) => {
    await labeling.deleteSession(sessionParam(req), userOf(res));
    res.status(204).end();
  });

  router.post(`${base}/items`, on('labeling:manage'), body, async (req, res) => {
    const input = parseOrThrow(AddLabelingItemsBodySchema, req.body, 'items to add');
    res.json({ items: await labeling.addItems(sessionParam(req), input, userOf(res)) } satisfies LabelingItemsResponse);
  });

  router.get(`${base}/items`, on('labeling:read'), async (req, res) => {
    const query = parseOrThrow(ListLabelingItemsQuerySchema, safeQuery(req), 'items query');
    res.json({ items: await labeling.listItems(sessionParam(req), query, userOf(res)) } satisfies LabelingItemsResponse);
  });

  router.post(`${item}/claim`, on('labeling:label'), async (req, res) => {
    res.json(await labeling.claim(sessionParam(req), itemParam(req), userOf(res)));
  });

  router.post(`${item}/labels`, on('labeling:label'), body, async (req, res) => {
    const input = parseOrThrow(SubmitLabelsBodySchema, req.body, 'labels');
    res.json(await labeling.submit(sessionParam(req), itemParam(req), input, userOf(res)));
  });

  router.post(`${item}/adjudicate`, on('labeling:adjudicate'), body, async (req, res) => {
    const { labels } = parseOrThrow(AdjudicateBodySchema, req.body, 'gold labels');
    res.json(await labeling.adjudicate(sessionParam(req), itemParam(req), labels, userOf(res)));
  });

  router.get(`${base}/agreement`, on('labeling:read'), async (req, res) => {
    res.json(await labeling.agreement(sessionParam(req), userOf(res)));
  });

  router.post(`${base}/sync-expectations`, on('labeling:manage'), body, async (req, res) => {
    const { dataset } = parseOrThrow(SyncExpectationsBodySchema, req.body, 'sync request');
    await authorizer(req, 'datasets:write', { kind: 'dataset', id: dataset });
    res.json(await labeling.syncExpectations(sessionParam(req), dataset, userOf(res)));
  });
}
