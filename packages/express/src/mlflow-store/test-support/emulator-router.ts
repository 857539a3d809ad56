// Test-only: the emulator's dispatch — which MLflow route a request is, in the order MLflow's
// Flask app and FastAPI app match them, and Flask's HTML 404/405/500 pages for the rest.
import { ARTIFACTS_PREFIX, getArtifact, putArtifact } from './emulator-artifacts';
import { createAssessment, deleteAssessment, findAssessment, updateAssessment } from './emulator-assessments';
import type { datasetsApi } from './emulator-datasets';
import { createExperiment, deleteExperimentTag, getExperiment, getExperimentByName, setExperimentTag } from './emulator-experiments';
import { HttpProblem, mlflowError, notFoundHtml } from './emulator-http';
import { logSpans } from './emulator-otlp';
import { createRun, deleteRun, linkTracesToRun, logBatch, searchRuns, setRunTag, updateRun } from './emulator-runs';
import type { EmulatorState, Loose, SeenRequest } from './emulator-state';
import { searchTraces } from './emulator-trace-search';
import { deleteTraceTag, setTraceTag, startTrace, traceInfo, traceWithSpans } from './emulator-traces';

/** What a route answers: the status, the body, and its Content-Type. */
export type Answer = { status: number; body: Buffer | string; type: string };

/** What the router needs besides the state. */
export interface RouterConfig {
  /** `GET /version`. */
  version: string;
  /** Whether `/api/3.0/mlflow/datasets/*` is served (off: Flask 404s). */
  datasets: boolean;
  /** The datasets API those routes go to. */
  datasetApi: ReturnType<typeof datasetsApi>;
}

/**
 * The request's JSON body (`{}` when empty); `requireType` refuses a body without `Content-Type: application/json`, as MLflow does on POST.
 * @example const body = jsonBody(request, true);
 */
export function jsonBody(request: SeenRequest, requireType: boolean): Loose {
  if (requireType && !String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    throw mlflowError(400, 'INVALID_PARAMETER_VALUE', "Bad Request. Content-Type must be one of ['application/json']");
  }
  if (request.body.length === 0) return {};
  try {
    return JSON.parse(request.body.toString('utf8')) as Loose;
  } catch {
    throw mlflowError(400, 'MALFORMED_REQUEST', 'Malformed JSON');
  }
}

/**
 * The emulator's router: answers a request, or throws an {@link HttpProblem} (anything else becomes a 500).
 * @example const route = emulatorRouter(state, { version: '3.6.1.dev0', datasets: false, datasetApi }); const answer = route(seen);
 */
