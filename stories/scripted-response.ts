// What every scripted transport answers with, so the fakes read as their routes alone.

/**
 * A JSON response, as the Verdict routes send it.
 * @example return json({ assessment }, 201);
 */
export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * An error response in the Verdict error shape `{ error: { code, message } }`.
 * @example return failure(503, 'UNAVAILABLE', 'Feedback service is down');
 */
export const failure = (status: number, code: string, message: string) => json({ error: { code, message } }, status);

/**
 * The 404 a fake gives for a route its script does not cover.
 * @example return notScripted(`${method} ${path}`);
 */
export const notScripted = (what: string) => failure(404, 'NOT_FOUND', `no scripted answer for ${what}`);

/**
 * A response that never comes (a request left pending, to show a loading state).
 * @example if (writes === 'pending') return never();
 */
export const never = () => new Promise<Response>(() => undefined);

/**
 * The parts of a request a fake routes on: its URL, method and path without the `/api` prefix.
 * @example const { method, path, url } = requestOf(input, init);
 */
export function requestOf(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): { url: URL; method: string; path: string } {
  const url = new URL(String(input), 'http://stories.invalid');
  return { url, method: init?.method ?? 'GET', path: url.pathname.replace(/^\/api/, '') };
}

const encoder = new TextEncoder();
/**
 * One server-sent event as the routes stream it: `data: <json>` and a blank line.
 * @example controller.enqueue(sseEvent({ type: 'token', content: 'Hi' }));
 */
export const sseEvent = (event: object) => encoder.encode(`data: ${JSON.stringify(event)}\n\n`);
