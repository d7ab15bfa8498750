// Bootstrap: a pull from the beginning sends the team, then the agent's own queue (unsolved
// tickets assigned to them, unassigned ones of their group, with requesters and threads), then
// the latest value of everything, once, up to the head. On both engines, and on a real desktop:
// its queue is in the store before the bulk of the data.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { openStorage } from '../../src/server/storage/open-storage';
import type { Storage } from '../../src/server/storage/storage';
import { pull } from '../../src/server/sync/pull';
import { push } from '../../src/server/sync/push';
import type { PullResponse, SyncChange } from '../../src/shared/contract/sync-protocol';
import { newId } from '../../src/shared/domain/ids';
import type { Message } from '../../src/shared/domain/message';
import type { Ticket } from '../../src/shared/domain/ticket';
import { localMessages, localTickets, openDesktop, startBackend, type TestBackend, type TestDesktop } from './support/desktop-kit';
import { startPostgres, type TestPostgres } from './support/embedded-postgres';
import { actorOf, makeTicket, openTempSqlite, pullRequest, pushRequest, seedWorld, T0, TEST_PASSWORD, updateFields, type TestWorld } from './support/server-kit';

/** A message of `ticket`, as a customer wrote it. */
function messageOf(ticket: Ticket, index: number): Message {
  return {
    id: newId(),
    ticketId: ticket.id,
    kind: 'reply',
    authorType: 'customer',
    authorId: ticket.requesterId,
    authorName: 'Carla Customer',
    channel: 'email',
    bodyFormat: 'markdown',
    body: `Message ${index + 1}: the export button still does nothing.`,
    attachments: [],
    createdAt: T0 + index,
  };
}

interface Desk {
  /** The agent's queue: assigned to them and unsolved, or unassigned in their group and unsolved. */
  queue: Ticket[];
  queueMessages: Message[];
  /** Tickets outside the queue: other agents', solved ones, another group's. */
  others: Ticket[];
}

/**
 * Fills a backend (after `seedWorld`): `bulk` tickets of other agents with a message each first,
 * the agent's queue last, so that a bootstrap in commit order would send the queue at the very end.
 */
async function fillDesk(storage: Storage, world: TestWorld, bulk: number): Promise<Desk> {
  const agent = world.accounts.agent;
  const otherGroup = { id: newId(), name: 'Billing', level: 'L2' as const };
  const others: Ticket[] = [];
  const queue: Ticket[] = [];
  const queueMessages: Message[] = [];
  await storage.write(async (tx) => {
    await tx.saveGroup(otherGroup);
    for (let i = 0; i < bulk; i += 1) {
      const ticket = makeTicket(world.customer.id, { subject: `Bulk ${i}`, number: await tx.allocateTicketNumber(), assigneeId: world.accounts.lead.id, groupId: world.group.id });
      await tx.saveTicket(ticket);
      await tx.addMessage(messageOf(ticket, i));
      others.push(ticket);
    }
    const notQueue = [
      makeTicket(world.customer.id, { subject: 'Solved, mine', assigneeId: agent.id, groupId: world.group.id, status: 'solved' }),
      makeTicket(world.customer.id, { subject: 'Unassigned, another group', groupId: otherGroup.id, status: 'new' }),
    ];
    const mine = [
      ...Array.from({ length: 6 }, (_, i) => makeTicket(world.customer.id, { subject: `Mine ${i}`, assigneeId: agent.id, groupId: world.group.id, status: i % 2 ? 'pending' : 'open' })),
      ...Array.from({ length: 4 }, (_, i) => makeTicket(world.customer.id, { subject: `Unassigned ${i}`, groupId: world.group.id, status: 'new' })),
    ];
    for (const ticket of [...notQueue, ...mine]) {
      const numbered = { ...ticket, number: await tx.allocateTicketNumber() };
      await tx.saveTicket(numbered);
      if (mine.includes(ticket)) {
        queue.push(numbered);
        for (let m = 0; m < 2; m += 1) {
          const message = messageOf(numbered, m);
          await tx.addMessage(message);
          queueMessages.push(message);
        }
      } else others.push(numbered);
    }
  });
  return { queue, queueMessages, others };
}

