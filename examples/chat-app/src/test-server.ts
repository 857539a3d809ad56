// Test-only (the app never imports it): real HTTP servers on 127.0.0.1 for the stream tests.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { memoryStore, parseSseStream } from '@verdict/core';
import { afterEach } from 'vitest';
import { createChatApp } from './app';
import type { ChatModel } from './models';

const servers: Server[] = [];
// Vitest loads this module afresh for each test file that imports it, so each file gets this hook.
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      // A stopped stream leaves its keep-alive socket open; close() must not wait for it.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

/**
 * Listens on a free local port until the end of the current test.
 * @example const base = await listen(createServer(app)); // 'http://127.0.0.1:54321'
 */
export async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Serves the example app with `model`, a memory store and feedback tokens on; answers its URL.
 * @example const base = await startApp(demoModel(), 'a-test-secret-of-32-characters-');
 */
export async function startApp(model: ChatModel, feedbackSecret: string): Promise<string> {
  const { app } = createChatApp({ store: memoryStore(), model, feedbackSecret });
  return listen(createServer(app));
}

/**
 * POSTs to the streaming route and reads its events with core's SSE parser, as the React hook does.
 * @example const { events, stop } = await openStream(base, 'How long does shipping take?');
 */
export async function openStream(base: string, message: string) {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/chat/stream`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message }),
    signal: controller.signal,
  });
  if (response.body === null) throw new Error('no body');
  return { response, events: parseSseStream(response.body), stop: () => controller.abort() };
}
