import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { parseMethodInput } from '../../../shared/contract/validate';
import { AppError } from '../../../shared/contract/errors';
import { MAX_BULK_TICKETS, type Ticket } from '../../../shared/domain/ticket';
import { openStore } from '../../store/db';
import { listAuditEvents } from '../../store/queries/audit';
import { getMeta } from '../../store/queries/meta';
import { listOutbox } from '../../store/queries/outbox';
import { getTicket } from '../../store/queries/tickets';
import { getUndoRecord } from '../../store/queries/undo-log';
import { addTicket, snapshotStore } from '../../store/test-builders';
import { WalCheckpointer } from '../../store/wal-checkpointer';
import { EventBus } from '../event-bus';
import { DEFAULT_PACING, yieldToEventLoop, type SlicePacing } from '../sliced-work';
import { NOW, openServiceWorld, thrown, UNKNOWN_ID, UUID, type ServiceWorld } from '../test-kit';
import { BULK_IN_PROGRESS_KEY, bulkUpdate, recoverBulkEdit, undoBulkUpdate } from './bulk-update';
import { TicketService } from './ticket-service';

let kit: ServiceWorld;
beforeEach(() => {
  kit = openServiceWorld({ tickets: 3 });
});
afterEach(() => kit.close());

/** What a promise rejected with, as plain data (see `thrown`). */
async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { name: error.name, code: error.code, field: error.field };
    if (error instanceof Error) return { name: error.name, message: error.message };
    throw error;
  }
  throw new Error('expected a rejection');
}

/** Slices of exactly `size` tickets, however fast the machine: tests that need several slices say how many. */
function slicesOf(size: number, pause: () => Promise<void> = yieldToEventLoop): SlicePacing {
  return { budgetMs: Number.POSITIVE_INFINITY, maxItems: size, pause };
}

function addTickets(count: number, overrides: Partial<Ticket> = {}): Ticket[] {
  const { db, world } = kit;
  return db.transaction(() => Array.from({ length: count }, () => addTicket(db, { requesterId: world.customer.id, ...overrides })))();
}

test('changes every ticket in one action with one outbox row and audit event per changed ticket, and keeps the before-images for undo', async () => {
  const { db, ctx, world } = kit;
  const [a, b, c] = world.tickets as [Ticket, Ticket, Ticket];
  db.prepare("UPDATE tickets SET status = 'pending' WHERE id = ?").run(c.id);
  const cBefore = getTicket(db, c.id)!;
  const result = await bulkUpdate(ctx, kit.bus, { ticketIds: [a.id, b.id, c.id], patch: { status: 'pending', assigneeId: world.agent.id } });

  const outbox = listOutbox(db);
  const row = (ticket: Ticket, patch: Record<string, unknown>, before: Record<string, unknown>, seq: number) => ({
    seq,
    mutationId: expect.stringMatching(UUID),
    clientId: ctx.clientId,
    name: 'ticket/update-fields',
    args: { ticketId: ticket.id, patch, updatedAt: NOW },
    before: { ...before, updatedAt: ticket.updatedAt, solvedAt: null },
    createdAt: NOW,
  });
  expect({
    result,
    stored: [a, b, c].map((t) => getTicket(db, t.id)),
    outbox,
    auditOfA: listAuditEvents(db, a.id).map(({ action, actorId, at }) => ({ action, actorId, at })),
    undo: getUndoRecord(db, result.undoId!),
    events: kit.events,
  }).toEqual({
    result: { changed: 3, undoId: expect.stringMatching(UUID) },
    stored: [
      { ...a, status: 'pending', assigneeId: world.agent.id, updatedAt: NOW },
      { ...b, status: 'pending', assigneeId: world.agent.id, updatedAt: NOW },
      { ...cBefore, assigneeId: world.agent.id, updatedAt: NOW },
    ],
    outbox: [
      row(a, { status: 'pending', assigneeId: world.agent.id }, { status: 'open', assigneeId: null }, 1),
      row(b, { status: 'pending', assigneeId: world.agent.id }, { status: 'open', assigneeId: null }, 2),
      // C was pending already: only what changes is written and undone.
      row(c, { assigneeId: world.agent.id }, { assigneeId: null }, 3),
    ],
    auditOfA: [{ action: 'fields-updated', actorId: world.agent.id, at: NOW }],
    undo: {
      id: result.undoId,
      createdAt: NOW,
      entries: [
        { ticketId: a.id, set: { status: 'pending', assigneeId: world.agent.id }, before: { status: 'open', assigneeId: null } },
        { ticketId: b.id, set: { status: 'pending', assigneeId: world.agent.id }, before: { status: 'open', assigneeId: null } },
        { ticketId: c.id, set: { assigneeId: world.agent.id }, before: { assigneeId: null } },
      ],
    },
    events: [a, b, c].map((t) => ({ name: 'ticket/changed', payload: { ticketId: t.id } })),
  });
});

