import * as z from 'zod/mini';
import { TraceIdSchema } from './span';
import { AssessmentValueSchema, JsonObjectSchema, StringMapSchema } from './value';

const userId = () => z.string().check(z.minLength(1), z.maxLength(256));

export const DatasetIdSchema = z.string().check(z.regex(/^ds-[0-9a-f]{32}$/, 'must be ds- followed by 32 hex digits'));
export const DatasetRecordIdSchema = z.string().check(z.regex(/^dr-[0-9a-f]{32}$/, 'must be dr- followed by 32 hex digits'));

/** Dataset names appear in URLs: letters, digits, `.`, `_`, `-`. */
export const DatasetNameSchema = z.string().check(
  z.minLength(1),
  z.maxLength(256),
  z.regex(/^[A-Za-z0-9._-]+$/, 'use letters, digits, ".", "_" and "-" only'),
);

/** Where a record came from (MLflow's shapes). */
export const DatasetRecordSourceSchema = z.union([
  z.strictObject({ human: z.strictObject({ user_name: userId() }) }),
  z.strictObject({ document: z.strictObject({ doc_uri: z.string().check(z.minLength(1)), content: z.optional(z.string()) }) }),
  z.strictObject({ trace: z.strictObject({ trace_id: TraceIdSchema }) }),
]);
export type DatasetRecordSource = z.infer<typeof DatasetRecordSourceSchema>;

/** One evaluation example: inputs and what experts expect of the answer. */
export const DatasetRecordSchema = z.object({
  dataset_record_id: DatasetRecordIdSchema,
  inputs: JsonObjectSchema,
  /** expectation name (`expected_response`, `expected_facts`, `guidelines`, ...) → value. */
  expectations: z.record(z.string(), AssessmentValueSchema),
  source: z.optional(DatasetRecordSourceSchema),
  tags: StringMapSchema,
  create_time: z.number(),
  created_by: userId(),
  last_update_time: z.number(),
  last_updated_by: userId(),
});
export type DatasetRecord = z.infer<typeof DatasetRecordSchema>;

/** A dataset as stored, without its derived record count. */
export const DatasetInfoSchema = z.object({
  dataset_id: DatasetIdSchema,
  name: DatasetNameSchema,
  tags: StringMapSchema,
  create_time: z.number(),
  created_by: userId(),
});
export type DatasetInfo = z.infer<typeof DatasetInfoSchema>;

/** A dataset on the wire. */
export const DatasetSchema = z.object({ ...DatasetInfoSchema.shape, record_count: z.number() });
export type Dataset = z.infer<typeof DatasetSchema>;

/** `POST /datasets`. */
export const CreateDatasetBodySchema = z.strictObject({ name: DatasetNameSchema, tags: z.optional(StringMapSchema) });
export type CreateDatasetBody = z.infer<typeof CreateDatasetBodySchema>;

export const ListDatasetsResponseSchema = z.object({ datasets: z.array(DatasetSchema) });
export type ListDatasetsResponse = z.infer<typeof ListDatasetsResponseSchema>;

/** A record to insert, or to merge into the record with equal `inputs`. */
export const DatasetRecordInputSchema = z.strictObject({
  inputs: JsonObjectSchema,
  expectations: z.optional(z.record(z.string(), AssessmentValueSchema)),
  source: z.optional(DatasetRecordSourceSchema),
  tags: z.optional(StringMapSchema),
});
export type DatasetRecordInput = z.infer<typeof DatasetRecordInputSchema>;

/** `POST /datasets/:name/records` → `{ inserted, updated }`. */
export const UpsertDatasetRecordsBodySchema = z.strictObject({
  records: z.array(DatasetRecordInputSchema).check(z.minLength(1), z.maxLength(10_000)),
});
export type UpsertDatasetRecordsBody = z.infer<typeof UpsertDatasetRecordsBodySchema>;

/** `GET /datasets/:name/records?max_results=&page_token=`. */
export const ListDatasetRecordsQuerySchema = z.strictObject({
  max_results: z._default(z.coerce.number<number | string>().check(z.int(), z.gte(1), z.lte(1000)), 100),
  page_token: z.optional(z.string().check(z.minLength(1))),
});
export type ListDatasetRecordsQuery = z.input<typeof ListDatasetRecordsQuerySchema>;

export const ListDatasetRecordsResponseSchema = z.object({
  records: z.array(DatasetRecordSchema),
  next_page_token: z.optional(z.string()),
});
export type ListDatasetRecordsResponse = z.infer<typeof ListDatasetRecordsResponseSchema>;
