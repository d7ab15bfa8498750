// Two backend instances sharing one PostgreSQL (started by this file in a temp folder on a free
// loopback port): a change accepted by one instance reaches the live streams of the other
// (LISTEN/NOTIFY), and so does a disabled account.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openStorage } from '../../src/server/storage/open-storage';
import type { Storage } from '../../src/server/storage/storage';
import { newId } from '../../src/shared/domain/ids';
import { startPostgres, type TestPostgres } from './support/embedded-postgres';
import { openStream } from './support/sse-client';
import {
  call,
  issueSession,
  pullRequest,
  pushRequest,
  seedWorld,
  startServer,
  updateFields,
  type TestServer,
  type TestWorld,
} from './support/server-kit';

let postgres: TestPostgres;
let storageA: Storage;
let storageB: Storage;
let instanceA: TestServer;
let instanceB: TestServer;
let world: TestWorld;

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase();
  storageA = await openStorage({ kind: 'postgres', url, poolSize: 4 });
  storageB = await openStorage({ kind: 'postgres', url, poolSize: 4 });
  world = await seedWorld(storageA);
  instanceA = await startServer({ storage: storageA });
  instanceB = await startServer({ storage: storageB });
  await Promise.all([storageA.listening(), storageB.listening()]);
});
afterAll(async () => {
  await instanceA?.close();
  await instanceB?.close();
  await storageA?.close();
  await storageB?.close();
  await postgres?.stop();
});

/** Opens a stream on `server` with a ticket obtained from `ticketFrom` (any instance's ticket works on all). */
async function streamOn(server: TestServer, ticketFrom: TestServer, token: string) {
  const ticket = await call(ticketFrom.base, 'POST', '/sync/stream-ticket', { token, body: {} });
  const stream = await openStream(server.base, ticket.body.value.ticket);
  await stream.next('ready');
  return stream;
}

test('pokes a stream on instance B within a second when instance A accepts a push', async () => {
  const watcher = await issueSession(storageB, world.accounts.lead.id);
  const pusher = await issueSession(storageA, world.accounts.agent.id);
  const stream = await streamOn(instanceB, instanceA, watcher.token);
  const started = Date.now();
  const pushed = await call(instanceA.base, 'POST', '/sync/push', {
    token: pusher.token,
    body: pushRequest(newId(), [updateFields(1, world.tickets[0]!.id, { status: 'pending' })]),
  });
  expect(pushed.body.value.results[0].status).toBe('applied');
  const poke = await stream.next('poke', 1000);
  expect(poke.at - started).toBeLessThan(1000);
  // The poke names a cursor instance B itself serves the change from.
  const pulled = await call(instanceB.base, 'POST', '/sync/pull', { token: watcher.token, body: pullRequest(newId(), null, 0, 5000) });
  expect(pulled.body.value.cursor).toBe(poke.data.head);
  expect(pulled.body.value.changes).toContainEqual(
    expect.objectContaining({ entity: 'ticket', key: world.tickets[0]!.id, value: expect.objectContaining({ status: 'pending' }) }),
  );
  stream.close();
});

test('closes a stream on instance B when an admin disables the account on instance A', async () => {
  const { accounts } = await seedWorld(storageA, { emailDomain: 'second.example', tickets: 0 });
  const watcher = await issueSession(storageB, accounts.lead.id);
  const stream = await streamOn(instanceB, instanceB, watcher.token);
  const adminToken = (await issueSession(storageA, world.accounts.admin.id)).token;
  const started = Date.now();
  await call(instanceA.base, 'POST', `/admin/accounts/${accounts.lead.id}/disable`, { token: adminToken, body: {} });
  expect((await stream.next('closed', 1000)).data).toEqual({ reason: 'account-disabled' });
  await stream.ended;
  expect(Date.now() - started).toBeLessThan(1000);
  // And instance B refuses the session at once.
  expect((await call(instanceB.base, 'GET', '/auth/session', { token: watcher.token })).status).toBe(401);
});