test('answers no undo and writes nothing when no ticket changes', async () => {
  const before = snapshotStore(kit.db);
  const result = await bulkUpdate(kit.ctx, kit.bus, { ticketIds: kit.world.tickets.map((t) => t.id), patch: { priority: 'normal' } });
  expect({ result, rows: snapshotStore(kit.db), events: kit.events }).toEqual({ result: { changed: 0, undoId: null }, rows: before, events: [] });
});

test('refuses the whole edit with not-found on ticketIds.N when one ticket is unknown', async () => {
  const before = snapshotStore(kit.db);
  const ids = [kit.world.tickets[0]!.id, UNKNOWN_ID, kit.world.tickets[1]!.id];
  const error = await rejection(bulkUpdate(kit.ctx, kit.bus, { ticketIds: ids, patch: { priority: 'urgent' } }));
  expect({ error, rows: snapshotStore(kit.db), events: kit.events }).toEqual({
    error: { name: 'AppError', code: 'not-found', field: 'ticketIds.1' },
    rows: before,
    events: [],
  });
});

test('refuses an unknown ticket in a later slice before writing any slice', async () => {
  const ids = [...addTickets(5).map((t) => t.id), UNKNOWN_ID];
  const before = snapshotStore(kit.db);
  const error = await rejection(bulkUpdate(kit.ctx, kit.bus, { ticketIds: ids, patch: { priority: 'urgent' } }, slicesOf(2)));
  expect({ error, rows: snapshotStore(kit.db), events: kit.events }).toEqual({
    error: { name: 'AppError', code: 'not-found', field: 'ticketIds.5' },
    rows: before,
    events: [],
  });
});

test('refuses an unknown assignee with validation on patch.assigneeId and writes nothing', async () => {
  const before = snapshotStore(kit.db);
  const error = await rejection(bulkUpdate(kit.ctx, kit.bus, { ticketIds: kit.world.tickets.map((t) => t.id), patch: { assigneeId: UNKNOWN_ID } }));
  expect({ error, rows: snapshotStore(kit.db) }).toEqual({ error: { name: 'AppError', code: 'validation', field: 'patch.assigneeId' }, rows: before });
});

test('rolls every ticket back when the outbox refuses the third mutation', async () => {
  kit.db.exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox WHEN new.seq = 3 BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;");
  const before = snapshotStore(kit.db);
  const error = await rejection(bulkUpdate(kit.ctx, kit.bus, { ticketIds: kit.world.tickets.map((t) => t.id), patch: { priority: 'urgent' } }));
  expect({ error, rows: snapshotStore(kit.db), events: kit.events }).toEqual({
    error: { name: 'SqliteError', message: 'outbox refused' },
    rows: before,
    events: [],
  });
});

test('adds and removes tags on each ticket’s own tags, writing each ticket’s resulting list as an ordinary field change', async () => {
  const { db, ctx } = kit;
  const [a, b, c] = db.transaction(() => [
    addTicket(db, { requesterId: kit.world.customer.id, tags: ['vip', 'legacy'] }),
    addTicket(db, { requesterId: kit.world.customer.id, tags: ['outage'] }),
    // Has the tag added and lacks the one removed: nothing to change.
    addTicket(db, { requesterId: kit.world.customer.id, tags: ['billing', 'vip'] }),
  ])() as [Ticket, Ticket, Ticket];

  const result = await bulkUpdate(ctx, kit.bus, { ticketIds: [a.id, b.id, c.id], tags: { add: ['billing'], remove: ['legacy'] } });

  const row = (ticket: Ticket, tags: string[]) => ({
    name: 'ticket/update-fields',
    args: { ticketId: ticket.id, patch: { tags }, updatedAt: NOW },
    before: { tags: ticket.tags, updatedAt: ticket.updatedAt, solvedAt: null },
  });
  expect({
    result,
    tags: [a, b, c].map((t) => getTicket(db, t.id)?.tags),
    outbox: listOutbox(db).map(({ name, args, before }) => ({ name, args, before })),
    undo: getUndoRecord(db, result.undoId!)?.entries,
    events: kit.events,
  }).toEqual({
    result: { changed: 2, undoId: expect.stringMatching(UUID) },
    tags: [['vip', 'billing'], ['outage', 'billing'], ['billing', 'vip']],
    outbox: [row(a, ['vip', 'billing']), row(b, ['outage', 'billing'])],
    undo: [
      { ticketId: a.id, set: { tags: ['vip', 'billing'] }, before: { tags: ['vip', 'legacy'] } },
      { ticketId: b.id, set: { tags: ['outage', 'billing'] }, before: { tags: ['outage'] } },
    ],
    events: [a, b].map((t) => ({ name: 'ticket/changed', payload: { ticketId: t.id } })),
  });
});

