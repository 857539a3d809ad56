import { ERROR_STATUS, VerdictError } from '@verdict/core';
import type { ErrorBody, ErrorCode } from '@verdict/core';
import type { ErrorRequestHandler, Response } from 'express';

/** An HTTP error response: the status and the `{ error: { code, message, issues? } }` body. */
export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** True when the error was not a client's fault and should be logged. */
  unexpected: boolean;
}

/** Errors raised by Express's body parser carry a `type` saying what went wrong. */
interface BodyParserError {
  type: string;
  status: number;
  message: string;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.type === 'string' && typeof candidate.status === 'number';
}

function fromBodyParser(error: BodyParserError): VerdictError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new VerdictError('MALFORMED_JSON', `the request body is not valid JSON: ${error.message}`, { cause: error });
    case 'entity.too.large':
      return new VerdictError('PAYLOAD_TOO_LARGE', `the request body is larger than the limit of ${error.limit ?? '?'} bytes`, { cause: error });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new VerdictError('UNSUPPORTED_MEDIA_TYPE', error.message, { cause: error });
    case 'request.aborted':
    case 'request.size.invalid':
      return new VerdictError('INVALID_ARGUMENT', error.message, { cause: error });
    default:
      return undefined;
  }
}

const GENERIC_MESSAGE = 'internal error: the server could not complete the request';

/**
 * Maps any thrown value to the response Verdict sends: VerdictErrors through core's
 * `ERROR_STATUS` table, body-parser errors to their codes, anything else to a 500 whose message
 * reveals nothing about the server.
 * @example const { status, body } = toErrorResponse(new VerdictError('NOT_FOUND', 'no such trace'))
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  const known = VerdictError.isInstance(error) ? error : isBodyParserError(error) ? fromBodyParser(error) : undefined;
  if (known === undefined) {
    return { status: 500, body: { error: { code: 'INTERNAL' satisfies ErrorCode, message: GENERIC_MESSAGE } }, unexpected: true };
  }
  const status = ERROR_STATUS[known.code] ?? 500;
  const body: ErrorBody = { error: { code: known.code, message: known.message } };
  if (known.issues !== undefined && known.issues.length > 0) body.error.issues = known.issues;
  return { status, body, unexpected: status >= 500 };
}

/**
 * Writes the error response for `error` (reporting unexpected ones to `onError`). When the
 * response has already started or the client has gone, it only reports and ends the socket.
 * @example sendError(res, error, console.error)
 */
export function sendError(res: Response, error: unknown, onError: (error: unknown) => void): void {
  const { status, body, unexpected } = toErrorResponse(error);
  if (unexpected) onError(error);
  if (res.headersSent || res.destroyed) {
    if (!res.writableEnded) res.destroy();
    return;
  }
  res.status(status).json(body);
}

/**
 * The router's one error handler: every error of every Verdict route ends here.
 * @example router.use(createErrorHandler(onError))
 */
export function createErrorHandler(onError: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    sendError(res, error, onError);
  };
}
