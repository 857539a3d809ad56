import { DEFAULT_RETRY, backoffDelay, parseRetryAfter, sleep } from './backoff';
import type { RetryPolicy } from './backoff';

/** One request to MLflow. `json` is sent as `application/json`; `body` as raw bytes. */
export interface MlflowRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path from the server root, e.g. `/api/3.0/mlflow/traces`. */
  path: string;
  /** GET parameters; arrays repeat the key (`?trace_ids=a&trace_ids=b`), as MLflow expects. */
  query?: Record<string, string | number | boolean | string[] | undefined>;
  json?: unknown;
  body?: Uint8Array;
  headers?: Record<string, string>;
  /**
   * `always` (the default): the request is idempotent, so any 429, 5xx, timeout or network error
   * is retried. `safe`: retried only when the server surely did not act on it (connection refused,
   * 429) — for creates, whose callers check before trying again.
   */
  retry?: 'always' | 'safe';
}

/** A 2xx answer. `json` is set when the body parsed as JSON. */
export interface MlflowResponse {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

/** MLflow answered with an error it will give again (4xx, 501), with its `error_code` when JSON. */
export class MlflowHttpError extends Error {
  override readonly name = 'MlflowHttpError';
  constructor(
    readonly status: number,
    readonly errorCode: string | undefined,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/**
 * MLflow could not be reached, or kept failing, after every retry. `ambiguous` is true when a
 * request may have been acted on (a timeout or a 5xx after it was sent).
 */
export class MlflowUnavailableError extends Error {
  override readonly name = 'MlflowUnavailableError';
  constructor(
    message: string,
    readonly ambiguous: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What {@link createMlflowHttp} needs. */
export interface MlflowHttpOptions {
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`. */
  token?: string | undefined;
  /** Sent as `Authorization: Basic …` (also taken from `user:pass@` in the tracking URI). */
  basicAuth?: { username: string; password: string } | undefined;
  headers?: Record<string, string> | undefined;
  /** Per attempt. @default 10000 */
  timeoutMs?: number | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  fetch?: typeof fetch | undefined;
}

/** Sends requests to one MLflow server. */
export interface MlflowHttp {
  request(request: MlflowRequest, signal?: AbortSignal): Promise<MlflowResponse>;
  /** Stops waits between retries, so a closing store does not hang. */
  abortAll(): void;
}

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function buildUrl(baseUrl: string, request: MlflowRequest): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + request.path);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  }
  return url.toString();
}

function parseBody(text: string, contentType: string): unknown {
  if (!contentType.includes('json') && !/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describeError(body: unknown, text: string): { code: string | undefined; message: string } {
  if (typeof body === 'object' && body !== null) {
    const record = body as { error_code?: unknown; message?: unknown; detail?: unknown };
    const code = typeof record.error_code === 'string' ? record.error_code : undefined;
    if (typeof record.message === 'string') return { code, message: record.message };
    if (record.detail !== undefined) return { code, message: typeof record.detail === 'string' ? record.detail : JSON.stringify(record.detail) };
  }
  // Flask's own 404/405 pages are HTML: keep the message short.
  return { code: undefined, message: text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) };
}

/**
 * An MLflow HTTP client: auth headers, a timeout per attempt (AbortSignal), and retries with
 * exponential backoff and jitter on 429 (honouring `Retry-After`), 5xx (but 501) and network
 * errors. Error messages name the method and path, never headers, so secrets stay out of logs.
 * @example
 * const http = createMlflowHttp({ baseUrl: 'http://127.0.0.1:5000', token: process.env.MLFLOW_TRACKING_TOKEN });
 * const { json } = await http.request({ method: 'GET', path: '/api/2.0/mlflow/experiments/get', query: { experiment_id: '1' } });
 */
export function createMlflowHttp(options: MlflowHttpOptions): MlflowHttp {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const doFetch = options.fetch ?? fetch;
  const closing = new AbortController();
  const baseHeaders: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) baseHeaders.Authorization = `Bearer ${options.token}`;
  else if (options.basicAuth !== undefined) {
    const pair = `${options.basicAuth.username}:${options.basicAuth.password}`;
    baseHeaders.Authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  }

  async function attempt(request: MlflowRequest, signal: AbortSignal | undefined): Promise<Response> {
    const headers: Record<string, string> = { ...baseHeaders, ...request.headers };
    let body: string | Uint8Array | undefined;
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.body !== undefined) body = request.body;
    const signals = [AbortSignal.timeout(timeoutMs), closing.signal];
    if (signal !== undefined) signals.push(signal);
    return doFetch(buildUrl(options.baseUrl, request), { method: request.method, headers, body, signal: AbortSignal.any(signals) });
  }

  async function request(request: MlflowRequest, signal?: AbortSignal): Promise<MlflowResponse> {
    const what = `${request.method} ${request.path}`;
    const mode = request.retry ?? 'always';
    let lastProblem = 'no attempt made';
    let ambiguous = false;
    for (let attemptNo = 1; attemptNo <= policy.attempts; attemptNo += 1) {
      let retryAfterMs: number | undefined;
      let retryable: boolean;
      try {
        const response = await attempt(request, signal);
        const text = await response.text();
        const contentType = response.headers.get('content-type') ?? '';
        const json = parseBody(text, contentType);
        if (response.ok) return { status: response.status, contentType, text, json };
        const { code, message } = describeError(json, text);
        if (response.status === 429) {
          retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
          retryable = true;
        } else if (response.status >= 500 && response.status !== 501) {
          retryable = mode === 'always';
          ambiguous = true;
        } else {
          throw new MlflowHttpError(response.status, code, `MLflow ${what} answered ${response.status}: ${message}`, json);
        }
        lastProblem = `${response.status} ${message}`;
        if (!retryable) break;
      } catch (error) {
        if (error instanceof MlflowHttpError) throw error;
        if (signal?.aborted) throw error;
        const code = networkCode(error);
        const refused = code !== undefined && REFUSED.has(code);
        if (!refused) ambiguous = true;
        lastProblem = code ?? (error instanceof Error ? error.name : 'network error');
        if (closing.signal.aborted) break;
        if (!refused && mode === 'safe') break;
      }
      if (attemptNo < policy.attempts) await sleep(backoffDelay(attemptNo, policy, retryAfterMs), closing.signal);
    }
    throw new MlflowUnavailableError(`MLflow ${what} failed: ${lastProblem}`, ambiguous);
  }

  return { request, abortAll: () => closing.abort() };
}
