// The live stream over real HTTP on the embedded engine: stream tickets, pokes after pushes
// (coalesced), and streams that close when access ends.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Storage } from '../../src/server/storage/storage';
import { newId } from '../../src/shared/domain/ids';
import { openStream } from './support/sse-client';
import {
  call,
  issueSession,
  openTempSqlite,
  pushRequest,
  seedWorld,
  startServer,
  updateFields,
  type TestServer,
  type TestWorld,
} from './support/server-kit';

let storage: Storage;
let cleanup: () => Promise<void>;
let world: TestWorld;
let server: TestServer;

beforeAll(async () => {
  ({ storage, cleanup } = await openTempSqlite());
  world = await seedWorld(storage);
  server = await startServer({ storage, stream: { pokeIntervalMs: 100 } });
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

async function streamFor(token: string) {
  const ticket = await call(server.base, 'POST', '/sync/stream-ticket', { token, body: {} });
  const stream = await openStream(server.base, ticket.body.value.ticket);
  await stream.next('ready');
  return stream;
}

test('pokes an open stream within a second when another agent pushes', async () => {
  const watcher = await issueSession(storage, world.accounts.lead.id);
  const pusher = await issueSession(storage, world.accounts.agent.id);
  const stream = await streamFor(watcher.token);
  const started = Date.now();
  const pushed = await call(server.base, 'POST', '/sync/push', {
    token: pusher.token,
    body: pushRequest(newId(), [updateFields(1, world.tickets[0]!.id, { priority: 'urgent' })]),
  });
  expect(pushed.body.value.results[0].status).toBe('applied');
  const poke = await stream.next('poke', 1000);
  expect(poke.at - started).toBeLessThan(1000);
  expect(poke.data).toEqual({ head: `${storage.epoch}.${await storage.read((tx) => tx.head())}` });
  stream.close();
});

test('coalesces a burst of changes into a few pokes that end at the newest head', async () => {
  const watcher = await issueSession(storage, world.accounts.lead.id);
  const pusher = await issueSession(storage, world.accounts.agent.id);
  const stream = await streamFor(watcher.token);
  const clientId = newId();
  for (let seq = 1; seq <= 20; seq += 1) {
    await call(server.base, 'POST', '/sync/push', {
      token: pusher.token,
      body: pushRequest(clientId, [updateFields(seq, world.tickets[1]!.id, { tags: [`burst-${seq}`] })]),
    });
  }
  const head = `${storage.epoch}.${await storage.read((tx) => tx.head())}`;
  const deadline = Date.now() + 2000;
  while (stream.events.at(-1)?.data.head !== head && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const pokes = stream.events.filter((event) => event.name === 'poke');
  expect(pokes.at(-1)?.data).toEqual({ head });
  expect(pokes.length).toBeLessThan(20);
  stream.close();
});

test('refuses a stream ticket when it is used a second time', async () => {
  const { token } = await issueSession(storage, world.accounts.agent.id);
  const ticket = (await call(server.base, 'POST', '/sync/stream-ticket', { token, body: {} })).body.value.ticket as string;
  const first = await openStream(server.base, ticket);
  expect(first.status).toBe(200);
  const second = await call(server.base, 'GET', `/sync/stream?ticket=${ticket}`);
  expect({ status: second.status, body: second.body }).toEqual({
    status: 401,
    body: { ok: false, error: { code: 'unauthorized', message: expect.any(String), field: 'ticket' } },
  });
  first.close();
});

test('closes the streams of an account when an admin disables it', async () => {
  const { accounts } = await seedWorld(storage, { emailDomain: 'disabled.example', tickets: 0 });
  const watcher = await issueSession(storage, accounts.agent.id);
  const stream = await streamFor(watcher.token);
  const adminToken = (await issueSession(storage, world.accounts.admin.id)).token;
  const started = Date.now();
  await call(server.base, 'POST', `/admin/accounts/${accounts.agent.id}/disable`, { token: adminToken, body: {} });
  expect((await stream.next('closed', 1000)).data).toEqual({ reason: 'account-disabled' });
  await stream.ended;
  expect(Date.now() - started).toBeLessThan(1000);
});

test('closes the stream of a revoked session and keeps the other sessions of the account open', async () => {
  const first = await issueSession(storage, world.accounts.author.id);
  const second = await issueSession(storage, world.accounts.author.id);
  const revokedStream = await streamFor(first.token);
  const keptStream = await streamFor(second.token);
  const adminToken = (await issueSession(storage, world.accounts.admin.id)).token;
  await call(server.base, 'POST', `/admin/sessions/${first.session.id}/revoke`, { token: adminToken, body: {} });
  expect((await revokedStream.next('closed', 1000)).data).toEqual({ reason: 'session-revoked' });
  await revokedStream.ended;
  expect(keptStream.events.map((event) => event.name)).not.toContain('closed');
  keptStream.close();
});

test('closes every stream with a reason when the server shuts down', async () => {
  const own = await startServer({ storage });
  const { token } = await issueSession(storage, world.accounts.agent.id);
  const ticket = (await call(own.base, 'POST', '/sync/stream-ticket', { token, body: {} })).body.value.ticket as string;
  const stream = await openStream(own.base, ticket);
  await stream.next('ready');
  await own.close();
  expect((await stream.next('closed', 1000)).data).toEqual({ reason: 'server-closing' });
  await stream.ended;
});
