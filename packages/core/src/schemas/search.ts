import * as z from 'zod/mini';
import { TraceInfoSchema, TraceStateSchema } from './trace';
import { StringMapSchema } from './value';

/** The largest page `GET /traces` returns. */
export const MAX_RESULTS_LIMIT = 1000;

// Query strings carry numbers as text; typing the input as `number | string` (rather than zod's
// default `unknown` for coercion) keeps `SearchTracesParams` useful to TypeScript callers.
const queryInt = () => z.coerce.number<number | string>().check(z.int());

/** What `GET /traces` and `store.traces.search()` filter, sort and paginate by. */
export const SearchTracesParamsSchema = z.strictObject({
  /** Only traces whose request started at or after this time (ms since epoch). */
  start_time_ms: z.optional(queryInt().check(z.nonnegative())),
  /** Only traces whose request started before this time (ms since epoch, exclusive). */
  end_time_ms: z.optional(queryInt().check(z.nonnegative())),
  state: z.optional(TraceStateSchema),
  /** Every tag given must be equal. Labeling copies are left out unless this names `verdict.labeling_copy`. */
  tags: z.optional(StringMapSchema),
  /** Every metadata entry given must be equal. */
  metadata: z.optional(StringMapSchema),
  /** Only traces holding a valid assessment of this name… */
  assessment_name: z.optional(z.string().check(z.minLength(1))),
  /** …whose value, written as JSON (`true`, `0.5`, `"text"`), is this. Needs `assessment_name`. */
  assessment_value: z.optional(z.string()),
  client_request_id: z.optional(z.string()),
  /** Only traces whose request or response preview holds this text, ignoring case. */
  text: z.optional(z.string().check(z.maxLength(1000))),
  /** @default 100 */
  max_results: z._default(queryInt().check(z.gte(1), z.lte(MAX_RESULTS_LIMIT)), 100),
  /** Opaque token from the previous page's `next_page_token`. */
  page_token: z.optional(z.string().check(z.minLength(1))),
  /** @default 'request_time DESC' */
  order_by: z._default(z.enum(['request_time DESC', 'request_time ASC']), 'request_time DESC'),
}).check(
  z.refine((params) => params.assessment_value === undefined || params.assessment_name !== undefined, {
    message: 'assessment_value needs assessment_name',
    path: ['assessment_value'],
  }),
);
export type SearchTracesParams = z.input<typeof SearchTracesParamsSchema>;
export type ParsedSearchTracesParams = z.output<typeof SearchTracesParamsSchema>;

/** One page of trace infos. */
export const SearchTracesResponseSchema = z.object({
  traces: z.array(TraceInfoSchema),
  next_page_token: z.optional(z.string()),
});
export type SearchTracesResponse = z.infer<typeof SearchTracesResponseSchema>;

type Query = Record<string, string | string[] | undefined>;

/**
 * Reads search params from a query string object: `tag.<key>=v` and `metadata.<key>=v` become maps.
 * Unknown keys are kept so strict parsing can name them.
 */
export function searchParamsFromQuery(query: Query): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Null-prototype maps: a `tag.__proto__` key is data here, never a prototype.
  const tags: Record<string, string> = Object.create(null);
  const metadata: Record<string, string> = Object.create(null);
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (key.startsWith('tag.')) tags[key.slice(4)] = value ?? '';
    else if (key.startsWith('metadata.')) metadata[key.slice(9)] = value ?? '';
    else out[key] = value;
  }
  if (Object.keys(tags).length > 0) out.tags = tags;
  if (Object.keys(metadata).length > 0) out.metadata = metadata;
  return out;
}

/** Writes search params as a query string (the inverse of {@link searchParamsFromQuery}). */
export function searchParamsToQuery(params: SearchTracesParams): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (key === 'tags' || key === 'metadata') {
      const prefix = key === 'tags' ? 'tag.' : 'metadata.';
      for (const [name, entry] of Object.entries(value as Record<string, string>)) query.set(prefix + name, entry);
    } else {
      query.set(key, String(value));
    }
  }
  return query;
}