test('sets fields and edits tags in one action, with one mutation per ticket', async () => {
  const { db, ctx } = kit;
  const [a] = addTickets(1, { tags: ['vip'] }) as [Ticket];
  const result = await bulkUpdate(ctx, kit.bus, { ticketIds: [a.id], patch: { priority: 'high' }, tags: { add: ['billing'], remove: [] } });
  expect({ result, stored: getTicket(db, a.id), args: listOutbox(db).map((row) => row.args) }).toEqual({
    result: { changed: 1, undoId: expect.stringMatching(UUID) },
    stored: { ...a, priority: 'high', tags: ['vip', 'billing'], updatedAt: NOW },
    args: [{ ticketId: a.id, patch: { priority: 'high', tags: ['vip', 'billing'] }, updatedAt: NOW }],
  });
});

test('undo takes back each tag the edit added or removed, and keeps tag changes made since', async () => {
  const { db, ctx } = kit;
  const tickets = new TicketService(ctx, kit.bus);
  const [a, b, c] = addTickets(3, { tags: ['vip', 'legacy'] }) as [Ticket, Ticket, Ticket];
  const { undoId } = await bulkUpdate(ctx, kit.bus, { ticketIds: [a.id, b.id, c.id], tags: { add: ['billing'], remove: ['legacy'] } });
  // Since the edit: B got another tag; C lost the tag the edit added and got `legacy` back by hand.
  kit.clock.now = NOW + 60_000;
  tickets.updateFields({ ticketId: b.id, patch: { tags: ['vip', 'billing', 'outage'] } });
  tickets.updateFields({ ticketId: c.id, patch: { tags: ['vip', 'legacy'] } });
  kit.clock.now = NOW + 120_000;

  const result = await undoBulkUpdate(ctx, kit.bus, { undoId: undoId! });
  expect({ result, tags: [a, b, c].map((t) => getTicket(db, t.id)?.tags), record: getUndoRecord(db, undoId!) }).toEqual({
    result: { reverted: 2 },
    tags: [
      // Untouched since: exactly as before, in the same order.
      ['vip', 'legacy'],
      ['vip', 'legacy', 'outage'],
      // Nothing of the edit held any more.
      ['vip', 'legacy'],
    ],
    record: undefined,
  });
});

test('refuses with validation on tags.add, writing nothing, when a ticket would end up with more than 50 tags', async () => {
  const full = Array.from({ length: 50 }, (_, i) => `tag-${i}`);
  const [a, b] = [addTickets(1)[0]!, addTickets(1, { tags: full })[0]!];
  const before = snapshotStore(kit.db);
  const error = await rejection(bulkUpdate(kit.ctx, kit.bus, { ticketIds: [a.id, b.id], tags: { add: ['billing'], remove: [] } }));
  expect({ error, rows: snapshotStore(kit.db) }).toEqual({ error: { name: 'AppError', code: 'validation', field: 'tags.add' }, rows: before });
});

