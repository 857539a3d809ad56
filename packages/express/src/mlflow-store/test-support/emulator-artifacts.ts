// Test-only: the emulator's artifacts proxy (`/api/2.0/mlflow-artifacts/artifacts/{path}`): bytes
// in, bytes out, except that a `traces.json` whose spans MLflow could not read back is refused.
import { mlflowError } from './emulator-http';
import { spanDictProblem } from './emulator-spans';
import type { EmulatorState } from './emulator-state';

/** The path prefix of the artifacts proxy; what follows it is the artifact's key. */
export const ARTIFACTS_PREFIX = '/api/2.0/mlflow-artifacts/artifacts/';

/**
 * `PUT` of one artifact.
 * @example json(putArtifact(state, '1/traces/tr-…/artifacts/traces.json', request.body));
 */
export function putArtifact(state: EmulatorState, path: string, body: Buffer): unknown {
  if (path.endsWith('/traces.json')) {
    let spans: unknown;
    try {
      spans = (JSON.parse(body.toString('utf8')) as { spans?: unknown }).spans;
    } catch {
      throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'traces.json is not JSON');
    }
    if (!Array.isArray(spans)) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', 'traces.json has no spans list');
    // MLflow stores any bytes here, but its readers (Span.from_dict) then refuse the trace: fail at the source instead.
    for (const span of spans) {
      const problem = spanDictProblem(span);
      if (problem !== undefined) throw mlflowError(400, 'INVALID_PARAMETER_VALUE', `traces.json: ${problem}`);
    }
  }
  state.artifacts.set(path, body);
  return {};
}

/**
 * `GET` of one artifact, or MLflow's 404.
 * @example return getArtifact(state, key);
 */
export function getArtifact(state: EmulatorState, key: string): { status: number; body: Buffer; type: string } {
  const stored = state.artifacts.get(key);
  if (stored === undefined) throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', `File not found: ${key}`);
  return { status: 200, body: stored, type: 'application/octet-stream' };
}