/** Pulls from the beginning to the end in pages of `limit`; answers every page. */
async function bootstrap(storage: Storage, world: TestWorld, clientId: string, limit: number): Promise<Extract<PullResponse, { kind: 'changes' }>[]> {
  const pages: Extract<PullResponse, { kind: 'changes' }>[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await pull(storage, actorOf(world.accounts.agent), pullRequest(clientId, cursor, 0, limit));
    if (page.kind !== 'changes') throw new Error(`unexpected ${page.kind}`);
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return pages;
  }
}

function keyOf(change: SyncChange): string {
  return `${change.entity}:${change.key}`;
}

const engines: { name: string; open(): Promise<{ storage: Storage; close(): Promise<void> }> }[] = [
  {
    name: 'sqlite',
    async open() {
      const temp = await openTempSqlite();
      return { storage: temp.storage, close: temp.cleanup };
    },
  },
  {
    name: 'postgres',
    async open() {
      const url = await postgres.createDatabase();
      const storage = await openStorage({ kind: 'postgres', url, poolSize: 4 });
      return { storage, close: () => storage.close() };
    },
  },
];

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

for (const engine of engines) {
  describe(`bootstrap: ${engine.name}`, () => {
    let storage: Storage;
    let close: () => Promise<void>;
    let world: TestWorld;
    let desk: Desk;
    beforeEach(async () => {
      ({ storage, close } = await engine.open());
      world = await seedWorld(storage, { tickets: 0 });
      desk = await fillDesk(storage, world, 300);
    });
    afterEach(async () => {
      await close();
    });

    test("sends the team, then the agent's queue with its requester and threads, before any other ticket when a pull starts from the beginning", async () => {
      const pages = await bootstrap(storage, world, newId(), 50);
      const changes = pages.flatMap((page) => page.changes);
      const firstOther = changes.findIndex((change) => change.entity === 'ticket' && desk.others.some((ticket) => ticket.id === change.key));
      const before = changes.slice(0, firstOther);
      const queueIds = new Set(desk.queue.map((ticket) => ticket.id));
      const queueMessageIds = new Set(desk.queueMessages.map((message) => message.id));
      const kinds = before.map((change) => change.entity);
      expect({
        teamFirst: kinds.slice(0, kinds.indexOf('ticket')).every((kind) => kind === 'level' || kind === 'group' || kind === 'agent'),
        queueTickets: before.filter((change) => change.entity === 'ticket' && queueIds.has(change.key)).length,
        requester: before.some((change) => change.entity === 'customer' && change.key === world.customer.id),
        queueMessages: before.filter((change) => change.entity === 'message' && queueMessageIds.has(change.key)).length,
        otherMessages: before.filter((change) => change.entity === 'message' && !queueMessageIds.has(change.key)).length,
      }).toEqual({ teamFirst: true, queueTickets: desk.queue.length, requester: true, queueMessages: desk.queueMessages.length, otherMessages: 0 });
    });

    test("ends a bootstrap at the head with every entity's latest value, sent once per page, and the outcomes of the last page", async () => {
      const clientId = newId();
      const changed = desk.others[0]!;
      await push(storage, actorOf(world.accounts.agent), pushRequest(clientId, [updateFields(1, changed.id, { priority: 'high' }), updateFields(2, changed.id, { priority: 'urgent' })]));
      const pages = await bootstrap(storage, world, clientId, 70);
      const last = pages.at(-1)!;
      const head = await storage.read((tx) => tx.head());
      const latest = new Map<string, SyncChange>();
      for (const change of pages.flatMap((page) => page.changes)) latest.set(keyOf(change), change);
      const tickets = [...latest.values()].filter((change) => change.entity === 'ticket');
      const repeatedInAPage = pages.filter((page) => new Set(page.changes.map(keyOf)).size !== page.changes.length).length;
      expect({
        cursor: last.cursor,
        lastAppliedSeq: last.lastAppliedSeq,
        outcomes: last.mutations.map((outcome) => outcome.outcome),
        earlierPages: pages.slice(0, -1).every((page) => page.hasMore && page.lastAppliedSeq === null),
        tickets: tickets.length,
        changedTicket: (latest.get(`ticket:${changed.id}`) as { value: Ticket } | undefined)?.value.priority,
        repeatedInAPage,
      }).toEqual({
        cursor: `${storage.epoch}.${head}`,
        lastAppliedSeq: 2,
        outcomes: ['applied', 'applied'],
        earlierPages: true,
        tickets: desk.queue.length + desk.others.length,
        changedTicket: 'urgent',
        repeatedInAPage: 0,
      });
    });

    test('carries a bootstrap on after retention pruned the log, where an old incremental cursor gets a reset', async () => {
      const clientId = newId();
      const early = await bootstrap(storage, world, clientId, 5000);
      const first = await pull(storage, actorOf(world.accounts.agent), pullRequest(newId(), null, 0, 40));
      if (first.kind !== 'changes') throw new Error('unexpected reset');
      // Every ticket changed twice after the bootstrap started, then the replaced values are pruned.
      for (const [i, ticket] of desk.others.slice(0, 40).entries()) {
        await push(storage, actorOf(world.accounts.agent), pushRequest(clientId, [updateFields(2 * i + 1, ticket.id, { priority: 'high' }), updateFields(2 * i + 2, ticket.id, { priority: 'low' })]));
      }
      const pruned = await storage.prune(Date.now() + 1000);
      const rest = await pull(storage, actorOf(world.accounts.agent), pullRequest(newId(), first.cursor, 0, 5000));
      const old = await pull(storage, actorOf(world.accounts.agent), pullRequest(clientId, early.at(-1)!.cursor, 0, 5000));
      expect({ pruned: pruned.removedChanges > 0, rest: rest.kind, old: old.kind === 'reset' ? old.reason : old.kind }).toEqual({ pruned: true, rest: 'changes', old: 'cursor-expired' });
    });
  });
}

