// No zod here: the feedback widget sends through this module and must stay small (see shape-guards.ts).
import type { ErrorBody } from '../schemas/error-body';
import { HttpError, codeForStatus } from './http-error';
import { isErrorBody } from './shape-guards';
import { IDEMPOTENCY_KEY_HEADER } from '../schemas/idempotency';
import type { FeedbackRequestOptions } from './verdict-client';

/** Extra headers for every request, or a function giving them (called per request, so tokens can change). */
export type HeadersOption =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>);

/** How the client reaches the server; see `createClient`. */
export interface Transport {
  baseUrl: string;
  fetch?: typeof globalThis.fetch;
  headers?: HeadersOption;
}

/** One request: a route relative to `baseUrl`, an optional query and JSON body. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  signal?: AbortSignal;
  /** The `Accept` header. @default 'application/json' */
  accept?: string;
  /** Extra headers of this request only (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
}

export function urlOf(transport: Transport, spec: RequestSpec): string {
  const query = spec.query?.toString() ?? '';
  // Plain concatenation, not `new URL`, so a relative baseUrl ('/api') works in the browser.
  return transport.baseUrl.replace(/\/+$/, '') + spec.path + (query === '' ? '' : `?${query}`);
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

async function failure(response: Response, spec: RequestSpec, url: string): Promise<HttpError> {
  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  const body: ErrorBody | undefined = json.ok && isErrorBody(json.value) ? json.value : undefined;
  const message = body?.error.message ?? `${spec.method} ${url} failed with ${response.status} ${response.statusText}`.trim();
  return new HttpError(message, {
    status: response.status,
    code: body?.error.code ?? codeForStatus(response.status),
    method: spec.method,
    url,
    ...(body === undefined ? {} : { body }),
  });
}

/** Sends a request; resolves with the 2xx response, throws {@link HttpError} otherwise. */
export async function send(transport: Transport, spec: RequestSpec): Promise<Response> {
  const url = urlOf(transport, spec);
  const headers = new Headers({ accept: spec.accept ?? 'application/json' });
  if (spec.body !== undefined) headers.set('content-type', 'application/json');
  const extra = typeof transport.headers === 'function' ? await transport.headers() : transport.headers;
  for (const [name, value] of Object.entries({ ...extra, ...spec.headers })) headers.set(name, value);
  // Called detached, never as a method of the options object, which browsers reject ("Illegal invocation").
  const fetchImpl = transport.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: spec.method,
      headers,
      ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
      ...(spec.signal === undefined ? {} : { signal: spec.signal }),
    });
  } catch (error) {
    if (spec.signal?.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new HttpError(`${spec.method} ${url} got no answer: ${reason}`, {
      status: 0,
      code: 'UNAVAILABLE',
      method: spec.method,
      url,
      cause: error,
    });
  }
  if (!response.ok) throw await failure(response, spec, url);
  return response;
}

/** Sends a request whose answer carries no content (204), discarding any body. */
export async function requestVoid(transport: Transport, spec: RequestSpec): Promise<void> {
  const response = await send(transport, spec);
  await response.body?.cancel();
}

/**
 * Sends a request and checks its JSON answer with a hand-written guard (for the zod-free feedback
 * client); an answer that fails it is an `INVALID_RESPONSE` HttpError.
 */
export async function requestGuarded<T>(transport: Transport, spec: RequestSpec, guard: (value: unknown) => value is T): Promise<T> {
  const response = await send(transport, spec);
  const url = urlOf(transport, spec);
  const json = parseJson(await response.text());
  if (json.ok && guard(json.value)) return json.value;
  throw new HttpError(`${spec.method} ${url}: ${json.ok ? 'the answer does not match its schema' : 'the answer is not JSON'}`, {
    status: response.status,
    code: 'INVALID_RESPONSE',
    method: spec.method,
    url,
    ...(json.ok ? {} : { cause: json.error }),
  });
}

/** Builds a query string, leaving out absent values. */
export function queryOf(entries: Record<string, string | number | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) query.set(key, String(value));
  return query;
}

/** Adds the per-call signal (and, for feedback writes, the idempotency key) to a request. */
export function withSignal(spec: RequestSpec, options: FeedbackRequestOptions | undefined): RequestSpec {
  const key = options?.idempotencyKey;
  return {
    ...spec,
    ...(options?.signal === undefined ? {} : { signal: options.signal }),
    ...(key === undefined ? {} : { headers: { [IDEMPOTENCY_KEY_HEADER]: key } }),
  };
}
