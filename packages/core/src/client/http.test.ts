import { describe, expect, it } from 'vitest';
import { VerdictError } from '../errors';
import { newTraceId } from '../ids';
import { createClient } from './create-client';
import { HttpError, codeForStatus } from './http-error';

/** A fetch that records its calls and answers with `answer`, so edge cases need no server. */
function fakeFetch(answer: (url: string, init: RequestInit | undefined) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return answer(String(input), init);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const traceId = newTraceId();

describe('client transport', () => {
  it('joins a relative baseUrl (browser style) without a double slash', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ status: 'success', trace_id: traceId }));
    await createClient({ baseUrl: '/api/', fetch }).sendFeedback({ trace_id: traceId, is_correct: true });
    expect(calls[0]?.url).toBe(`/api/feedback?trace_id=${traceId}`);
  });

  it('turns a network failure into HttpError UNAVAILABLE with status 0 and the cause', async () => {
    const cause = new TypeError('fetch failed');
    const { fetch } = fakeFetch(() => Promise.reject(cause));
    const error: unknown = await createClient({ baseUrl: 'http://down.test', fetch }).getTrace(traceId).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'HttpError', status: 0, code: 'UNAVAILABLE', cause });
    expect((error as Error).message).toContain(`GET http://down.test/traces/${traceId} got no answer: fetch failed`);
  });

  it('rethrows an abort unchanged', async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch((_url, init) => {
      controller.abort();
      return Promise.reject(init?.signal?.reason);
    });
    const error: unknown = await createClient({ baseUrl: '/api', fetch })
      .chat({ message: 'Hi' }, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(HttpError.isInstance(error)).toBe(false);
    expect((error as Error).name).toBe('AbortError');
  });

  it('names the code from the status when the error body is not Verdict JSON', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error: unknown = await createClient({ baseUrl: '/api', fetch }).chat({ message: 'Hi' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502, code: 'UNAVAILABLE', body: undefined, message: 'POST /api/chat failed with 502 Bad Gateway' });
  });

  it('refuses a 2xx answer that does not match its schema with INVALID_RESPONSE', async () => {
    const { fetch } = fakeFetch(() => Response.json({ response: 42 }));
    const error: unknown = await createClient({ baseUrl: '/api', fetch }).chat({ message: 'Hi' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 200, code: 'INVALID_RESPONSE' });
    expect((error as HttpError).issues?.map((issue) => issue.path[0])).toEqual(['response', 'trace_id']);
    const notJson = fakeFetch(() => new Response('not json', { status: 200 }));
    await expect(createClient({ baseUrl: '/api', fetch: notJson.fetch }).chat({ message: 'Hi' })).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
    });
  });

  it('lets headers override the defaults', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ response: 'ok', trace_id: traceId }));
    await createClient({ baseUrl: '/api', fetch, headers: { Accept: 'application/x-ndjson' } }).chat({ message: 'Hi' });
    expect(new Headers(calls[0]?.init?.headers).get('accept')).toBe('application/x-ndjson');
  });

  it('fails fast on bad options', () => {
    expect(() => createClient({ baseUrl: '' })).toThrow(VerdictError);
    expect(() => createClient({} as never)).toThrow(/needs a baseUrl/);
    expect(() => createClient({ baseUrl: '/api', fetch: 'fetch' as never })).toThrow(/fetch must be a function/);
    expect(() => createClient({ baseUrl: '/api', headers: 'x' as never })).toThrow(/headers must be an object/);
  });
});

describe('HttpError', () => {
  it('is recognised across package copies by its Symbol.for marker', () => {
    const error = new HttpError('nope', { status: 403, code: 'PERMISSION_DENIED', method: 'GET', url: '/api/traces' });
    expect(HttpError.isInstance(error)).toBe(true);
    expect(HttpError.isInstance({ [Symbol.for('verdict.http-error')]: true })).toBe(true);
    expect(HttpError.isInstance(new Error('nope'))).toBe(false);
    expect(HttpError.isInstance(null)).toBe(false);
    expect(VerdictError.isInstance(error)).toBe(false);
  });

  it('maps statuses without a named code onto the error table', () => {
    expect([400, 401, 403, 404, 409, 413, 415, 429, 500, 503].map(codeForStatus)).toEqual([
      'INVALID_ARGUMENT',
      'UNAUTHENTICATED',
      'PERMISSION_DENIED',
      'NOT_FOUND',
      'CONFLICT',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'RATE_LIMITED',
      'INTERNAL',
      'UNAVAILABLE',
    ]);
    expect([502, 504, 501, 418].map(codeForStatus)).toEqual(['UNAVAILABLE', 'UNAVAILABLE', 'INTERNAL', 'UNKNOWN']);
  });
});
