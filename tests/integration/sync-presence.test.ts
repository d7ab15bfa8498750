// The desktop's presence client against a real backend on a loopback port: desktops signed in as
// different agents tell each other which ticket they view or reply to, live, through the contract's
// presence methods and events; heartbeats keep a report past its ttl; a desktop offline shows
// nobody and reports nothing; an author's desktop neither reports nor hears.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Storage } from '../../src/server/storage/storage';
import type { PresenceViewer } from '../../src/shared/contract/presence-methods';
import type { Role } from '../../src/shared/domain/team';
import { openDesktop, waitFor, type TestDesktop } from './support/desktop-kit';
import { openTempSqlite, seedWorld, startServer, TEST_PASSWORD, type TestServer, type TestWorld } from './support/server-kit';

/** A short ttl: desktops heartbeat every third of it, so a few of them pass within a test. */
const TTL_MS = 600;

let storage: Storage;
let cleanup: () => Promise<void>;
let world: TestWorld;
let server: TestServer;
const desktops: TestDesktop[] = [];

beforeAll(async () => {
  ({ storage, cleanup } = await openTempSqlite());
  world = await seedWorld(storage, { tickets: 3 });
  server = await startServer({
    storage,
    auth: { loginAttemptsPerAddress: 10_000 },
    stream: { pokeIntervalMs: 50, presenceTtlMs: TTL_MS, presenceSweepMs: 50 },
  });
});
afterEach(() => {
  for (const desktop of desktops.splice(0)) desktop.remove();
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

/** A desktop signed in as the account of `role`, caught up, its live stream open. */
async function desktopAs(role: Role): Promise<TestDesktop> {
  const desktop = openDesktop();
  desktops.push(desktop);
  await desktop.sync.signIn({ url: server.base, email: world.accounts[role].email, password: TEST_PASSWORD });
  await desktop.client().syncNow();
  await waitFor(() => desktop.sync.status().live);
  return desktop;
}

function viewer(role: Role, activity: PresenceViewer['activity']): PresenceViewer {
  return { agentId: world.accounts[role].id, name: world.accounts[role].name, activity };
}

/** What the desktop's renderer was told last about a ticket (`presence/changed`), or undefined. */
function lastTold(desktop: TestDesktop, ticketId: string): PresenceViewer[] | undefined {
  const events = desktop.seen.filter((event) => event.name === 'presence/changed' && event.payload.ticketId === ticketId);
  const last = events.at(-1);
  return last?.name === 'presence/changed' ? last.payload.viewers : undefined;
}

test('tells another desktop, live, who views a ticket, who replies and who left', async () => {
  const ticketId = world.tickets[0]!.id;
  const ana = await desktopAs('agent');
  const ben = await desktopAs('lead');

  ana.sync.presence.set(ticketId, 'viewing');
  await waitFor(() => ben.sync.presence.list(ticketId).viewers.length === 1);
  expect({ listed: ben.sync.presence.list(ticketId), told: lastTold(ben, ticketId) }).toEqual({
    listed: { viewers: [viewer('agent', 'viewing')] },
    told: [viewer('agent', 'viewing')],
  });

  ana.sync.presence.set(ticketId, 'replying');
  await waitFor(() => lastTold(ben, ticketId)?.[0]?.activity === 'replying');
  // Ben opens the ticket too: the answer says who else is there; Ana hears of Ben.
  expect(ben.sync.presence.set(ticketId, 'viewing')).toEqual({ viewers: [viewer('agent', 'replying')] });
  await waitFor(() => ana.sync.presence.list(ticketId).viewers.length === 1);
  expect(ana.sync.presence.list(ticketId)).toEqual({ viewers: [viewer('lead', 'viewing')] });

  ana.sync.presence.set(null, 'viewing');
  await waitFor(() => lastTold(ben, ticketId)?.length === 0);
  expect(ben.sync.presence.list(ticketId)).toEqual({ viewers: [] });
});

test('never lists the signed-in agent, not even from another desktop of the same account', async () => {
  const ticketId = world.tickets[1]!.id;
  const laptop = await desktopAs('agent');
  const desk = await desktopAs('agent');
  const lead = await desktopAs('lead');
  laptop.sync.presence.set(ticketId, 'replying');
  await waitFor(() => lead.sync.presence.list(ticketId).viewers.length === 1);
  expect({ desk: desk.sync.presence.list(ticketId), laptop: laptop.sync.presence.list(ticketId) }).toEqual({
    desk: { viewers: [] },
    laptop: { viewers: [] },
  });
  expect(lastTold(desk, ticketId)).toBeUndefined();
});

test('keeps a desktop on a ticket past its ttl with heartbeats', async () => {
  const ticketId = world.tickets[2]!.id;
  const ana = await desktopAs('agent');
  const ben = await desktopAs('lead');
  ana.sync.presence.set(ticketId, 'viewing');
  await waitFor(() => ben.sync.presence.list(ticketId).viewers.length === 1);
  await new Promise((resolve) => setTimeout(resolve, TTL_MS * 3));
  expect(ben.sync.presence.list(ticketId)).toEqual({ viewers: [viewer('agent', 'viewing')] });
  expect(ben.seen.filter((event) => event.name === 'presence/changed' && event.payload.ticketId === ticketId)).toHaveLength(1);
});

test('shows nobody and reports nothing while working offline, and tells the current state once back', async () => {
  const ticketId = world.tickets[0]!.id;
  const ana = await desktopAs('agent');
  const ben = await desktopAs('lead');
  ana.sync.presence.set(ticketId, 'viewing');
  ben.sync.presence.set(ticketId, 'viewing');
  await waitFor(() => ben.sync.presence.list(ticketId).viewers.length === 1 && ana.sync.presence.list(ticketId).viewers.length === 1);

  // Ben works offline: his desktop forgets everyone at once, and Ana sees him leave well before his ttl.
  const wentOffline = Date.now();
  ben.sync.setOnline(false);
  expect({ listed: ben.sync.presence.list(ticketId), told: lastTold(ben, ticketId) }).toEqual({ listed: { viewers: [] }, told: [] });
  await waitFor(() => ana.sync.presence.list(ticketId).viewers.length === 0);
  expect(Date.now() - wentOffline).toBeLessThan(TTL_MS);

  // Offline, what Ben does goes nowhere and is not queued: Ana sees nothing of it.
  ben.sync.presence.set(ticketId, 'replying');
  ben.sync.presence.set(world.tickets[1]!.id, 'viewing');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(ana.sync.presence.list(ticketId)).toEqual({ viewers: [] });

  // Back online: the stream opens, Ben hears Ana again and reports where he is now (ticket 2 only).
  ben.sync.setOnline(true);
  await waitFor(() => ben.sync.presence.list(ticketId).viewers.length === 1);
  expect(ben.sync.presence.list(ticketId)).toEqual({ viewers: [viewer('agent', 'viewing')] });
  await waitFor(() => ana.sync.presence.list(world.tickets[1]!.id).viewers.length === 1);
  expect(ana.sync.presence.list(ticketId)).toEqual({ viewers: [] });
});

test('lets an author’s desktop neither report nor hear presence', async () => {
  const ticketId = world.tickets[1]!.id;
  const author = await desktopAs('author');
  const ana = await desktopAs('agent');
  author.sync.presence.set(ticketId, 'viewing');
  ana.sync.presence.set(ticketId, 'viewing');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect({ ana: ana.sync.presence.list(ticketId), author: author.sync.presence.list(ticketId) }).toEqual({
    ana: { viewers: [] },
    author: { viewers: [] },
  });
  expect(author.seen.filter((event) => event.name === 'presence/changed')).toEqual([]);
});

test('starts no sync round when presence changes: nothing is pushed, the status stays put', async () => {
  const ticketId = world.tickets[2]!.id;
  const ana = await desktopAs('agent');
  const ben = await desktopAs('lead');
  const statuses = () => ben.seen.filter((event) => event.name === 'sync/status-changed').length;
  // The desktops' own first rounds (sign-in, catch-up, re-timing) end before the baseline is taken:
  // no status event for 300 ms.
  let last = -1;
  while (last !== statuses()) {
    last = statuses();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const statusesBefore = statuses();
  ana.sync.presence.set(ticketId, 'replying');
  await waitFor(() => ben.sync.presence.list(ticketId).viewers.length === 1);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(statuses()).toBe(statusesBefore);
});
