// Test-only (never exported): the listening half of the test servers.
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** A listening app: the URL of its `/api` and how to stop it. */
export interface ListeningApi {
  /** `http://127.0.0.1:<port>/api`. */
  api: string;
  /** Closes the server, open (streaming, keep-alive) connections included. */
  close(): Promise<void>;
}

/**
 * Listens with `app` on a free port of 127.0.0.1.
 * @example const { api, close } = await listenApi(app); // api: 'http://127.0.0.1:54321/api'
 */
export async function listenApi(app: Express): Promise<ListeningApi> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    api: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
