import { afterEach, beforeEach, expect, test } from 'vitest';
import { MAX_BULK_TICKETS } from '../../../shared/domain/ticket';
import { listAuditEvents } from '../../store/queries/audit';
import { listOutbox } from '../../store/queries/outbox';
import { getTicket } from '../../store/queries/tickets';
import { getUndoRecord } from '../../store/queries/undo-log';
import { addTicket, snapshotStore } from '../../store/test-builders';
import { NOW, openServiceWorld, thrown, UNKNOWN_ID, UUID, type ServiceWorld } from '../test-kit';
import { bulkUpdate, undoBulkUpdate } from './bulk-update';
import { TicketService } from './ticket-service';

let kit: ServiceWorld;
beforeEach(() => {
  kit = openServiceWorld({ tickets: 3 });
});
afterEach(() => kit.close());

test('changes every ticket in one action with one outbox row and audit event per changed ticket, and keeps the before-images for undo', () => {
  const { db, ctx, world } = kit;
  const [a, b, c] = world.tickets as [typeof world.tickets[0], typeof world.tickets[0], typeof world.tickets[0]];
  db.prepare("UPDATE tickets SET status = 'pending' WHERE id = ?").run(c.id);
  const cBefore = getTicket(db, c.id)!;
  const result = bulkUpdate(ctx, kit.bus, { ticketIds: [a.id, b.id, c.id], patch: { status: 'pending', assigneeId: world.agent.id } });

  const outbox = listOutbox(db);
  const row = (ticket: typeof a, patch: Record<string, unknown>, before: Record<string, unknown>, seq: number) => ({
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

test('answers no undo and writes nothing when no ticket changes', () => {
  const before = snapshotStore(kit.db);
  const result = bulkUpdate(kit.ctx, kit.bus, { ticketIds: kit.world.tickets.map((t) => t.id), patch: { priority: 'normal' } });
  expect({ result, rows: snapshotStore(kit.db), events: kit.events }).toEqual({ result: { changed: 0, undoId: null }, rows: before, events: [] });
});

test('refuses the whole edit with not-found on ticketIds.N when one ticket is unknown', () => {
  const before = snapshotStore(kit.db);
  const ids = [kit.world.tickets[0]!.id, UNKNOWN_ID, kit.world.tickets[1]!.id];
  const error = thrown(() => bulkUpdate(kit.ctx, kit.bus, { ticketIds: ids, patch: { priority: 'urgent' } }));
  expect({ error, rows: snapshotStore(kit.db), events: kit.events }).toEqual({
    error: { name: 'AppError', code: 'not-found', field: 'ticketIds.1' },
    rows: before,
    events: [],
  });
});

test('refuses an unknown assignee with validation on patch.assigneeId and writes nothing', () => {
  const before = snapshotStore(kit.db);
  const error = thrown(() => bulkUpdate(kit.ctx, kit.bus, { ticketIds: kit.world.tickets.map((t) => t.id), patch: { assigneeId: UNKNOWN_ID } }));
  expect({ error, rows: snapshotStore(kit.db) }).toEqual({ error: { name: 'AppError', code: 'validation', field: 'patch.assigneeId' }, rows: before });
});

test('rolls every ticket back when the outbox refuses the third mutation', () => {
  kit.db.exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox WHEN new.seq = 3 BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;");
  const before = snapshotStore(kit.db);
  const error = thrown(() => bulkUpdate(kit.ctx, kit.bus, { ticketIds: kit.world.tickets.map((t) => t.id), patch: { priority: 'urgent' } }));
  expect({ error, rows: snapshotStore(kit.db), events: kit.events }).toEqual({
    error: { name: 'SqliteError', message: 'outbox refused' },
    rows: before,
    events: [],
  });
});

test('changes the most tickets a bulk edit allows in one transaction', () => {
  const { db, ctx, world } = kit;
  const ids = db.transaction(() => Array.from({ length: MAX_BULK_TICKETS }, () => addTicket(db, { requesterId: world.customer.id }).id))();
  const result = bulkUpdate(ctx, kit.bus, { ticketIds: ids, patch: { status: 'solved' } });
  expect({ changed: result.changed, outboxRows: listOutbox(db, 5000).length, entries: getUndoRecord(db, result.undoId!)?.entries.length }).toEqual({
    changed: MAX_BULK_TICKETS,
    outboxRows: MAX_BULK_TICKETS,
    entries: MAX_BULK_TICKETS,
  });
});

test('reverts each field only where the ticket still holds the value the bulk edit set', () => {
  const { db, ctx, world } = kit;
  const [a, b] = world.tickets as [typeof world.tickets[0], typeof world.tickets[0]];
  const tickets = new TicketService(ctx, kit.bus);
  const { undoId } = bulkUpdate(ctx, kit.bus, { ticketIds: [a.id, b.id], patch: { status: 'pending', priority: 'high' } });
  // Later, B's priority is changed again (by this agent or synced from another): that change stays.
  kit.clock.now = NOW + 60_000;
  tickets.updateFields({ ticketId: b.id, patch: { priority: 'urgent' } });
  kit.clock.now = NOW + 120_000;
  const seqBefore = listOutbox(db).length;
  kit.events.length = 0;

  const result = undoBulkUpdate(ctx, kit.bus, { undoId: undoId! });
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

test('reverts nothing on a ticket whose every field changed again since', () => {
  const { ctx, world } = kit;
  const a = world.tickets[0]!;
  const { undoId } = bulkUpdate(ctx, kit.bus, { ticketIds: [a.id], patch: { priority: 'high' } });
  new TicketService(ctx, kit.bus).updateFields({ ticketId: a.id, patch: { priority: 'low' } });
  const before = listOutbox(kit.db).length;
  expect({ result: undoBulkUpdate(ctx, kit.bus, { undoId: undoId! }), newRows: listOutbox(kit.db).length - before, priority: getTicket(kit.db, a.id)?.priority }).toEqual({
    result: { reverted: 0 },
    newRows: 0,
    priority: 'low',
  });
});

test('refuses a second undo of the same edit with not-found on undoId', () => {
  const { undoId } = bulkUpdate(kit.ctx, kit.bus, { ticketIds: [kit.world.tickets[0]!.id], patch: { priority: 'high' } });
  undoBulkUpdate(kit.ctx, kit.bus, { undoId: undoId! });
  const before = snapshotStore(kit.db);
  expect({ error: thrown(() => undoBulkUpdate(kit.ctx, kit.bus, { undoId: undoId! })), rows: snapshotStore(kit.db) }).toEqual({
    error: { name: 'AppError', code: 'not-found', field: 'undoId' },
    rows: before,
  });
});

test('rolls the whole undo back when the outbox refuses one of its mutations', () => {
  const { undoId } = bulkUpdate(kit.ctx, kit.bus, { ticketIds: kit.world.tickets.map((t) => t.id), patch: { priority: 'high' } });
  kit.db.exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox WHEN new.seq = 5 BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;");
  const before = snapshotStore(kit.db);
  expect({ error: thrown(() => undoBulkUpdate(kit.ctx, kit.bus, { undoId: undoId! })), rows: snapshotStore(kit.db) }).toEqual({
    error: { name: 'SqliteError', message: 'outbox refused' },
    rows: before,
  });
});
