// A push is applied as a batch: the rows it names are read and locked together, its writes wait in
// a buffer and leave as multi-row statements, and a savepoint lives in memory until a statement
// must run inside it. These tests pin what that must not change, on both engines: each mutation
// sees the ones before it, a rejected one leaves nothing behind (buffered or written), a
// repeated mutation id is applied once, and a race on one message id is decided, not lost.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { openStorage } from '../../src/server/storage/open-storage';
import type { Storage } from '../../src/server/storage/storage';
import { push } from '../../src/server/sync/push';
import { newId } from '../../src/shared/domain/ids';
import { startPostgres, type TestPostgres } from './support/embedded-postgres';
import { actorOf, addMessage, mutation, openTempSqlite, pushRequest, seedWorld, T0, updateFields, type TestWorld } from './support/server-kit';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

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

for (const engine of engines) {
  describe(`push batches: ${engine.name}`, () => {
    let storage: Storage;
    let close: () => Promise<void>;
    let world: TestWorld;
    beforeEach(async () => {
      ({ storage, close } = await engine.open());
      world = await seedWorld(storage, { tickets: 3 });
    });
    afterEach(async () => {
      await close();
    });

    test('applies mutations of one ticket in one batch each on top of the one before', async () => {
      const ticket = world.tickets[0]!;
      const batch = (['high', 'urgent', 'low'] as const).map((priority, i) => updateFields(i + 1, ticket.id, { priority }));
      const answer = await push(storage, actorOf(world.accounts.agent), pushRequest(newId(), batch));
      const history = await storage.read((tx) => tx.listFieldChanges(ticket.id));
      expect({
        results: answer.results.map((result) => result.status),
        priority: (await storage.read((tx) => tx.getTicket(ticket.id)))?.priority,
        history: history.map((change) => [change.previousValue, change.value, change.overwritten?.mutationId ?? null]),
      }).toEqual({
        results: ['applied', 'applied', 'applied'],
        priority: 'low',
        history: [
          ['normal', 'high', null],
          ['high', 'urgent', batch[0]!.mutationId],
          ['urgent', 'low', batch[1]!.mutationId],
        ],
      });
    });

    test('leaves nothing of a rolled-back savepoint, buffered or written, and keeps what came before and after it', async () => {
      const [a, b, c] = world.tickets;
      const headBefore = await storage.read((tx) => tx.head());
      await storage.write(async (tx) => {
        await tx.saveTicket({ ...a!, subject: 'kept before' });
        await tx
          .savepoint(async () => {
            await tx.saveTicket({ ...b!, subject: 'undone (buffered)' });
            // A write that goes to the database at once: the savepoint must exist in SQL by then.
            await tx.saveCustomer({ ...world.customer, name: 'undone (written)' });
            await tx.saveTicket({ ...c!, subject: 'undone (buffered after a write)' });
            throw new Error('the applier gives up');
          })
          .catch(() => undefined);
        await tx.saveTicket({ ...c!, subject: 'kept after' });
      });
      const [ticketA, ticketB, ticketC, customer] = await storage.read(async (tx) => [
        (await tx.getTicket(a!.id))?.subject,
        (await tx.getTicket(b!.id))?.subject,
        (await tx.getTicket(c!.id))?.subject,
        (await tx.getCustomer(world.customer.id))?.name,
      ]);
      const logged = await storage.read((tx) => tx.listChanges(headBefore, ['ticket', 'customer'], 100, world.accounts.agent.id));
      expect({ ticketA, ticketB, ticketC, customer, logged: logged.map((change) => (JSON.parse(change.value!) as { subject?: string }).subject) }).toEqual({
        ticketA: 'kept before',
        ticketB: b!.subject,
        ticketC: 'kept after',
        customer: world.customer.name,
        logged: ['kept before', 'kept after'],
      });
    });

    test('applies a mutation id once when one batch carries it twice', async () => {
      const ticket = world.tickets[0]!;
      const first = updateFields(1, ticket.id, { priority: 'high' });
      const again = { ...updateFields(2, ticket.id, { priority: 'urgent' }), mutationId: first.mutationId };
      const answer = await push(storage, actorOf(world.accounts.agent), pushRequest(newId(), [first, again]));
      expect({
        results: answer.results.map((result) => (result.status === 'duplicate' ? `duplicate:${result.outcome}` : result.status)),
        priority: (await storage.read((tx) => tx.getTicket(ticket.id)))?.priority,
      }).toEqual({ results: ['applied', 'duplicate:applied'], priority: 'high' });
    });

    test('applies one and rejects the other when two pushes add one message id to two tickets at once', async () => {
      const [a, b] = world.tickets;
      const messageId = newId();
      const answers = await Promise.all([
        push(storage, actorOf(world.accounts.agent), pushRequest(newId(), [addMessage(1, a!.id, 'Same id, first ticket', messageId)])),
        push(storage, actorOf(world.accounts.lead), pushRequest(newId(), [addMessage(1, b!.id, 'Same id, second ticket', messageId)])),
      ]);
      const stored = await storage.read((tx) => tx.getMessage(messageId));
      const outcomes = answers.map((answer) => answer.results[0]!).map((result) => (result.status === 'rejected' ? `rejected:${result.error.code}` : result.status));
      expect({ outcomes: [...outcomes].sort(), storedOnce: stored !== undefined }).toEqual({ outcomes: ['applied', 'rejected:conflict'], storedOnce: true });
    });

    test('finds a ticket that an earlier mutation of the same batch created', async () => {
      const ticketId = newId();
      const create = mutation(1, 'ticket/create', {
        ticketId,
        requesterId: world.customer.id,
        subject: 'Printer on fire',
        priority: 'urgent',
        channel: 'phone',
        category: null,
        tags: [],
        assigneeId: null,
        groupId: world.group.id,
        level: 'L1',
        createdAt: T0,
        message: { messageId: newId(), body: 'The printer is on fire.' },
      });
      const answer = await push(storage, actorOf(world.accounts.agent), pushRequest(newId(), [create, addMessage(2, ticketId), updateFields(3, ticketId, { status: 'pending' })]));
      const ticket = await storage.read((tx) => tx.getTicket(ticketId));
      expect({ results: answer.results.map((result) => result.status), status: ticket?.status, numbered: typeof ticket?.number === 'number' }).toEqual({
        results: ['applied', 'applied', 'applied'],
        status: 'pending',
        numbered: true,
      });
    });
  });
}