describe('bootstrap: desktop', () => {
  let backend: TestBackend;
  let desktop: TestDesktop;
  afterEach(async () => {
    desktop?.remove();
    await backend?.close();
  });

  test("has the agent's queue in the store before the bulk of the data when a new desktop bootstraps", async () => {
    backend = await startBackend({ tickets: 0 });
    const desk = await fillDesk(backend.storage, backend.world, 1200);
    desktop = openDesktop({ config: { live: false, pullLimit: 100 } });
    const queueIds = desk.queue.map((ticket) => ticket.id);
    const queueMessageIds = desk.queueMessages.map((message) => message.id);
    let ticketsWhenQueueComplete: number | null = null;
    desktop.events.subscribe((event) => {
      if (ticketsWhenQueueComplete !== null || event.name !== 'ticket/changed') return;
      const present = (table: string, ids: readonly string[]) =>
        desktop.db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).get(JSON.stringify(ids))!.n;
      if (present('tickets', queueIds) < queueIds.length || present('messages', queueMessageIds) < queueMessageIds.length) return;
      ticketsWhenQueueComplete = desktop.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tickets').get()!.n;
    });
    await desktop.sync.signIn({ url: backend.base, email: backend.world.accounts.agent.email, password: TEST_PASSWORD });
    await desktop.client().syncNow();
    const total = desk.queue.length + desk.others.length;
    expect({
      queueFirst: ticketsWhenQueueComplete !== null && ticketsWhenQueueComplete < total / 10,
      tickets: localTickets(desktop.db).length,
      messages: localMessages(desktop.db).length,
    }).toEqual({ queueFirst: true, tickets: total, messages: 1200 + desk.queueMessages.length });
  }, 60_000);
});
