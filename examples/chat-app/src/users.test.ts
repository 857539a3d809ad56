import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReviewClient, memoryStore } from '@verdict/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatApp } from './app';
import { demoModel } from './models';
import { parseUsers, usersAuthorize } from './users';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function start(spec: string | undefined): Promise<string> {
  const { app } = createChatApp({ store: memoryStore(), model: demoModel(), feedbackSecret: 'users-test-secret-0123456789', authorize: usersAuthorize(parseUsers(spec)) });
  const server = createServer(app);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

describe('VERDICT_USERS', () => {
  it('parses name:role:token entries and refuses malformed ones, naming them', () => {
    const users = parseUsers(' ann:reviewer:t1 , dev:developer:t2,');
    expect([...(users ?? [])]).toEqual([['t1', { id: 'ann', role: 'reviewer' }], ['t2', { id: 'dev', role: 'developer' }]]);
    expect(parseUsers(undefined)).toBeUndefined();
    expect(parseUsers('  ')).toBeUndefined();
    expect(() => parseUsers('ann:reviewer')).toThrow('"ann:reviewer" is not name:role:token');
    expect(() => parseUsers('ann:admin:t')).toThrow(/role admin; use one of end_user, reviewer, developer/);
    expect(() => parseUsers('ann:reviewer:t,ann:developer:u')).toThrow(/ann appears twice/);
    expect(() => parseUsers('ann:reviewer:t,bob:reviewer:t')).toThrow(/share the token of bob/);
  });

  it('bearer tokens pick the user: the developer creates, the reviewer may not, no token is a 401', async () => {
    const api = await start('ann:reviewer:ann-token,dev:developer:dev-token');
    const dev = createReviewClient({ baseUrl: api, headers: { authorization: 'Bearer dev-token' } });
    expect(await dev.createDataset({ name: 'golden' })).toMatchObject({ created_by: 'dev' });
    const ann = await fetch(`${api}/datasets`, { headers: { authorization: 'Bearer ann-token' } });
    expect(ann.status).toBe(403);
    expect((await fetch(`${api}/datasets`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
    expect((await fetch(`${api}/datasets`)).status).toBe(401);
    expect((await fetch(`${api}/label-schemas`, { headers: { authorization: 'Bearer ann-token' } })).status).toBe(200);
  });

  it('without VERDICT_USERS everyone is the one developer', async () => {
    const api = await start(undefined);
    const response = await fetch(`${api}/datasets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'golden' }) });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { created_by: string }).created_by).toBe('developer');
  });
});
