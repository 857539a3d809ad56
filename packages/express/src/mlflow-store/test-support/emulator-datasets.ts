// Test-only: MLflow's evaluation-datasets API (`/api/3.0/mlflow/datasets/*`, OSS SQL store) for the
// emulator, per mlflow-rest.md §2.5 and §7: tags and records travel as JSON *strings*, records are
// upserted by the SHA-256 of their sorted-keys inputs, DELETE parameters come from a JSON body only.
import { createHash } from 'node:crypto';
import { HttpProblem, hex, missing, mlflowError } from './emulator-http';

type Loose = Record<string, unknown>;

/** One dataset as the emulator keeps it. */
export interface EmulatedDataset {
  dataset_id: string;
  name: string;
  tags: Record<string, string>;
  experiment_ids: string[];
  created_time: number;
  last_update_time: number;
  created_by?: string;
  /** Records by MLflow id, in insertion order. */
  records: Map<string, Loose>;
}

/** What a datasets route needs from the emulator around it. */
export interface DatasetsRequest {
  method: string;
  /** The path after `/api/3.0/mlflow`, e.g. `/datasets/d-…/records`. */
  rest: string;
  query: URLSearchParams;
  /** The JSON body; `requireType` refuses a POST/PUT without `Content-Type: application/json`, as MLflow does. */
  body: (requireType: boolean) => Loose;
}

// json.dumps(inputs, sort_keys=True): equal inputs in any key order hash alike.
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}: ${sortedJson((value as Loose)[key])}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

const SOURCE_TYPES = ['TRACE', 'HUMAN', 'DOCUMENT', 'CODE'];
const PAGE = (token: string | null | undefined): number => {
  if (token === null || token === undefined || token === '') return 0;
  try {
    return Number((JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset: number }).offset) || 0;
  } catch {
    throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Invalid page token');
  }
};
const nextToken = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64');

