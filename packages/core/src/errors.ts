import type { Issue } from './schemas/error-body';

/** Every error code Verdict uses, with the HTTP status it maps to. One table, used by server and client. */
export const ERROR_STATUS = {
  INVALID_ARGUMENT: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** The store's backend (e.g. an MLflow server) cannot be reached; reads say so rather than return partial data. */
  STORE_UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

const MARKER = Symbol.for('verdict.error');

export interface VerdictErrorOptions {
  cause?: unknown;
  issues?: Issue[];
}

/**
 * The one error type of Verdict. `code` is stable and machine-readable; `issues` carries zod's
 * validation problems. Use {@link VerdictError.isInstance} across package copies, not `instanceof`.
 * @example throw new VerdictError('NOT_FOUND', `trace ${id} not found`)
 */
export class VerdictError extends Error {
  readonly [MARKER] = true;
  override readonly name = 'VerdictError';
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;

  constructor(code: ErrorCode, message: string, options: VerdictErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues;
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** True for any VerdictError, even one made by another copy of this package. */
  static isInstance(error: unknown): error is VerdictError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }
}

/**
 * Turns zod's issues into the wire form: `{ code, path, message }` plus the machine-readable
 * details zod gives (`keys` of unknown fields, `expected`, `minimum`, ...), minus the echoed `input`.
 */
export function toIssues(issues: ReadonlyArray<{ code: string; path: PropertyKey[]; message: string }>): Issue[] {
  return issues.map(({ code, path, message, ...details }) => {
    const { input: _input, inst: _inst, ...rest } = details as Record<string, unknown>;
    return { ...rest, code, path: path.map((part) => (typeof part === 'number' ? part : String(part))), message };
  });
}