test('the contract normalises tags and refuses bad tag edits with the field they concern', () => {
  const ticketIds = [kit.world.tickets[0]!.id];
  const parse = (input: Record<string, unknown>) => {
    try {
      return { value: parseMethodInput('ticket/bulk-update', { ticketIds, ...input }) };
    } catch (error) {
      return { error: error instanceof AppError ? { code: error.code, field: error.field } : String(error) };
    }
  };
  expect({
    normalised: parse({ tags: { add: ['  Billing '], remove: ['VIP'] } }),
    spaces: parse({ tags: { add: ['two words'], remove: [] } }),
    tooLong: parse({ tags: { add: ['x'.repeat(51)], remove: [] } }),
    tooMany: parse({ tags: { add: Array.from({ length: 51 }, (_, i) => `t${i}`), remove: [] } }),
    none: parse({ tags: { add: [], remove: [] } }),
    both: parse({ tags: { add: ['billing'], remove: ['Billing'] } }),
    replaceAndEdit: parse({ patch: { tags: ['a'] }, tags: { add: ['b'], remove: [] } }),
    nothing: parse({}),
  }).toEqual({
    normalised: { value: { ticketIds, tags: { add: ['billing'], remove: ['vip'] } } },
    spaces: { error: { code: 'validation', field: 'tags.add.0' } },
    tooLong: { error: { code: 'validation', field: 'tags.add.0' } },
    tooMany: { error: { code: 'validation', field: 'tags.add' } },
    none: { error: { code: 'validation', field: 'tags.add' } },
    both: { error: { code: 'validation', field: 'tags.remove' } },
    replaceAndEdit: { error: { code: 'validation', field: 'tags' } },
    nothing: { error: { code: 'validation', field: 'patch' } },
  });
});

/** CPU time this thread has used, in ms. */
function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/**
 * Default pacing that times every synchronous stretch of the work it paces: from the call (or the
 * end of a pause) to the next pause (or the answer); nothing else runs on the event loop meanwhile.
 * A stretch is timed in CPU time of this thread, not wall time: on a busy machine the OS may
 * preempt the thread mid-slice, which says nothing about the code (`npm run bench` reports the
 * wall-clock figure, bulk_edit_longest_stall_ms).
 */
function timedPacing(): { pacing: SlicePacing; start(): void; finish(): void; longestMs(): number; stretches(): number } {
  const spans: number[] = [];
  let since = 0;
  return {
    pacing: {
      ...DEFAULT_PACING,
      pause: async () => {
        spans.push(threadCpuMs() - since);
        await DEFAULT_PACING.pause();
        since = threadCpuMs();
      },
    },
    start: () => {
      since = threadCpuMs();
    },
    finish: () => {
      spans.push(threadCpuMs() - since);
    },
    longestMs: () => Math.max(...spans),
    stretches: () => spans.length,
  };
}

test('a bulk edit and its undo of the most tickets allowed never run for more than 50 ms without yielding', async () => {
  const { db, ctx } = kit;
  const ids = addTickets(MAX_BULK_TICKETS, { tags: ['vip'] }).map((t) => t.id);
  // As the app runs: WAL checkpoints on their worker, never inside a slice's commit.
  db.pragma('wal_checkpoint(TRUNCATE)');
  const checkpointer = new WalCheckpointer(db);
  checkpointer.start();
  try {
    const edit = timedPacing();
    edit.start();
    const result = await bulkUpdate(
      ctx,
      kit.bus,
      { ticketIds: ids, patch: { status: 'pending', priority: 'high', assigneeId: kit.world.agent.id }, tags: { add: ['billing'], remove: ['vip'] } },
      edit.pacing,
    );
    edit.finish();
    const undo = timedPacing();
    undo.start();
    const undone = await undoBulkUpdate(ctx, kit.bus, { undoId: result.undoId! }, undo.pacing);
    undo.finish();
    expect({
      changed: result.changed,
      reverted: undone.reverted,
      editSliced: edit.stretches() > 2,
      editWithinBudget: edit.longestMs() < 50,
      undoWithinBudget: undo.longestMs() < 50,
    }).toEqual({ changed: MAX_BULK_TICKETS, reverted: MAX_BULK_TICKETS, editSliced: true, editWithinBudget: true, undoWithinBudget: true });
  } finally {
    checkpointer.stop();
  }
});

