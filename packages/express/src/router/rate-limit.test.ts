import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '@verdict/core';
import { serveWithTrace } from '../test-support/serve';
import type { TestServer } from '../test-support/serve';
import { verdict } from '../verdict';
import { addressKey, createRateLimit } from './rate-limit';
import { createFixedWindow } from './rate-limit-window';

let server: TestServer | undefined;
let closeApp: (() => Promise<void>) | undefined;
afterEach(async () => {
  await server?.close();
  await closeApp?.();
  server = closeApp = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(rateLimit: unknown) {
  const started = await serveWithTrace({
    rateLimit: rateLimit as never,
    setup: (app, v) => {
      app.post('/api/chat', v.chatHandler(({ message }) => `echo ${message}`));
      app.post('/api/stream', v.streamHandler(async function* () {
        yield 'streamed';
      }));
    },
  });
  server = started.server;
  const traceId = started.trace.info.trace_id;
  const vote = (headers: Record<string, string> = {}) =>
    fetch(`${server!.api}/feedback?trace_id=${traceId}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ is_correct: true }) });
  const chat = () => fetch(`${server!.api}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'hi' }) });
  const stream = () => fetch(`${server!.api}/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'hi' }) });
  return { vote, chat, stream, traceId };
}

describe('verdict({ rateLimit })', () => {
  it('over the limit the feedback routes and the chat handler answer 429 with Retry-After and RateLimit headers', async () => {
    const { vote, chat, stream } = await start({ windowMs: 60_000, max: 4 });
    const first = await vote();
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('4');
    expect(first.headers.get('ratelimit-remaining')).toBe('3');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(55);
    expect(first.headers.get('retry-after')).toBeNull();
    // The chat handler counts against the same client limit.
    expect((await chat()).status).toBe(200);
    const streamed = await stream();
    expect(streamed.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(await streamed.text()).toContain('streamed');
    expect((await fetch(`${server!.api}/detailed-feedback`, { method: 'POST' })).status).toBe(400);

    for (const refused of [await vote(), await chat(), await stream()]) {
      expect(refused.status).toBe(429);
      expect(await refused.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(/at most 4 per 60000 ms; retry in 60 s/) } });
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    }
    // Developer routes are not end-user routes: no limit there.
    const traces = await fetch(`${server!.api}/traces`);
    expect(traces.status).toBe(200);
    expect(traces.headers.get('ratelimit-limit')).toBeNull();
    expect((await fetch(`${server!.api}/feedback/summary`)).status).toBe(200);
  });

  it('allows requests again once the window has passed', async () => {
    const { vote } = await start({ windowMs: 300, max: 2 });
    expect([(await vote()).status, (await vote()).status, (await vote()).status]).toEqual([200, 200, 429]);
    await sleep(350);
    const again = await vote();
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit-remaining')).toBe('1');
  });

  it('counts per key from keyGenerator', async () => {
    const { vote } = await start({ max: 1, keyGenerator: (req: express.Request) => String(req.headers['x-client']) });
    expect((await vote({ 'x-client': 'a' })).status).toBe(200);
    expect((await vote({ 'x-client': 'b' })).status).toBe(200);
    expect((await vote({ 'x-client': 'a' })).status).toBe(429);
  });

  it('is on by default (60 a minute per client) and off with false', async () => {
    const { vote } = await start(undefined);
    const statuses = [];
    for (let index = 0; index < 61; index++) statuses.push((await vote()).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(60);
    expect(statuses.at(-1)).toBe(429);
    await server!.close();

    const off = await start(false);
    for (let index = 0; index < 70; index++) {
      const response = await off.vote();
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBeNull();
    }
  });

  it('checks the option once, with a helpful message', () => {
    const store = memoryStore();
    expect(() => verdict({ store, rateLimit: { max: 0 } })).toThrow(/rateLimit.max must be at least 1 \(use rateLimit: false/);
    expect(() => verdict({ store, rateLimit: { maxRequests: 5 } as never })).toThrow(/verdict\(\{ rateLimit \}\) has no option "maxRequests"/);
    expect(() => verdict({ store, rateLimit: { windwMs: 5 } as never })).toThrow(/no option "windwMs" \(did you mean windowMs\?\); known: windowMs, max, keyGenerator/);
    expect(() => verdict({ store, rateLimit: { windowMs: 1.5 } })).toThrow(/rateLimit.windowMs must be a whole number/);
    expect(() => verdict({ store, rateLimit: { keyGenerator: 'ip' as never } })).toThrow(/keyGenerator must be a function/);
    expect(() => verdict({ store, rateLimit: 'on' as never })).toThrow(/rateLimit must be false, true or/);
  });
});

describe('createRateLimit with a fake clock', () => {
  it('resets at the window boundary and answers 500 when keyGenerator breaks', async () => {
    let now = 1_000_000;
    const errors: unknown[] = [];
    const app = express();
    app.get('/limited', createRateLimit({ windowMs: 10_000, max: 1 }, { onError: (error) => errors.push(error), now: () => now }), (_req, res) => {
      res.json({ ok: true });
    });
    app.get('/broken', createRateLimit({ keyGenerator: () => { throw new Error('no key'); } }, { onError: (error) => errors.push(error) }), (_req, res) => {
      res.json({ ok: true });
    });
    const listening = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    closeApp = () => new Promise((resolve) => listening.close(() => resolve()));
    const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;

    expect((await fetch(`${url}/limited`)).status).toBe(200);
    now += 9_999;
    const refused = await fetch(`${url}/limited`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    now += 1;
    expect((await fetch(`${url}/limited`)).status).toBe(200);

    const broken = await fetch(`${url}/broken`);
    expect(broken.status).toBe(500);
    expect(errors).toHaveLength(1);
  });
});

describe('createFixedWindow', () => {
  it('sweeps expired keys and never holds more than maxKeys', () => {
    let now = 0;
    const window = createFixedWindow({ windowMs: 100, max: 1, maxKeys: 50, now: () => now });
    for (let index = 0; index < 40; index++) window.hit(`old-${index}`);
    expect(window.size).toBe(40);
    now = 150;
    window.hit('new');
    // The 40 expired windows went on the first hit after they ended.
    expect(window.size).toBe(1);
    for (let index = 0; index < 200; index++) window.hit(`flood-${index}`);
    expect(window.size).toBe(50);
  });
});

describe('addressKey', () => {
  it('keys IPv4 by address and IPv6 by its /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
