// @vitest-environment jsdom
/// <reference lib="dom" />
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { memoryStore, TraceSchema } from '@verdict/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatApp } from './app';
import { demoModel } from './models';

// The page's own script, run in jsdom against the real example server: the closest to a browser
// this package gets until the Playwright test of the React front end.
const publicDir = join(dirname(fileURLToPath(import.meta.url)), '../public');
let server: Server | undefined;

beforeEach(() => {
  vi.resetModules();
  localStorage.clear();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

async function openPage(tokenDelayMs: number): Promise<string> {
  const { app } = createChatApp({ store: memoryStore(), model: demoModel({ tokenDelayMs }), feedbackSecret: 'page-test-secret-0123456789' });
  server = createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const html = new DOMParser().parseFromString(await readFile(join(publicDir, 'index.html'), 'utf8'), 'text/html');
  document.body.replaceChildren(...Array.from(html.body.childNodes, (node) => document.importNode(node, true)));
  // The page fetches relative URLs, as served from the app's origin.
  const nodeFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => nodeFetch(new URL(url, base), init));
  // A fresh copy per test: the script wires up the page it finds when it runs.
  const script: string = `${pathToFileURL(join(publicDir, 'app.js')).href}?t=${Date.now()}`;
  await import(/* @vite-ignore */ script);
  return base;
}

function ask(question: string): HTMLLIElement {
  const input = document.getElementById('message') as HTMLInputElement;
  input.value = question;
  (document.getElementById('ask') as HTMLFormElement).requestSubmit();
  const turns = document.querySelectorAll<HTMLLIElement>('#log .turn');
  const turn = turns[turns.length - 1];
  if (turn === undefined) throw new Error('no turn was added');
  return turn;
}

describe('the example page', () => {
  it('shows the answer as it streams, then takes a thumbs-down with a comment on its trace', async () => {
    const base = await openPage(0);
    const turn = ask('How long does standard shipping take?');
    const answer = turn.querySelector('.answer');
    await vi.waitFor(() => expect((document.getElementById('stop') as HTMLButtonElement).hidden).toBe(true), { timeout: 3000 });
    expect(answer?.textContent).toMatch(/^\[offline demo model\] .*3 to 5 business days/);
    const feedback = turn.querySelector<HTMLElement>('.feedback');
    expect(feedback?.hidden).toBe(false);
    (turn.querySelector('.comment') as HTMLInputElement).value = 'which carrier?';
    turn.querySelector<HTMLButtonElement>('button[data-value="false"]')?.click();
    await vi.waitFor(() => expect(turn.querySelector('.status')?.textContent).toBe('Thanks, noted.'));
    const traceId = new URL(turn.querySelector<HTMLAnchorElement>('.trace')?.href ?? '', base).pathname.split('/').at(-1) ?? '';
    const trace = TraceSchema.parse(await (await fetch(`api/traces/${traceId}`)).json());
    expect(trace.info.assessments).toEqual([expect.objectContaining({ feedback: { value: false }, rationale: 'which carrier?' })]);
  });

  it('enables the thumbs as soon as the answer starts, and Stop ends it early', async () => {
    await openPage(40);
    const turn = ask('Which payment methods do you accept?');
    const stop = document.getElementById('stop') as HTMLButtonElement;
    await vi.waitFor(() => expect(turn.querySelector('.answer')?.textContent).not.toBe(''));
    expect(turn.querySelector<HTMLElement>('.feedback')?.hidden).toBe(false);
    expect(stop.hidden).toBe(false);
    stop.click();
    await vi.waitFor(() => expect(turn.querySelector('.answer')?.textContent).toMatch(/ \[stopped\]$/));
    expect(stop.hidden).toBe(true);
    expect(turn.querySelector('.answer')?.textContent).not.toMatch(/Visa/);
  });
});
