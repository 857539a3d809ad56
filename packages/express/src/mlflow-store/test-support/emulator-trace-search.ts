// Test-only: the emulator's SearchTracesV3 — the filter grammar of emulator-filter.ts applied to
// tags, metadata, assessments and attributes, MLflow's order_by keys, and offset page tokens.
import { compare, parseFilter } from './emulator-filter';
import type { Clause } from './emulator-filter';
import { missing, mlflowError } from './emulator-http';
import type { EmulatorState, Loose, StoredTrace } from './emulator-state';
import { serializeInfo } from './emulator-traces';

function matchesClause(trace: StoredTrace, clause: Clause): boolean {
  const info = trace.info;
  if (clause.kind === 'tag') return compare(((info.tags ?? {}) as Record<string, string>)[clause.key], clause);
  if (clause.kind === 'metadata') return compare(((info.trace_metadata ?? {}) as Record<string, string>)[clause.key], clause);
  if (clause.kind === 'feedback' || clause.kind === 'expectation') {
    return trace.assessments.some((assessment) => {
      if (assessment.valid === false || assessment.assessment_name !== clause.key || assessment[clause.kind] === undefined) return false;
      const value = (assessment[clause.kind] as Loose).value;
      return compare(typeof value === 'string' ? value : JSON.stringify(value), clause);
    });
  }
  switch (clause.key) {
    case 'timestamp_ms':
    case 'timestamp':
      return compare(Date.parse(String(info.request_time)), clause);
    case 'status':
      return compare(String(info.state), clause);
    case 'client_request_id':
      return compare(info.client_request_id === '' ? undefined : String(info.client_request_id), clause);
    case 'request_id':
      return compare(String(info.trace_id), clause);
    case 'name':
      return compare(((info.tags ?? {}) as Record<string, string>)['mlflow.traceName'], clause);
    default:
      throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid attribute key '${clause.key}' specified.`);
  }
}

/**
 * `POST /api/3.0/mlflow/traces/search` (SearchTracesV3).
 * @example json(searchTraces(state, { locations: [{ mlflow_experiment: { experiment_id: '1' } }], filter: "tag.k = 'v'" }));
 */
export function searchTraces(state: EmulatorState, body: Loose): unknown {
  const locations = body.locations;
  if (!Array.isArray(locations) || locations.length === 0) throw missing('locations');
  const maxResults = body.max_results === undefined ? 100 : Number(body.max_results);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 500) {
    throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid value ${String(body.max_results)} for parameter 'max_results' supplied:  Hint: Value was of type 'int'. See the API docs for more information about request parameters.`);
  }
  const experimentIds = new Set(locations.map((location: Loose) => String((location.mlflow_experiment as Loose | undefined)?.experiment_id)));
  let clauses: Clause[];
  try {
    clauses = typeof body.filter === 'string' ? parseFilter(body.filter) : [];
  } catch (error) {
    throw mlflowError(400, 'INVALID_PARAMETER_VALUE', (error as Error).message);
  }
  const orderBy = Array.isArray(body.order_by) && body.order_by.length > 0 ? (body.order_by as string[]) : ['timestamp_ms DESC'];
  const keys = orderBy.map((entry) => {
    const [key = '', direction = 'ASC'] = entry.trim().split(/\s+/);
    if (!['timestamp_ms', 'timestamp', 'request_id'].includes(key)) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `Invalid order_by entity '${key}'`);
    return { key, sign: direction.toUpperCase() === 'DESC' ? -1 : 1 };
  });
  keys.push({ key: 'request_id', sign: 1 });
  const rows = [...state.traces.values()]
    .filter((trace) => experimentIds.has(trace.experimentId) && clauses.every((clause) => matchesClause(trace, clause)))
    .sort((a, b) => {
      for (const { key, sign } of keys) {
        const [x, y] = key === 'request_id' ? [String(a.info.trace_id), String(b.info.trace_id)] : [Date.parse(String(a.info.request_time)), Date.parse(String(b.info.request_time))];
        if (x !== y) return sign * (x < y ? -1 : 1);
      }
      return 0;
    });
  let offset = 0;
  if (typeof body.page_token === 'string' && body.page_token !== '') {
    try {
      offset = Number((JSON.parse(Buffer.from(body.page_token, 'base64').toString('utf8')) as { offset: number }).offset);
    } catch {
      throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'Invalid page token');
    }
  }
  const page = rows.slice(offset, offset + maxResults);
  const out: Loose = { traces: page.map(serializeInfo) };
  if (offset + maxResults < rows.length) out.next_page_token = Buffer.from(JSON.stringify({ offset: offset + maxResults })).toString('base64');
  return out;
}
