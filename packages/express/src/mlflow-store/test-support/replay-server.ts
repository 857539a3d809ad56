// Test-only: a real HTTP server on 127.0.0.1 that answers a script of recorded exchanges in
// order, keeping what it was sent, so a test can hold a request builder to the recorded request
// and its parser to the recorded answer over the real HTTP client.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Recorded } from './recorded';

/** One request as the replay server received it. */
export interface ReplayedRequest {
  method: string;
  /** Path with its query string, as sent. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON when it is JSON, else its bytes (null when empty). */
  body: unknown;
}

/** A running replay server. */
export interface ReplayServer {
  url: string;
  /** Every request received, in order. */
  received: ReplayedRequest[];
  close(): Promise<void>;
}

/**
 * Answers the n-th request with the n-th exchange's recorded response (status, content type,
 * body); a request beyond the script gets a 599 so the test fails loudly.
 * @example const server = await startReplayServer([recorded('version')]); await fetch(`${server.url}/version`);
 */
export async function startReplayServer(script: ReadonlyArray<Pick<Recorded, 'response'>>): Promise<ReplayServer> {
  const received: ReplayedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: unknown = raw.length === 0 ? null : raw;
      if (raw.length > 0 && String(req.headers['content-type']).includes('json')) body = JSON.parse(raw.toString('utf8')) as unknown;
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const exchange = script[received.length - 1];
      if (exchange === undefined) {
        res.writeHead(599, { 'Content-Type': 'text/plain' }).end('not in the script');
        return;
      }
      const { status, content_type, body: answer } = exchange.response;
      res.writeHead(status, { 'Content-Type': content_type }).end(typeof answer === 'string' ? answer : JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
