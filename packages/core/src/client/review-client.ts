import type * as z from 'zod/mini';
import { DatasetSchema, ListDatasetRecordsResponseSchema, ListDatasetsResponseSchema } from '../schemas/dataset';
import type { CreateDatasetBody, Dataset, ListDatasetRecordsQuery, ListDatasetRecordsResponse, ListDatasetsResponse, UpsertDatasetRecordsBody } from '../schemas/dataset';
import { LabelSchemaSchema, ListLabelSchemasResponseSchema } from '../schemas/label-schema';
import type { CreateLabelSchemaBody, LabelSchema, ListLabelSchemasResponse, UpdateLabelSchemaBody } from '../schemas/label-schema';
import {
  AgreementResponseSchema,
  LabelingItemSchema,
  LabelingItemsResponseSchema,
  LabelingSessionSchema,
  ListLabelingSessionsResponseSchema,
  UpsertCountsSchema,
} from '../schemas/labeling-session';
import type {
  AddLabelingItemsBody,
  AdjudicateBody,
  AgreementResponse,
  CreateLabelingSessionBody,
  LabelingItem,
  LabelingItemsResponse,
  LabelingSession,
  ListLabelingItemsQuery,
  ListLabelingSessionsResponse,
  SubmitLabelsBody,
  UpsertCounts,
} from '../schemas/labeling-session';
import { queryOf, requestJson, requestVoid, send, withSignal } from './http';
import type { RequestSpec, Transport } from './http';
import type { ClientOptions, RequestOptions } from './verdict-client';

/**
 * A typed client of the review routes: label schemas, labeling sessions and their items, datasets.
 * Separate from `createClient` so a chat page's bundle does not carry the review schemas.
 */
export interface ReviewClient {
  listLabelSchemas(options?: RequestOptions): Promise<ListLabelSchemasResponse>;
  getLabelSchema(name: string, options?: RequestOptions): Promise<LabelSchema>;
  /** Creates a schema; `overwrite: true` replaces one of the same name (else 409). */
  createLabelSchema(body: CreateLabelSchemaBody, options?: RequestOptions): Promise<LabelSchema>;
  /** Edits in place; a change that would break existing labels is refused with 409. */
  updateLabelSchema(name: string, body: UpdateLabelSchemaBody, options?: RequestOptions): Promise<LabelSchema>;
  deleteLabelSchema(name: string, options?: RequestOptions): Promise<void>;

  listLabelingSessions(options?: RequestOptions): Promise<ListLabelingSessionsResponse>;
  getLabelingSession(sessionId: string, options?: RequestOptions): Promise<LabelingSession>;
  createLabelingSession(body: CreateLabelingSessionBody, options?: RequestOptions): Promise<LabelingSession>;
  deleteLabelingSession(sessionId: string, options?: RequestOptions): Promise<void>;
  /** Adds items (copies of traces, or dataset records) to a session. */
  addLabelingItems(sessionId: string, body: AddLabelingItemsBody, options?: RequestOptions): Promise<LabelingItemsResponse>;
  /** Items of a session; `{ assignee: 'me' }` is the caller's queue. */
  listLabelingItems(sessionId: string, query?: ListLabelingItemsQuery, options?: RequestOptions): Promise<LabelingItemsResponse>;
  /** Locks an item to the caller for a while (409 when another reviewer holds it). */
  claimLabelingItem(sessionId: string, itemId: string, options?: RequestOptions): Promise<LabelingItem>;
  /** Submits the caller's labels (each checked against its schema), or a skip. */
  submitLabels(sessionId: string, itemId: string, body: SubmitLabelsBody, options?: RequestOptions): Promise<LabelingItem>;
  /** A developer's gold labels where reviewers disagreed. */
  adjudicate(sessionId: string, itemId: string, body: AdjudicateBody, options?: RequestOptions): Promise<LabelingItem>;
  getAgreement(sessionId: string, options?: RequestOptions): Promise<AgreementResponse>;
  /** Upserts every completed item's expectation labels into a dataset. */
  syncExpectations(sessionId: string, dataset: string, options?: RequestOptions): Promise<UpsertCounts>;

  listDatasets(options?: RequestOptions): Promise<ListDatasetsResponse>;
  getDataset(name: string, options?: RequestOptions): Promise<Dataset>;
  createDataset(body: CreateDatasetBody, options?: RequestOptions): Promise<Dataset>;
  deleteDataset(name: string, options?: RequestOptions): Promise<void>;
  /** Inserts records, merging into the record with equal inputs. */
  upsertDatasetRecords(name: string, body: UpsertDatasetRecordsBody, options?: RequestOptions): Promise<UpsertCounts>;
  listDatasetRecords(name: string, query?: ListDatasetRecordsQuery, options?: RequestOptions): Promise<ListDatasetRecordsResponse>;
  /** The records as JSON lines (`GET /datasets/:name/records.jsonl`). */
  exportDatasetRecords(name: string, options?: RequestOptions): Promise<string>;
}

