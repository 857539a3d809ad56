import { CreateDatasetBodySchema, DatasetNameSchema, ListDatasetRecordsQuerySchema, UpsertDatasetRecordsBodySchema, parseOrThrow } from '@verdict/core';
import type { ListDatasetsResponse } from '@verdict/core';
import type { Request, Router } from 'express';
import { requireUser, userOf } from '../review/authorize';
import type { Authorizer, Resource } from '../review/authorize';
import type { DatasetService } from '../review/dataset-service';
import { jsonBody } from './body-parsing';
import type { JsonBodyReader } from './body-parsing';
import { safeQuery } from './route-context';

const nameParam = (req: Request): string => parseOrThrow(DatasetNameSchema, req.params.name, 'dataset name');
const datasetResource = (req: Request): Resource => ({ kind: 'dataset', id: String(req.params.name) });

/**
 * Mounts the dataset routes (DESIGN "Wire shapes for review and evaluation"):
 * - `POST /datasets` `{ name, tags? }` → 201 the dataset (409 when the name is taken);
 *   `GET /datasets` → `{ datasets }`; `GET|DELETE /datasets/:name`.
 * - `POST /datasets/:name/records` `{ records }` → `{ inserted, updated }`: upsert by inputs
 *   (key order does not matter), expectations merging name by name, the newer value winning.
 * - `GET /datasets/:name/records?max_results=&page_token=` → `{ records, next_page_token? }`.
 * - `GET /datasets/:name/records.jsonl` → every record, one JSON object per line (`application/x-ndjson`).
 * Reads need `datasets:read`, changes `datasets:write` (developers, with the default roles).
 * @example mountDatasetRoutes(router, { authorizer, readBody, datasets })
 */
export function mountDatasetRoutes(router: Router, context: { authorizer: Authorizer; readBody: JsonBodyReader; datasets: DatasetService }): void {
  const { authorizer, datasets } = context;
  const body = jsonBody(context.readBody);
  const read = requireUser(authorizer, 'datasets:read', datasetResource);
  const write = requireUser(authorizer, 'datasets:write', datasetResource);

  router.post('/datasets', requireUser(authorizer, 'datasets:write'), body, async (req, res) => {
    const input = parseOrThrow(CreateDatasetBodySchema, req.body, 'dataset');
    res.status(201).json(await datasets.create(input, userOf(res).id));
  });

  router.get('/datasets', requireUser(authorizer, 'datasets:read'), async (_req, res) => {
    res.json({ datasets: await datasets.list() } satisfies ListDatasetsResponse);
  });

  // Before '/datasets/:name/records', though Express would not confuse them: the suffix is literal.
  router.get('/datasets/:name/records.jsonl', read, async (req, res) => {
    const records = await datasets.getRecords(nameParam(req));
    res.type('application/x-ndjson');
    res.send(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  });

  router.get('/datasets/:name', read, async (req, res) => {
    res.json(await datasets.get(nameParam(req)));
  });

  router.delete('/datasets/:name', write, async (req, res) => {
    await datasets.remove(nameParam(req));
    res.status(204).end();
  });

  router.post('/datasets/:name/records', write, body, async (req, res) => {
    const name = nameParam(req);
    const { records } = parseOrThrow(UpsertDatasetRecordsBodySchema, req.body, 'dataset records');
    res.json(await datasets.upsertRecords(name, records, userOf(res).id));
  });

  router.get('/datasets/:name/records', read, async (req, res) => {
    const name = nameParam(req);
    const query = parseOrThrow(ListDatasetRecordsQuerySchema, safeQuery(req), 'records query');
    res.json(await datasets.listRecords(name, query));
  });
}
