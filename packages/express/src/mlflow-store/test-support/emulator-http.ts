// Test-only: how the MLflow emulator answers errors, shaped as MLflow's Flask handlers shape them.
import { randomBytes } from 'node:crypto';

/** An error answer: JSON `{error_code, message}` (or FastAPI's `{detail}`), or one of Flask's HTML pages. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly html = false,
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

/**
 * MLflow's JSON error shape.
 * @example throw mlflowError(404, 'RESOURCE_DOES_NOT_EXIST', 'Run not found');
 */
export const mlflowError = (status: number, code: string, message: string): HttpProblem => new HttpProblem(status, { error_code: code, message });

/**
 * Flask's HTML 404 for a route it does not know (clients read it as "endpoint missing").
 * @example throw notFoundHtml();
 */
export const notFoundHtml = (): HttpProblem => new HttpProblem(404, '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n', true);

/**
 * Random hex of `bytes` bytes, for server-assigned ids.
 * @example `d-${hex(16)}`
 */
export const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/**
 * MLflow's `_assert_required` answer.
 * @example throw missing('records');
 */
export const missing = (name: string): HttpProblem =>
  mlflowError(400, 'INVALID_PARAMETER_VALUE', `Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`);