const segment = encodeURIComponent;

/**
 * Creates a {@link ReviewClient}. Answers are checked with the core schemas; failures throw `HttpError`.
 * @example
 * const review = createReviewClient({ baseUrl: '/api', headers: { authorization: `Bearer ${token}` } });
 * const { items } = await review.listLabelingItems(sessionId, { assignee: 'me' });
 */
export function createReviewClient(options: ClientOptions): ReviewClient {
  const transport: Transport = { baseUrl: options.baseUrl, fetch: options.fetch, headers: options.headers };
  const call = <S extends z.core.$ZodType>(spec: RequestSpec, schema: S, callOptions?: RequestOptions) =>
    requestJson(transport, withSignal(spec, callOptions), schema);
  const callVoid = (spec: RequestSpec, callOptions?: RequestOptions) =>
    requestVoid(transport, withSignal(spec, callOptions));
  const session = (id: string) => `/labeling-sessions/${segment(id)}`;
  const item = (id: string, itemId: string) => `${session(id)}/items/${segment(itemId)}`;
  const dataset = (name: string) => `/datasets/${segment(name)}`;

  return {
    listLabelSchemas: (o) => call({ method: 'GET', path: '/label-schemas' }, ListLabelSchemasResponseSchema, o),
    getLabelSchema: (name, o) => call({ method: 'GET', path: `/label-schemas/${segment(name)}` }, LabelSchemaSchema, o),
    createLabelSchema: (body, o) => call({ method: 'POST', path: '/label-schemas', body }, LabelSchemaSchema, o),
    updateLabelSchema: (name, body, o) => call({ method: 'PATCH', path: `/label-schemas/${segment(name)}`, body }, LabelSchemaSchema, o),
    deleteLabelSchema: (name, o) => callVoid({ method: 'DELETE', path: `/label-schemas/${segment(name)}` }, o),

    listLabelingSessions: (o) => call({ method: 'GET', path: '/labeling-sessions' }, ListLabelingSessionsResponseSchema, o),
    getLabelingSession: (id, o) => call({ method: 'GET', path: session(id) }, LabelingSessionSchema, o),
    createLabelingSession: (body, o) => call({ method: 'POST', path: '/labeling-sessions', body }, LabelingSessionSchema, o),
    deleteLabelingSession: (id, o) => callVoid({ method: 'DELETE', path: session(id) }, o),
    addLabelingItems: (id, body, o) => call({ method: 'POST', path: `${session(id)}/items`, body }, LabelingItemsResponseSchema, o),
    listLabelingItems: (id, query = {}, o) =>
      call({ method: 'GET', path: `${session(id)}/items`, query: queryOf({ ...query }) }, LabelingItemsResponseSchema, o),
    claimLabelingItem: (id, itemId, o) => call({ method: 'POST', path: `${item(id, itemId)}/claim` }, LabelingItemSchema, o),
    submitLabels: (id, itemId, body, o) => call({ method: 'POST', path: `${item(id, itemId)}/labels`, body }, LabelingItemSchema, o),
    adjudicate: (id, itemId, body, o) => call({ method: 'POST', path: `${item(id, itemId)}/adjudicate`, body }, LabelingItemSchema, o),
    getAgreement: (id, o) => call({ method: 'GET', path: `${session(id)}/agreement` }, AgreementResponseSchema, o),
    syncExpectations: (id, name, o) =>
      call({ method: 'POST', path: `${session(id)}/sync-expectations`, body: { dataset: name } }, UpsertCountsSchema, o),

    listDatasets: (o) => call({ method: 'GET', path: '/datasets' }, ListDatasetsResponseSchema, o),
    getDataset: (name, o) => call({ method: 'GET', path: dataset(name) }, DatasetSchema, o),
    createDataset: (body, o) => call({ method: 'POST', path: '/datasets', body }, DatasetSchema, o),
    deleteDataset: (name, o) => callVoid({ method: 'DELETE', path: dataset(name) }, o),
    upsertDatasetRecords: (name, body, o) => call({ method: 'POST', path: `${dataset(name)}/records`, body }, UpsertCountsSchema, o),
    listDatasetRecords: (name, query = {}, o) =>
      call({ method: 'GET', path: `${dataset(name)}/records`, query: queryOf({ ...query }) }, ListDatasetRecordsResponseSchema, o),
    exportDatasetRecords: async (name, o) => {
      const response = await send(transport, withSignal({ method: 'GET', path: `${dataset(name)}/records.jsonl`, accept: 'application/x-ndjson' }, o));
      return response.text();
    },
  };
}