describe('push batches: postgres, writers at once', () => {
  test('runs a writer again when another committed the message id it had read as free, and then it sees the message', async () => {
    const url = await postgres.createDatabase();
    const storage = await openStorage({ kind: 'postgres', url, poolSize: 4 });
    try {
      const world = await seedWorld(storage, { tickets: 2 });
      const [a, b] = world.tickets;
      const messageId = newId();
      const message = (ticketId: string, body: string) => ({
        id: messageId,
        ticketId,
        kind: 'reply' as const,
        authorType: 'agent' as const,
        authorId: world.accounts.agent.id,
        authorName: 'Agent Person',
        channel: 'email' as const,
        bodyFormat: 'markdown' as const,
        body,
        attachments: [],
        createdAt: T0,
      });
      let releaseFirst!: () => void;
      const gate = new Promise<void>((resolve) => (releaseFirst = resolve));
      const first = storage.write(async (tx) => {
        const added = await tx.addMessage(message(a!.id, 'first'));
        await gate;
        return added;
      });
      let attempts = 0;
      const second = storage.write(async (tx) => {
        attempts += 1;
        const added = await tx.addMessage(message(b!.id, 'second'));
        // The first writer commits while this one holds the id as free in its buffer.
        if (attempts === 1) {
          releaseFirst();
          await first;
        }
        return added;
      });
      const stored = await Promise.all([first, second]).then(() => storage.read((tx) => tx.getMessage(messageId)));
      expect({ first: await first, second: await second, attempts, body: stored?.body }).toEqual({ first: true, second: false, attempts: 2, body: 'first' });
    } finally {
      await storage.close();
    }
  });
});
