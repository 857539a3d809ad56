import * as z from 'zod/mini';
import { toIssues } from '../errors';
import { ErrorBodySchema } from '../schemas/error-body';
import type { ErrorBody } from '../schemas/error-body';
import { HttpError, codeForStatus } from './http-error';

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

function urlOf(transport: Transport, spec: RequestSpec): string {
  const query = spec.query?.toString() ?? '';
  // Plain concatenation, not `new URL`, so a relative baseUrl ('/api') works in the browser.
  return transport.baseUrl.replace(/\/+$/, '') + spec.path + (query === '' ? '' : `?${query}`);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

async function failure(response: Response, spec: RequestSpec, url: string): Promise<HttpError> {
  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  const parsed = json.ok ? ErrorBodySchema.safeParse(json.value) : undefined;
  const body: ErrorBody | undefined = parsed?.success ? parsed.data : undefined;
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

/** Sends a request and parses its JSON answer with `schema`: network JSON is never trusted as is. */
export async function requestJson<Schema extends z.core.$ZodType>(
  transport: Transport,
  spec: RequestSpec,
  schema: Schema,
): Promise<z.output<Schema>> {
  const response = await send(transport, spec);
  const url = urlOf(transport, spec);
  const invalid = (message: string, extra: { cause?: unknown; issues?: ReturnType<typeof toIssues> }) =>
    new HttpError(`${spec.method} ${url}: ${message}`, {
      status: response.status,
      code: 'INVALID_RESPONSE',
      method: spec.method,
      url,
      ...extra,
    });
  const json = parseJson(await response.text());
  if (!json.ok) throw invalid('the answer is not JSON', { cause: json.error });
  const result = z.safeParse(schema, json.value);
  if (!result.success) throw invalid('the answer does not match its schema', { issues: toIssues(result.error.issues) });
  return result.data;
}

/** Sends a request whose answer carries no content (204), discarding any body. */
export async function requestVoid(transport: Transport, spec: RequestSpec): Promise<void> {
  const response = await send(transport, spec);
  await response.body?.cancel();
}