test('the most tickets a bulk edit allows change as one undoable action, written in several slices with outbox rows in ticket order', async () => {
  const { db, ctx } = kit;
  const tickets = addTickets(MAX_BULK_TICKETS, { tags: ['vip'] });
  const ids = tickets.map((t) => t.id);
  let pauses = 0;
  const pacing: SlicePacing = { ...DEFAULT_PACING, pause: () => (pauses++, yieldToEventLoop()) };
  const result = await bulkUpdate(ctx, kit.bus, { ticketIds: ids, patch: { status: 'solved' }, tags: { add: ['billing'], remove: [] } }, pacing);
  const afterEdit = {
    pausedBetweenSlices: pauses > 0,
    changed: result.changed,
    outboxTickets: listOutbox(db, 5000).map((row) => (row.args as { ticketId: string }).ticketId),
    seqs: listOutbox(db, 5000).map((row) => row.seq),
    entries: getUndoRecord(db, result.undoId!)?.entries.length,
    marker: getMeta(db, BULK_IN_PROGRESS_KEY),
    stored: ids.every((id) => getTicket(db, id)?.status === 'solved' && getTicket(db, id)?.tags.join() === 'vip,billing'),
  };
  const undone = await undoBulkUpdate(ctx, kit.bus, { undoId: result.undoId! }, pacing);
  expect({
    afterEdit,
    undone,
    restored: ids.map((id) => getTicket(db, id)).map((t) => ({ status: t?.status, tags: t?.tags, solvedAt: t?.solvedAt })),
    record: getUndoRecord(db, result.undoId!),
    outboxRows: listOutbox(db, 5000).length,
  }).toEqual({
    afterEdit: {
      pausedBetweenSlices: true,
      changed: MAX_BULK_TICKETS,
      outboxTickets: ids,
      seqs: ids.map((_, i) => i + 1),
      entries: MAX_BULK_TICKETS,
      marker: undefined,
      stored: true,
    },
    undone: { reverted: MAX_BULK_TICKETS },
    restored: ids.map(() => ({ status: 'open', tags: ['vip'], solvedAt: null })),
    record: undefined,
    outboxRows: 2 * MAX_BULK_TICKETS,
  });
});

test('a failure in a later slice reverts the slices already committed and answers the error: the edit is all or nothing', async () => {
  const { db, ctx } = kit;
  const tickets = addTickets(10, { tags: ['vip'] });
  const ids = tickets.map((t) => t.id);
  // Slices of 4: the edit's seventh mutation sits in the second slice, after the first committed.
  db.exec(
    "CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox WHEN new.seq = 7 AND json_extract(new.args, '$.patch.priority') = 'urgent' BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;",
  );
  const error = await rejection(bulkUpdate(ctx, kit.bus, { ticketIds: ids, patch: { priority: 'urgent' }, tags: { add: ['billing'], remove: [] } }, slicesOf(4)));
  db.exec('DROP TRIGGER outbox_fails');

  const outbox = listOutbox(db).map(({ seq, args }) => ({ seq, ...(args as { ticketId: string; patch: unknown }) }));
  expect({
    error,
    tickets: ids.map((id) => getTicket(db, id)).map((t) => ({ priority: t?.priority, tags: t?.tags })),
    outbox: outbox.map(({ seq, ticketId, patch }) => ({ seq, ticketId, patch })),
    undoRecords: db.prepare('SELECT count(*) AS n FROM undo_log').get(),
    marker: getMeta(db, BULK_IN_PROGRESS_KEY),
  }).toEqual({
    error: { name: 'SqliteError', message: 'outbox refused' },
    tickets: ids.map(() => ({ priority: 'normal', tags: ['vip'] })),
    // The first slice's four changes, then their reverts, in order; nothing of the failed slice,
    // whose seq numbers went back with it.
    outbox: [
      ...ids.slice(0, 4).map((ticketId, i) => ({ seq: i + 1, ticketId, patch: { priority: 'urgent', tags: ['vip', 'billing'] } })),
      ...ids.slice(0, 4).map((ticketId, i) => ({ seq: i + 5, ticketId, patch: { priority: 'normal', tags: ['vip'] } })),
    ],
    undoRecords: { n: 0 },
    marker: undefined,
  });
});

test('when the revert of a failed edit fails too, the marker stays and the next start finishes the revert', async () => {
  const { db, ctx } = kit;
  const ids = addTickets(10).map((t) => t.id);
  // Seq 7 fails whatever it carries: in the edit's second slice, and again in the revert of the first.
  db.exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox WHEN new.seq = 7 BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;");
  const error = await rejection(bulkUpdate(ctx, kit.bus, { ticketIds: ids, patch: { priority: 'urgent' } }, slicesOf(4)));
  const stuck = { priorities: ids.map((id) => getTicket(db, id)?.priority), marker: getMeta(db, BULK_IN_PROGRESS_KEY) !== undefined };
  db.exec('DROP TRIGGER outbox_fails');
  await recoverBulkEdit(ctx, kit.bus, slicesOf(4));
  expect({ error, stuck, priorities: ids.map((id) => getTicket(db, id)?.priority), marker: getMeta(db, BULK_IN_PROGRESS_KEY) }).toEqual({
    error: { name: 'SqliteError', message: 'outbox refused' },
    // The revert's first slice (seq 5-8) rolled back: the first four stay changed until recovery.
    stuck: { priorities: ids.map((_, i) => (i < 4 ? 'urgent' : 'normal')), marker: true },
    priorities: ids.map(() => 'normal'),
    marker: undefined,
  });
});