/** A JSON-string field: anything but a string fails protobuf parsing, which MLflow swallows, leaving it unset. */
function jsonStringField(body: Loose, name: string): unknown {
  const value = body[name];
  if (typeof value !== 'string') throw missing(name);
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid JSON in '${name}'`);
  }
}

/**
 * The datasets API over in-memory state. `route` answers a request under `/datasets`, or returns
 * undefined when the path is not one of its routes. `ignoredFields` lists fields MLflow would have
 * silently dropped (a `tags` object instead of a JSON string on create).
 * @example const api = datasetsApi((id) => experimentOr404(state, id)); const answer = api.route(request);
 */
export function datasetsApi(checkExperiment: (id: unknown) => void): {
  datasets: Map<string, EmulatedDataset>;
  ignoredFields: string[];
  route: (request: DatasetsRequest) => unknown;
} {
  const datasets = new Map<string, EmulatedDataset>();
  const ignoredFields: string[] = [];

  function datasetOr404(id: string): EmulatedDataset {
    const dataset = datasets.get(id);
    if (dataset === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `Dataset '${id}' not found`);
    return dataset;
  }

  function serialize(dataset: EmulatedDataset): Loose {
    return {
      dataset_id: dataset.dataset_id,
      name: dataset.name,
      tags: JSON.stringify(dataset.tags),
      schema: JSON.stringify({ inputs: {} }),
      profile: JSON.stringify({ num_records: dataset.records.size }),
      digest: createHash('sha256').update(String(dataset.last_update_time)).digest('hex').slice(0, 8),
      created_time: dataset.created_time,
      last_update_time: dataset.last_update_time,
      ...(dataset.created_by === undefined ? {} : { created_by: dataset.created_by, last_updated_by: dataset.created_by }),
      experiment_ids: [...dataset.experiment_ids],
    };
  }

  function create(body: Loose): unknown {
    if (typeof body.name !== 'string' || body.name === '') throw missing('name');
    const experimentIds = Array.isArray(body.experiment_ids) ? body.experiment_ids.map(String) : [];
    for (const id of experimentIds) checkExperiment(id);
    let tags: Record<string, string> = {};
    if (typeof body.tags === 'string') tags = jsonStringField(body, 'tags') as Record<string, string>;
    else if (body.tags !== undefined) ignoredFields.push('datasets/create tags (not a JSON string)');
    const now = Date.now();
    const dataset: EmulatedDataset = {
      dataset_id: `d-${hex(16)}`,
      name: body.name,
      tags: Object.fromEntries(Object.entries(tags).map(([key, value]) => [key, String(value)])),
      experiment_ids: experimentIds,
      created_time: now,
      last_update_time: now,
      records: new Map(),
    };
    if (dataset.tags['mlflow.user'] !== undefined) dataset.created_by = dataset.tags['mlflow.user'];
    datasets.set(dataset.dataset_id, dataset);
    return { dataset: serialize(dataset) };
  }

  function search(body: Loose, query: URLSearchParams): unknown {
    const experimentIds = new Set((Array.isArray(body.experiment_ids) ? body.experiment_ids : query.getAll('experiment_ids')).map(String));
    const filter = String(body.filter_string ?? query.get('filter_string') ?? '').trim();
    const byName = /^name\s*=\s*'([^']*)'$/.exec(filter);
    if (filter !== '' && byName === null) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid filter string '${filter}'`);
    const maxResults = Number(body.max_results ?? query.get('max_results') ?? 1000);
    if (!Number.isInteger(maxResults) || maxResults < 1) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid max_results ${String(maxResults)}`);
    const orderBy = Array.isArray(body.order_by) ? (body.order_by as string[]) : query.getAll('order_by');
    // MLflow's default is newest first; a client that wants creation order must ask for it.
    const [key = 'created_time', direction = 'DESC'] = (orderBy[0] ?? 'created_time DESC').trim().split(/\s+/);
    if (!['created_time', 'last_update_time', 'name'].includes(key)) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid order_by '${key}'`);
    const sign = direction.toUpperCase() === 'ASC' ? 1 : -1;
    const rows = [...datasets.values()]
      .filter((dataset) => experimentIds.size === 0 || dataset.experiment_ids.some((id) => experimentIds.has(id)))
      .filter((dataset) => byName === null || dataset.name === byName[1])
      .map((dataset, index) => ({ dataset, index }))
      // Ties fall back to insertion order, reversed for DESC, like an id tie-break would.
      .sort((a, b) => {
        const [x, y] = [a.dataset[key as keyof EmulatedDataset] as string | number, b.dataset[key as keyof EmulatedDataset] as string | number];
        return sign * (x === y ? a.index - b.index : x < y ? -1 : 1);
      })
      .map((entry) => entry.dataset);
    const offset = PAGE((body.page_token as string | undefined) ?? query.get('page_token'));
    const out: Loose = { datasets: rows.slice(offset, offset + maxResults).map(serialize) };
    if (offset + maxResults < rows.length) out.next_page_token = nextToken(offset + maxResults);
    return out;
  }

  function upsertRecords(dataset: EmulatedDataset, body: Loose): unknown {
    const records = jsonStringField(body, 'records');
    if (!Array.isArray(records)) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', "'records' must be a JSON list of records");
    // All or nothing: check every record before storing one.
    for (const record of records as Loose[]) {
      if (typeof record !== 'object' || record === null) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Each record must be an object');
      // Missing inputs leave nothing to deduplicate by; whether MLflow refuses `{}` is UNCONFIRMED, so it is accepted.
      if (typeof record.inputs !== 'object' || record.inputs === null || Array.isArray(record.inputs)) {
        throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Each record must have inputs');
      }
      const source = record.source as Loose | undefined;
      if (source !== undefined && source !== null && !SOURCE_TYPES.includes(String(source.source_type))) {
        throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid source_type '${String(source.source_type)}'`);
      }
    }
    const byHash = new Map([...dataset.records.values()].map((row) => [String(row.hash), row]));
    let inserted = 0;
    let updated = 0;
    for (const record of records as Loose[]) {
      const now = Date.now();
      const hash = createHash('sha256').update(sortedJson(record.inputs)).digest('hex');
      const tags = (record.tags ?? {}) as Record<string, string>;
      const existing = byHash.get(hash);
      if (existing !== undefined) {
        if (record.outputs !== undefined) existing.outputs = record.outputs;
        existing.expectations = { ...(existing.expectations as Loose), ...((record.expectations ?? {}) as Loose) };
        existing.tags = { ...(existing.tags as Loose), ...tags };
        existing.last_update_time = now;
        if (tags['mlflow.user'] !== undefined) existing.last_updated_by = tags['mlflow.user'];
        updated += 1;
        continue;
      }
      const source = (record.source ?? undefined) as Loose | undefined;
      const sourceData = (source?.source_data ?? {}) as Loose;
      const row: Loose = {
        dataset_record_id: `dr-${hex(16)}`,
        dataset_id: dataset.dataset_id,
        inputs: record.inputs,
        expectations: { ...((record.expectations ?? {}) as Loose) },
        tags: { ...tags },
        created_time: now,
        last_update_time: now,
        hash,
      };
      if (record.outputs !== undefined) row.outputs = record.outputs;
      if (source !== undefined) {
        row.source = { source_type: source.source_type, source_data: sourceData };
        row.source_type = source.source_type;
        const sourceId = sourceData.trace_id ?? sourceData.source_id;
        if (sourceId !== undefined) row.source_id = sourceId;
      }
      if (tags['mlflow.user'] !== undefined) row.created_by = row.last_updated_by = tags['mlflow.user'];
      dataset.records.set(String(row.dataset_record_id), row);
      byHash.set(hash, row);
      inserted += 1;
    }
    dataset.last_update_time = Date.now();
    return { inserted_count: inserted, updated_count: updated };
  }

  function listRecords(dataset: EmulatedDataset, query: URLSearchParams): unknown {
    const maxResults = Number(query.get('max_results') ?? 1000);
    if (!Number.isInteger(maxResults) || maxResults < 1) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid max_results ${String(maxResults)}`);
    const rows = [...dataset.records.values()];
    const offset = PAGE(query.get('page_token'));
    // DatasetRecord.to_dict has no hash; the list travels as a JSON string.
    const page = rows.slice(offset, offset + maxResults).map(({ hash: _hash, ...row }) => row);
    const out: Loose = { records: JSON.stringify(page) };
    if (offset + maxResults < rows.length) out.next_page_token = nextToken(offset + maxResults);
    return out;
  }

  function route({ method, rest, query, body }: DatasetsRequest): unknown {
    if (rest === '/datasets/create' && method === 'POST') return create(body(true));
    if (rest === '/datasets/search' && (method === 'POST' || method === 'GET')) return search(method === 'POST' ? body(true) : {}, query);
    const records = /^\/datasets\/([^/]+)\/records$/.exec(rest);
    if (records !== null) {
      const dataset = datasetOr404(decodeURIComponent(records[1]!));
      if (method === 'POST') return upsertRecords(dataset, body(true));
      if (method === 'GET') return listRecords(dataset, query);
      if (method === 'DELETE') {
        // DELETE parameters come from a JSON body only: ids in the query leave the field missing.
        const ids = body(false).dataset_record_ids;
        if (!Array.isArray(ids) || ids.length === 0) throw missing('dataset_record_ids');
        let deleted = 0;
        for (const id of ids) if (dataset.records.delete(String(id))) deleted += 1;
        if (deleted > 0) dataset.last_update_time = Date.now();
        return { deleted_count: deleted };
      }
      throw new HttpProblem(405, '<!doctype html>\n<title>405 Method Not Allowed</title>\n', true);
    }
    const tags = /^\/datasets\/([^/]+)\/tags$/.exec(rest);
    if (tags !== null && method === 'PATCH') {
      const dataset = datasetOr404(decodeURIComponent(tags[1]!));
      const update = jsonStringField(body(false), 'tags') as Record<string, unknown>;
      for (const [key, value] of Object.entries(update)) dataset.tags[key] = String(value);
      dataset.last_update_time = Date.now();
      return {};
    }
    const oneTag = /^\/datasets\/([^/]+)\/tags\/(.+)$/.exec(rest);
    if (oneTag !== null && method === 'DELETE') {
      const dataset = datasetOr404(decodeURIComponent(oneTag[1]!));
      delete dataset.tags[decodeURIComponent(oneTag[2]!)];
      return {};
    }
    const one = /^\/datasets\/([^/]+)$/.exec(rest);
    if (one !== null) {
      const id = decodeURIComponent(one[1]!);
      if (method === 'GET') return { dataset: serialize(datasetOr404(id)) };
      if (method === 'DELETE') {
        datasetOr404(id);
        datasets.delete(id);
        return {};
      }
    }
    return undefined;
  }

  return { datasets, ignoredFields, route };
}