export function emulatorRouter(state: EmulatorState, config: RouterConfig): (request: SeenRequest) => Answer {
  return function route(request: SeenRequest): Answer {
    const { method, path, query } = request;
    const json = (value: unknown) => ({ status: 200, body: JSON.stringify(value), type: 'application/json' });
    const post = () => jsonBody(request, true);
    if (method === 'GET' && path === '/version') return { status: 200, body: config.version, type: 'text/html; charset=utf-8' };
    if (method === 'GET' && path === '/health') return { status: 200, body: 'OK', type: 'text/html; charset=utf-8' };
    if (path === '/v1/traces') {
      if (method !== 'POST') throw notFoundHtml();
      return logSpans(state, request);
    }
    if (path.startsWith(ARTIFACTS_PREFIX)) {
      const key = path.slice(ARTIFACTS_PREFIX.length);
      if (!state.artifactRoot.startsWith('mlflow-artifacts:')) {
        return { status: 503, body: 'Endpoint: /api/2.0/mlflow-artifacts/artifacts disabled due to the mlflow server running with `--no-serve-artifacts`.', type: 'text/plain' };
      }
      if (method === 'PUT') return json(putArtifact(state, key, request.body));
      if (method === 'GET') return getArtifact(state, key);
    }
    const api = /^\/(?:api|ajax-api)\/([23])\.0\/mlflow(\/.*)$/.exec(path);
    if (api === null) throw notFoundHtml();
    const [, major, rest = ''] = api;
    if (major === '2') {
      if (method === 'GET' && rest === '/experiments/get') return json(getExperiment(state, query));
      if (method === 'GET' && rest === '/experiments/get-by-name') return json(getExperimentByName(state, query));
      if (method === 'POST' && rest === '/experiments/create') return json(createExperiment(state, post()));
      if (method === 'POST' && rest === '/experiments/set-experiment-tag') return json(setExperimentTag(state, post()));
      if (method === 'POST' && rest === '/experiments/delete-experiment-tag') return json(deleteExperimentTag(state, post()));
      if (method === 'POST' && rest === '/runs/create') return json(createRun(state, post()));
      if (method === 'POST' && rest === '/runs/search') return json(searchRuns(state, post()));
      if (method === 'POST' && rest === '/runs/log-batch') return json(logBatch(state, post()));
      if (method === 'POST' && rest === '/runs/update') return json(updateRun(state, post()));
      if (method === 'POST' && rest === '/runs/set-tag') return json(setRunTag(state, post()));
      if (method === 'POST' && rest === '/traces/link-to-run') return json(linkTracesToRun(state, post()));
      if (method === 'POST' && rest === '/runs/delete') return json(deleteRun(state, post()));
      const tags = /^\/traces\/([^/]+)\/tags$/.exec(rest);
      if (tags !== null && method === 'DELETE') return json(deleteTraceTag(state, tags[1]!, jsonBody(request, false)));
      throw notFoundHtml();
    }
    if (rest.startsWith('/datasets/')) {
      const answer = config.datasets ? config.datasetApi.route({ method, rest, query, body: (requireType) => jsonBody(request, requireType) }) : undefined;
      if (answer === undefined) throw notFoundHtml();
      return json(answer);
    }
    if (method === 'POST' && rest === '/traces') return json(startTrace(state, post()));
    if (method === 'GET' && rest === '/traces') throw new HttpProblem(405, '<!doctype html>\n<title>405 Method Not Allowed</title>\n', true);
    if (method === 'POST' && rest === '/traces/search') return json(searchTraces(state, post()));
    if (method === 'GET' && rest === '/traces/get') return json(traceWithSpans(state, query));
    const tagRoute = /^\/traces\/([^/]+)\/tags$/.exec(rest);
    if (tagRoute !== null && method === 'PATCH') return json(setTraceTag(state, tagRoute[1]!, jsonBody(request, false)));
    // DeleteTraceTagV3 answers 500 at 3.6.1 (recorded): the v2 route is the one that works.
    if (tagRoute !== null && method === 'DELETE') throw new HttpProblem(500, '<!doctype html>\n<title>500 Internal Server Error</title>\n', true);
    const assessments = /^\/traces\/([^/]+)\/assessments$/.exec(rest);
    if (assessments !== null) {
      if (method !== 'POST') throw new HttpProblem(405, '<!doctype html>\n<title>405 Method Not Allowed</title>\n', true);
      return json(createAssessment(state, decodeURIComponent(assessments[1]!), post()));
    }
    const one = /^\/traces\/([^/]+)\/assessments\/([^/]+)$/.exec(rest);
    if (one !== null) {
      const [traceId, assessmentId] = [decodeURIComponent(one[1]!), decodeURIComponent(one[2]!)];
      if (method === 'GET') return json({ assessment: { ...findAssessment(state, traceId, assessmentId) } });
      if (method === 'PATCH') return json(updateAssessment(state, traceId, assessmentId, jsonBody(request, false)));
      if (method === 'DELETE') return json(deleteAssessment(state, traceId, assessmentId));
    }
    const info = /^\/traces\/([^/]+)$/.exec(rest);
    if (info !== null && method === 'GET') return json(traceInfo(state, info[1]!));
    throw notFoundHtml();
  };
}
