// Accounts and sessions over real HTTP: sign-in, its rate limits, logout, disabled accounts,
// and the admin endpoints that create and disable accounts.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Storage } from '../../src/server/storage/storage';
import {
  call,
  issueSession,
  openTempSqlite,
  seedWorld,
  startServer,
  TEST_PASSWORD,
  type TestServer,
  type TestWorld,
} from './support/server-kit';

let storage: Storage;
let cleanup: () => Promise<void>;
let world: TestWorld;

beforeAll(async () => {
  ({ storage, cleanup } = await openTempSqlite());
  world = await seedWorld(storage);
});
afterAll(() => cleanup());

function login(server: TestServer, email: string, password: string, forwardedFor?: string) {
  return fetch(`${server.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ email, password }),
  }).then(async (response) => ({ status: response.status, headers: response.headers, body: (await response.json()) as any }));
}

describe('sign-in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ storage, auth: { loginFailuresPerAccount: 3, loginAccountWindowMs: 60_000 } });
  });
  afterAll(() => server.close());

  test('signs in with the right password and answers a token that opens the session', async () => {
    const answer = await login(server, '  Agent@Support.Example ', TEST_PASSWORD);
    expect(answer.status).toBe(200);
    expect(answer.body.value.account).toEqual(world.accounts.agent);
    expect(answer.body.value.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const session = await call(server.base, 'GET', '/auth/session', { token: answer.body.value.token });
    expect(session.body).toEqual({ ok: true, value: { session: answer.body.value.session, account: world.accounts.agent } });
  });

  test('answers the same unauthorized error when the e-mail is unknown or the password wrong', async () => {
    const unknown = await login(server, 'nobody@support.example', TEST_PASSWORD);
    const wrong = await login(server, 'lead@support.example', 'not the password at all');
    for (const answer of [unknown, wrong]) {
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 401,
        body: { ok: false, error: { code: 'unauthorized', message: 'Wrong e-mail or password' } },
      });
    }
  });

  test('answers rate-limited with Retry-After when an account fails too often, even for the right password', async () => {
    for (let i = 0; i < 3; i += 1) expect((await login(server, 'author@support.example', `wrong password ${i}`)).status).toBe(401);
    const blocked = await login(server, 'author@support.example', TEST_PASSWORD);
    expect({ status: blocked.status, body: blocked.body }).toEqual({
      status: 429,
      body: { ok: false, error: { code: 'rate-limited', message: expect.stringMatching(/^Too many sign-in attempts: try again in \d+ s$/) } },
    });
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another account from the same address is not affected.
    expect((await login(server, 'lead@support.example', TEST_PASSWORD)).status).toBe(200);
  });

  test('refuses a disabled account at sign-in and ends its sessions at once', async () => {
    const { token } = await issueSession(storage, world.accounts.lead.id);
    const adminToken = (await issueSession(storage, world.accounts.admin.id)).token;
    expect((await call(server.base, 'GET', '/auth/session', { token })).status).toBe(200);
    const disabled = await call(server.base, 'POST', `/admin/accounts/${world.accounts.lead.id}/disable`, { token: adminToken, body: {} });
    expect(disabled.body.value.disabledAt).toEqual(expect.any(Number));
    expect((await call(server.base, 'GET', '/auth/session', { token })).status).toBe(401);
    const again = await login(server, 'lead@support.example', TEST_PASSWORD);
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 403, code: 'forbidden' });
    await call(server.base, 'POST', `/admin/accounts/${world.accounts.lead.id}/enable`, { token: adminToken, body: {} });
    // Enabling lets the account sign in again; its old sessions stay revoked.
    expect((await call(server.base, 'GET', '/auth/session', { token })).status).toBe(401);
    expect((await login(server, 'lead@support.example', TEST_PASSWORD)).status).toBe(200);
  });

  test('revokes the calling session when it logs out', async () => {
    const { token } = await issueSession(storage, world.accounts.agent.id);
    expect((await call(server.base, 'POST', '/auth/logout', { token, body: {} })).body).toEqual({ ok: true, value: { revoked: true } });
    expect((await call(server.base, 'GET', '/auth/session', { token })).status).toBe(401);
  });
});

describe('rate limit per address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ storage, trustProxy: true, auth: { loginAttemptsPerAddress: 4, loginAddressWindowMs: 60_000 } });
  });
  afterAll(() => server.close());

  test('answers rate-limited when one address tries too often, whatever the account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await login(server, `someone-${i}@support.example`, 'guessing away', '203.0.113.7')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // The limit is per address: another one signs in.
    expect((await login(server, 'admin@support.example', TEST_PASSWORD, '203.0.113.8')).status).toBe(200);
  });
});

describe('admin accounts', () => {
  let server: TestServer;
  let adminToken: string;
  beforeAll(async () => {
    server = await startServer({ storage });
  });
  beforeEach(async () => {
    adminToken = (await issueSession(storage, world.accounts.admin.id)).token;
  });
  afterAll(() => server.close());

  test('creates an account that can sign in when an admin adds it', async () => {
    const created = await call(server.base, 'POST', '/admin/accounts', {
      token: adminToken,
      body: { email: 'Nina@Support.Example', name: 'Nina Nieuw', role: 'author', password: 'a long enough passphrase', groupId: world.group.id },
    });
    expect(created.body).toEqual({
      ok: true,
      value: { id: expect.any(String), email: 'nina@support.example', name: 'Nina Nieuw', role: 'author', disabledAt: null, createdAt: expect.any(Number) },
    });
    expect((await login(server, 'nina@support.example', 'a long enough passphrase')).status).toBe(200);
  });

  test('refuses a new account when its password is short or its e-mail taken', async () => {
    const short = await call(server.base, 'POST', '/admin/accounts', {
      token: adminToken,
      body: { email: 'short@support.example', name: 'Short', role: 'agent', password: 'tiny' },
    });
    expect(short.body.error).toEqual({ code: 'validation', message: expect.any(String), field: 'password' });
    const taken = await call(server.base, 'POST', '/admin/accounts', {
      token: adminToken,
      body: { email: 'agent@support.example', name: 'Twin', role: 'agent', password: 'a long enough passphrase' },
    });
    expect({ status: taken.status, error: taken.body.error }).toEqual({ status: 409, error: { code: 'conflict', message: expect.any(String), field: 'email' } });
  });

  test('lists accounts without a password hash and sessions without a token', async () => {
    await issueSession(storage, world.accounts.agent.id);
    const accounts = await call(server.base, 'GET', '/admin/accounts', { token: adminToken });
    const sessions = await call(server.base, 'GET', `/admin/accounts/${world.accounts.agent.id}/sessions`, { token: adminToken });
    const text = JSON.stringify([accounts.body, sessions.body]);
    expect(text).not.toMatch(/scrypt|password|token/i);
    expect(Object.keys(sessions.body.value[0]).sort()).toEqual(['accountId', 'createdAt', 'expiresAt', 'id', 'revokedAt']);
  });

  test('revokes every session of an account when an admin asks', async () => {
    const first = await issueSession(storage, world.accounts.author.id);
    const second = await issueSession(storage, world.accounts.author.id);
    const revoked = await call(server.base, 'POST', `/admin/accounts/${world.accounts.author.id}/revoke-sessions`, { token: adminToken, body: {} });
    expect(revoked.body.value.revoked).toBeGreaterThanOrEqual(2);
    for (const { token } of [first, second]) expect((await call(server.base, 'GET', '/auth/session', { token })).status).toBe(401);
  });

  test('answers not-found when an admin disables an account that does not exist', async () => {
    const answer = await call(server.base, 'POST', '/admin/accounts/01890000-0000-7000-8000-000000000000/disable', { token: adminToken, body: {} });
    expect({ status: answer.status, error: answer.body.error }).toEqual({
      status: 404,
      error: { code: 'not-found', message: expect.any(String), field: 'accountId' },
    });
  });
});