test('lets other changes through between slices, and undo keeps them', async () => {
  const { db, ctx } = kit;
  const service = new TicketService(ctx, kit.bus);
  const ids = addTickets(4).map((t) => t.id);
  let paused = false;
  const pacing = slicesOf(2, async () => {
    // The first pause after a slice committed (the check before it pauses too).
    if (!paused && listOutbox(db).length > 0) {
      paused = true;
      // The agent changes a ticket of the first slice while the edit is still running.
      service.updateFields({ ticketId: ids[0]!, patch: { priority: 'low' } });
    }
    await yieldToEventLoop();
  });
  const { undoId } = await bulkUpdate(ctx, kit.bus, { ticketIds: ids, patch: { priority: 'high' } }, pacing);
  const outboxOrder = listOutbox(db).map((row) => (row.args as { ticketId: string; patch: { priority: string } }).patch.priority);
  await undoBulkUpdate(ctx, kit.bus, { undoId: undoId! });
  expect({ outboxOrder, priorities: ids.map((id) => getTicket(db, id)?.priority) }).toEqual({
    outboxOrder: ['high', 'high', 'low', 'high', 'high'],
    priorities: ['low', 'normal', 'normal', 'normal'],
  });
});

test('after a crash between slices, opening the store again reverts what the half-done edit committed', async () => {
  const ids = addTickets(6).map((t) => t.id);
  // The process dies in the pause after the first slice committed: the rest never runs.
  const crashed = slicesOf(3, () => (listOutbox(kit.db).length > 0 ? new Promise<void>(() => {}) : yieldToEventLoop()));
  void bulkUpdate(kit.ctx, kit.bus, { ticketIds: ids, patch: { priority: 'urgent' } }, crashed);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const halfDone = ids.map((id) => getTicket(kit.db, id)?.priority);

  const db = openStore(path.join(kit.dir, 'support-console.db'));
  try {
    const ctx = { ...kit.ctx, db };
    await recoverBulkEdit(ctx, new EventBus());
    expect({ halfDone, recovered: ids.map((id) => getTicket(db, id)?.priority), marker: getMeta(db, BULK_IN_PROGRESS_KEY) }).toEqual({
      halfDone: ['urgent', 'urgent', 'urgent', 'normal', 'normal', 'normal'],
      recovered: ids.map(() => 'normal'),
      marker: undefined,
    });
  } finally {
    db.close();
  }
});

test('reverts each field only where the ticket still holds the value the bulk edit set', async () => {
  const { db, ctx, world } = kit;
  const [a, b] = world.tickets as [Ticket, Ticket];
  const tickets = new TicketService(ctx, kit.bus);
  const { undoId } = await bulkUpdate(ctx, kit.bus, { ticketIds: [a.id, b.id], patch: { status: 'pending', priority: 'high' } });
  // Later, B's priority is changed again (by this agent or synced from another): that change stays.
  kit.clock.now = NOW + 60_000;
  tickets.updateFields({ ticketId: b.id, patch: { priority: 'urgent' } });
  kit.clock.now = NOW + 120_000;
  const seqBefore = listOutbox(db).length;
  kit.events.length = 0;

  const result = await undoBulkUpdate(ctx, kit.bus, { undoId: undoId! });
  const undoRows = listOutbox(db).slice(seqBefore);
  expect({
    result,
    a: getTicket(db, a.id),
    b: getTicket(db, b.id),
    undoRows: undoRows.map(({ name, args, before }) => ({ name, args, before })),
    record: getUndoRecord(db, undoId!),
    events: kit.events,
  }).toEqual({
    result: { reverted: 2 },
    a: { ...a, status: 'open', priority: 'normal', updatedAt: NOW + 120_000 },
    b: { ...b, status: 'open', priority: 'urgent', updatedAt: NOW + 120_000 },
    undoRows: [
      {
        name: 'ticket/update-fields',
        args: { ticketId: a.id, patch: { status: 'open', priority: 'normal' }, updatedAt: NOW + 120_000 },
        before: { status: 'pending', priority: 'high', updatedAt: NOW, solvedAt: null },
      },
      {
        name: 'ticket/update-fields',
        args: { ticketId: b.id, patch: { status: 'open' }, updatedAt: NOW + 120_000 },
        before: { status: 'pending', updatedAt: NOW + 60_000, solvedAt: null },
      },
    ],
    record: undefined,
    events: [a, b].map((t) => ({ name: 'ticket/changed', payload: { ticketId: t.id } })),
  });
});

