import { afterEach, beforeEach, expect, test } from 'vitest';
import { listAuditEvents } from '../../store/queries/audit';
import { listMessages } from '../../store/queries/messages';
import { listOutbox } from '../../store/queries/outbox';
import { getTicket } from '../../store/queries/tickets';
import { addGroup, addTicket, snapshotStore } from '../../store/test-builders';
import { NOW, openServiceWorld, thrown, UNKNOWN_ID, UUID, type ServiceWorld } from '../test-kit';
import { createTicket } from './ticket-create';
import { TicketService } from './ticket-service';

let kit: ServiceWorld;
beforeEach(() => {
  kit = openServiceWorld();
});
afterEach(() => kit.close());

const input = {
  subject: 'Invoice shows the wrong VAT rate',
  body: 'The customer called: their March invoice charges 21% VAT instead of 9%.',
  channel: 'phone' as const,
};

test('writes the ticket, the requester\'s first message, one outbox row and one audit event when a ticket is created', () => {
  const { db, ctx, world } = kit;
  const created = createTicket(ctx, kit.bus, { ...input, requesterId: world.customer.id, priority: 'high', tags: ['billing', 'vat', 'billing'], category: 'Billing' });

  const ticket = {
    id: expect.stringMatching(UUID),
    number: null,
    subject: input.subject,
    status: 'new',
    priority: 'high',
    channel: 'phone',
    category: 'Billing',
    tags: ['billing', 'vat'],
    requesterId: world.customer.id,
    organisationId: null,
    assigneeId: null,
    groupId: null,
    level: 'L1',
    createdAt: NOW,
    updatedAt: NOW,
    solvedAt: null,
    dueAt: null,
    mergedIntoId: null,
  };
  const message = {
    id: expect.stringMatching(UUID),
    ticketId: created.id,
    kind: 'reply',
    authorType: 'customer',
    authorId: world.customer.id,
    authorName: world.customer.name,
    channel: 'phone',
    bodyFormat: 'markdown',
    body: input.body,
    attachments: [],
    createdAt: NOW,
  };
  const thread = listMessages(db, created.id);
  const outbox = listOutbox(db);
  const args = {
    ticketId: created.id,
    requesterId: world.customer.id,
    subject: input.subject,
    priority: 'high',
    channel: 'phone',
    category: 'Billing',
    tags: ['billing', 'vat'],
    assigneeId: null,
    groupId: null,
    level: 'L1',
    createdAt: NOW,
    message: { messageId: thread[0]?.id, body: input.body },
  };
  expect({ created, stored: getTicket(db, created.id), thread, outbox, audit: listAuditEvents(db, created.id), events: kit.events }).toEqual({
    created: ticket,
    stored: ticket,
    thread: [message],
    outbox: [{ seq: 1, mutationId: expect.stringMatching(UUID), clientId: ctx.clientId, name: 'ticket/create', args, before: null, createdAt: NOW }],
    audit: [
      { entity: 'ticket', entityId: created.id, action: 'created', actorId: world.agent.id, at: NOW, data: { args, before: null, seq: 1, mutationId: outbox[0]?.mutationId } },
    ],
    events: [{ name: 'ticket/changed', payload: { ticketId: created.id } }],
  });
});

test('opens the ticket in the given group and level when it is created with an assignee', () => {
  const { ctx, world, db } = kit;
  const l2 = addGroup(db, { name: 'Billing & Accounts', level: 'L2' });
  const created = createTicket(ctx, kit.bus, { ...input, requesterId: world.customer.id, assigneeId: world.agent.id, groupId: l2.id, level: 'L2' });
  expect({ status: created.status, assigneeId: created.assigneeId, groupId: created.groupId, level: created.level }).toEqual({
    status: 'open',
    assigneeId: world.agent.id,
    groupId: l2.id,
    level: 'L2',
  });
});

test('lists a new ticket first in the all view, before every numbered ticket', () => {
  const { ctx, world, db } = kit;
  addTicket(db, { requesterId: world.customer.id, number: 41 });
  const created = createTicket(ctx, kit.bus, { ...input, requesterId: world.customer.id });
  const page = new TicketService(ctx, kit.bus).listTickets({ viewId: 'all', limit: 1 });
  expect(page.rows.map((row) => ({ id: row.id, number: row.number }))).toEqual([{ id: created.id, number: null }]);
});

test.each([
  ['requesterId', { requesterId: UNKNOWN_ID }],
  ['assigneeId', { assigneeId: UNKNOWN_ID }],
  ['groupId', { groupId: UNKNOWN_ID }],
])('refuses an unknown %s with validation on that field and writes nothing', (field, overrides) => {
  const before = snapshotStore(kit.db);
  const error = thrown(() => createTicket(kit.ctx, kit.bus, { ...input, requesterId: kit.world.customer.id, ...overrides }));
  expect({ error, rows: snapshotStore(kit.db), events: kit.events }).toEqual({
    error: { name: 'AppError', code: 'validation', field },
    rows: before,
    events: [],
  });
});

test('rolls the ticket and its message back when the outbox insert fails', () => {
  kit.db.exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;");
  const before = snapshotStore(kit.db);
  const error = thrown(() => createTicket(kit.ctx, kit.bus, { ...input, requesterId: kit.world.customer.id }));
  expect({ error, rows: snapshotStore(kit.db), events: kit.events }).toEqual({
    error: { name: 'SqliteError', message: 'outbox refused' },
    rows: before,
    events: [],
  });
});
