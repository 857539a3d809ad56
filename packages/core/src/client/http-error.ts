import { ERROR_STATUS } from '../errors';
import type { ErrorCode } from '../errors';
import type { ErrorBody, Issue } from '../schemas/error-body';

const MARKER = Symbol.for('verdict.http-error');

/**
 * The codes an {@link HttpError} carries: the server's `error.code` (usually an {@link ErrorCode},
 * but a newer server may send codes this client does not know), or one of the client's own:
 * `UNAVAILABLE` with status 0 when the request never got an answer, `INVALID_RESPONSE` when the
 * answer did not match its schema, `UNKNOWN` for a non-Verdict error status without a known code.
 */
export type HttpErrorCode = ErrorCode | 'INVALID_RESPONSE' | 'UNKNOWN' | (string & {});

/** What {@link HttpError}'s constructor takes besides the message. */
export interface HttpErrorOptions {
  status: number;
  code: HttpErrorCode;
  method: string;
  url: string;
  body?: ErrorBody;
  issues?: Issue[];
  cause?: unknown;
}

/**
 * What the client throws when a request fails: a non-2xx answer (`status` and, when the server
 * sent `{ error: { code, message, issues? } }`, `body`), no answer at all (`status: 0`,
 * `code: 'UNAVAILABLE'`), or an answer that is not what the route promises (`INVALID_RESPONSE`).
 * Aborted requests are not wrapped: the `AbortError` of `fetch` is rethrown as is.
 * @example
 * try { await client.getTrace(id) } catch (error) {
 *   if (HttpError.isInstance(error) && error.status === 404) showNotFound();
 * }
 */
export class HttpError extends Error {
  readonly [MARKER] = true;
  override readonly name = 'HttpError';
  /** The HTTP status, or 0 when no answer came (network failure, CORS, DNS). */
  readonly status: number;
  readonly code: HttpErrorCode;
  readonly method: string;
  readonly url: string;
  /** The parsed error body, when the server sent one in Verdict's shape. */
  readonly body: ErrorBody | undefined;
  /** Validation problems: the server's (`body.error.issues`) or, for `INVALID_RESPONSE`, the client's. */
  readonly issues: Issue[] | undefined;

  constructor(message: string, options: HttpErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.method = options.method;
    this.url = options.url;
    this.body = options.body;
    this.issues = options.issues ?? options.body?.error.issues;
  }

  /** True for any HttpError, even one made by another copy of this package. */
  static isInstance(error: unknown): error is HttpError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }
}

/**
 * The error code an HTTP status stands for when the server did not name one.
 * @example codeForStatus(404) // 'NOT_FOUND'
 */
export function codeForStatus(status: number): HttpErrorCode {
  // The table's first code for a status is its general one (400 → INVALID_ARGUMENT, not MALFORMED_JSON).
  const match = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((code) => ERROR_STATUS[code] === status);
  if (match !== undefined) return match;
  if (status === 502 || status === 504) return 'UNAVAILABLE';
  return status >= 500 ? 'INTERNAL' : 'UNKNOWN';
}
