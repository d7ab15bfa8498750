// Presence over real HTTP on the embedded engine: reports fan out to the team's live streams (not
// to authors'), a new stream hears who is where, reports expire without a heartbeat and go at once
// with their session; input is validated and reports are rate-limited per session.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Storage } from '../../src/server/storage/storage';
import type { Role } from '../../src/shared/domain/team';
import { openStream, type SseClient } from './support/sse-client';
import { call, issueSession, openTempSqlite, seedWorld, startServer, type TestServer, type TestWorld } from './support/server-kit';

/** A short ttl so expiry shows within a test; swept every 50 ms. */
const TTL_MS = 600;

let storage: Storage;
let cleanup: () => Promise<void>;
let world: TestWorld;
let server: TestServer;

beforeAll(async () => {
  ({ storage, cleanup } = await openTempSqlite());
  world = await seedWorld(storage, { tickets: 4 });
  server = await startServer({ storage, stream: { presenceTtlMs: TTL_MS, presenceSweepMs: 50 } });
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

async function streamFor(token: string): Promise<SseClient> {
  const ticket = await call(server.base, 'POST', '/sync/stream-ticket', { token, body: {} });
  const stream = await openStream(server.base, ticket.body.value.ticket);
  await stream.next('ready');
  return stream;
}

function report(token: string, tickets: { ticketId: string; activity: string }[]) {
  return call(server.base, 'POST', '/presence', { token, body: { tickets } });
}

/** The next `presence` event about `ticketId` on a stream. */
async function nextOn(stream: SseClient, ticketId: string, timeoutMs = 2000): Promise<{ data: any; at: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const event = await stream.next('presence', Math.max(1, deadline - Date.now()));
    if (event.data.ticketId === ticketId) return event;
  }
}

function agent(role: Role, activity: 'viewing' | 'replying') {
  return { agentId: world.accounts[role].id, name: world.accounts[role].name, activity };
}

test('tells the team’s streams within a second who views a ticket and who replies, and when they leave', async () => {
  const ticketId = world.tickets[0]!.id;
  const watcher = await streamFor((await issueSession(storage, world.accounts.lead.id)).token);
  const { token } = await issueSession(storage, world.accounts.agent.id);
  const started = Date.now();
  const answer = await report(token, [{ ticketId, activity: 'viewing' }]);
  expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { ok: true, value: { ttlMs: TTL_MS } } });
  const viewing = await nextOn(watcher, ticketId);
  expect(viewing.at - started).toBeLessThan(1000);
  expect(viewing.data).toEqual({ ticketId, agents: [agent('agent', 'viewing')] });

  await report(token, [{ ticketId, activity: 'replying' }]);
  expect((await nextOn(watcher, ticketId)).data).toEqual({ ticketId, agents: [agent('agent', 'replying')] });

  await report(token, []);
  expect((await nextOn(watcher, ticketId)).data).toEqual({ ticketId, agents: [] });
  watcher.close();
});

