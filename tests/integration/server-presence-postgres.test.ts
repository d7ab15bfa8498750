// Presence across two backend instances sharing one PostgreSQL (started by this file): a report
// made on one instance reaches the streams of the other (LISTEN/NOTIFY), and a report whose
// instance stopped still expires on the other, which keeps its own clock.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openStorage } from '../../src/server/storage/open-storage';
import type { Storage } from '../../src/server/storage/storage';
import { startPostgres, type TestPostgres } from './support/embedded-postgres';
import { openStream, type SseClient } from './support/sse-client';
import { call, issueSession, seedWorld, startServer, type TestServer, type TestWorld } from './support/server-kit';

const TTL_MS = 800;

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
  const stream = { presenceTtlMs: TTL_MS, presenceSweepMs: 50 };
  instanceA = await startServer({ storage: storageA, stream });
  instanceB = await startServer({ storage: storageB, stream });
  await Promise.all([storageA.listening(), storageB.listening()]);
});
afterAll(async () => {
  await instanceA?.close();
  await instanceB?.close();
  await storageA?.close();
  await storageB?.close();
  await postgres?.stop();
});

async function streamOn(server: TestServer, token: string): Promise<SseClient> {
  const ticket = await call(server.base, 'POST', '/sync/stream-ticket', { token, body: {} });
  const stream = await openStream(server.base, ticket.body.value.ticket);
  await stream.next('ready');
  return stream;
}

async function nextOn(stream: SseClient, ticketId: string, timeoutMs = 3000): Promise<{ data: any; at: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const event = await stream.next('presence', Math.max(1, deadline - Date.now()));
    if (event.data.ticketId === ticketId) return event;
  }
}

test('tells a stream on instance B within a second who is on a ticket when the report reaches instance A', async () => {
  const ticketId = world.tickets[0]!.id;
  const watcher = await streamOn(instanceB, (await issueSession(storageB, world.accounts.lead.id)).token);
  const { token } = await issueSession(storageA, world.accounts.agent.id);
  const started = Date.now();
  await call(instanceA.base, 'POST', '/presence', { token, body: { tickets: [{ ticketId, activity: 'replying' }] } });
  const event = await nextOn(watcher, ticketId);
  expect(event.at - started).toBeLessThan(1000);
  expect(event.data).toEqual({ ticketId, agents: [{ agentId: world.accounts.agent.id, name: world.accounts.agent.name, activity: 'replying' }] });
  await call(instanceA.base, 'POST', '/presence', { token, body: { tickets: [] } });
  expect((await nextOn(watcher, ticketId)).data).toEqual({ ticketId, agents: [] });
  watcher.close();
});

test('expires on instance B a report made on instance A after A stops', async () => {
  const ticketId = world.tickets[1]!.id;
  const watcher = await streamOn(instanceB, (await issueSession(storageB, world.accounts.admin.id)).token);
  const { token } = await issueSession(storageA, world.accounts.agent.id);
  await call(instanceA.base, 'POST', '/presence', { token, body: { tickets: [{ ticketId, activity: 'viewing' }] } });
  const came = await nextOn(watcher, ticketId);
  await instanceA.close();
  const left = await nextOn(watcher, ticketId, 3000);
  expect(left.data).toEqual({ ticketId, agents: [] });
  expect(left.at - came.at).toBeGreaterThanOrEqual(TTL_MS - 60);
  watcher.close();
});