test('reverts nothing on a ticket whose every field changed again since', async () => {
  const { ctx, world } = kit;
  const a = world.tickets[0]!;
  const { undoId } = await bulkUpdate(ctx, kit.bus, { ticketIds: [a.id], patch: { priority: 'high' } });
  new TicketService(ctx, kit.bus).updateFields({ ticketId: a.id, patch: { priority: 'low' } });
  const before = listOutbox(kit.db).length;
  expect({
    result: await undoBulkUpdate(ctx, kit.bus, { undoId: undoId! }),
    newRows: listOutbox(kit.db).length - before,
    priority: getTicket(kit.db, a.id)?.priority,
  }).toEqual({
    result: { reverted: 0 },
    newRows: 0,
    priority: 'low',
  });
});

test('refuses a second undo of the same edit with not-found on undoId', async () => {
  const { undoId } = await bulkUpdate(kit.ctx, kit.bus, { ticketIds: [kit.world.tickets[0]!.id], patch: { priority: 'high' } });
  await undoBulkUpdate(kit.ctx, kit.bus, { undoId: undoId! });
  const before = snapshotStore(kit.db);
  expect({ error: await rejection(undoBulkUpdate(kit.ctx, kit.bus, { undoId: undoId! })), rows: snapshotStore(kit.db) }).toEqual({
    error: { name: 'AppError', code: 'not-found', field: 'undoId' },
    rows: before,
  });
});

test('rolls the whole undo back when the outbox refuses one of its mutations', async () => {
  const { undoId } = await bulkUpdate(kit.ctx, kit.bus, { ticketIds: kit.world.tickets.map((t) => t.id), patch: { priority: 'high' } });
  kit.db.exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox WHEN new.seq = 5 BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;");
  const before = snapshotStore(kit.db);
  expect({ error: await rejection(undoBulkUpdate(kit.ctx, kit.bus, { undoId: undoId! })), rows: snapshotStore(kit.db) }).toEqual({
    error: { name: 'SqliteError', message: 'outbox refused' },
    rows: before,
  });
});

test('an undo that fails in a later slice keeps the rest of its record, and undoing again finishes it', async () => {
  const { db, ctx } = kit;
  const ids = addTickets(6).map((t) => t.id);
  const { undoId } = await bulkUpdate(ctx, kit.bus, { ticketIds: ids, patch: { priority: 'high' } });
  // Mutations 1-6 are the edit's; the undo's fifth (seq 11) falls in its second slice of three.
  db.exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox WHEN new.seq = 11 BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;");
  const error = await rejection(undoBulkUpdate(ctx, kit.bus, { undoId: undoId! }, slicesOf(3)));
  const halfway = { priorities: ids.map((id) => getTicket(db, id)?.priority), left: getUndoRecord(db, undoId!)?.entries.map((e) => e.ticketId), marker: getMeta(db, BULK_IN_PROGRESS_KEY) };
  db.exec('DROP TRIGGER outbox_fails');
  const retried = await undoBulkUpdate(ctx, kit.bus, { undoId: undoId! }, slicesOf(3));
  expect({ error, halfway, retried, priorities: ids.map((id) => getTicket(db, id)?.priority), marker: getMeta(db, BULK_IN_PROGRESS_KEY) }).toEqual({
    error: { name: 'SqliteError', message: 'outbox refused' },
    halfway: { priorities: ['normal', 'normal', 'normal', 'high', 'high', 'high'], left: ids.slice(3), marker: undoId },
    retried: { reverted: 3 },
    priorities: ids.map(() => 'normal'),
    marker: undefined,
  });
});