test('sends a heartbeat that changes nothing to no stream', async () => {
  const ticketId = world.tickets[1]!.id;
  const watcher = await streamFor((await issueSession(storage, world.accounts.admin.id)).token);
  const { token } = await issueSession(storage, world.accounts.agent.id);
  await report(token, [{ ticketId, activity: 'viewing' }]);
  await nextOn(watcher, ticketId);
  await report(token, [{ ticketId, activity: 'viewing' }]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(watcher.events.filter((event) => event.name === 'presence' && event.data.ticketId === ticketId)).toHaveLength(1);
  await report(token, []);
  watcher.close();
});

test('tells a stream that opens who is on which ticket right after ready', async () => {
  const ticketId = world.tickets[2]!.id;
  const { token } = await issueSession(storage, world.accounts.lead.id);
  await report(token, [{ ticketId, activity: 'replying' }]);
  const late = await streamFor((await issueSession(storage, world.accounts.agent.id)).token);
  expect((await nextOn(late, ticketId)).data).toEqual({ ticketId, agents: [agent('lead', 'replying')] });
  expect(late.events[0]!.name).toBe('ready');
  await report(token, []);
  late.close();
});

test('drops a report without a heartbeat once its ttl has run out', async () => {
  const ticketId = world.tickets[3]!.id;
  const watcher = await streamFor((await issueSession(storage, world.accounts.lead.id)).token);
  const { token } = await issueSession(storage, world.accounts.agent.id);
  await report(token, [{ ticketId, activity: 'viewing' }]);
  const came = await nextOn(watcher, ticketId);
  const left = await nextOn(watcher, ticketId, 3000);
  expect(left.data).toEqual({ ticketId, agents: [] });
  // Expired after the ttl (swept every 50 ms), not before.
  expect(left.at - came.at).toBeGreaterThanOrEqual(TTL_MS - 60);
  expect(left.at - came.at).toBeLessThan(TTL_MS + 500);
  watcher.close();
});

test('drops a session’s report at once when the session is revoked', async () => {
  const ticketId = world.tickets[0]!.id;
  const watcher = await streamFor((await issueSession(storage, world.accounts.lead.id)).token);
  const { token, session } = await issueSession(storage, world.accounts.agent.id);
  await report(token, [{ ticketId, activity: 'viewing' }]);
  await nextOn(watcher, ticketId);
  const admin = await issueSession(storage, world.accounts.admin.id);
  const started = Date.now();
  await call(server.base, 'POST', `/admin/sessions/${session.id}/revoke`, { token: admin.token, body: {} });
  const left = await nextOn(watcher, ticketId);
  expect({ data: left.data, quick: left.at - started < TTL_MS }).toEqual({ data: { ticketId, agents: [] }, quick: true });
  watcher.close();
});

test('refuses presence from a knowledge author and tells an author’s stream nothing', async () => {
  const ticketId = world.tickets[1]!.id;
  const authorSession = await issueSession(storage, world.accounts.author.id);
  const authorStream = await streamFor(authorSession.token);
  const refused = await report(authorSession.token, [{ ticketId, activity: 'viewing' }]);
  expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 403, code: 'forbidden' });
  const { token } = await issueSession(storage, world.accounts.agent.id);
  const watcher = await streamFor((await issueSession(storage, world.accounts.lead.id)).token);
  await report(token, [{ ticketId, activity: 'viewing' }]);
  await nextOn(watcher, ticketId);
  await report(token, []);
  await nextOn(watcher, ticketId);
  expect(authorStream.events.map((event) => event.name)).toEqual(['ready']);
  authorStream.close();
  watcher.close();
});

test('validates a report: at most four tickets, each once, with a known activity', async () => {
  const { token } = await issueSession(storage, world.accounts.agent.id);
  const [a, b, c, d] = world.tickets.map((ticket) => ticket.id) as [string, string, string, string];
  const five = [a, b, c, d, '01940000-0000-7000-8000-000000000005'].map((ticketId) => ({ ticketId, activity: 'viewing' }));
  const answers = await Promise.all([
    report(token, five),
    report(token, [{ ticketId: a, activity: 'viewing' }, { ticketId: a, activity: 'replying' }]),
    report(token, [{ ticketId: a, activity: 'typing' }]),
    report(token, [{ ticketId: 'not-an-id', activity: 'viewing' }]),
    call(server.base, 'POST', '/presence', { token, body: { tickets: [], extra: true } }),
  ]);
  expect(answers.map((answer) => ({ status: answer.status, code: answer.body.error?.code, field: answer.body.error?.field }))).toEqual([
    { status: 400, code: 'validation', field: 'tickets' },
    { status: 400, code: 'validation', field: 'tickets.1.ticketId' },
    { status: 400, code: 'validation', field: 'tickets.0.activity' },
    { status: 400, code: 'validation', field: 'tickets.0.ticketId' },
    { status: 400, code: 'validation', field: undefined },
  ]);
});

test('refuses a session that reports far more often than a heartbeat, saying when to try again', async () => {
  const { token } = await issueSession(storage, world.accounts.agent.id);
  const ticketId = world.tickets[0]!.id;
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  for (let i = 0; i < 25; i += 1) {
    const answer = await report(token, [{ ticketId, activity: i % 2 === 0 ? 'viewing' : 'replying' }]);
    statuses.push(answer.status);
    if (answer.status === 429) retryAfter = answer.headers.get('retry-after');
  }
  expect(statuses.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 200));
  expect(statuses.slice(20)).toContain(429);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  await new Promise((resolve) => setTimeout(resolve, 600));
  expect((await report(token, [])).status).toBe(200);
});
