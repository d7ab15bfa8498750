import { afterEach, beforeEach, expect, test } from 'vitest';
import { listAuditEvents } from '../../store/queries/audit';
import { listMessages } from '../../store/queries/messages';
import { listOutbox } from '../../store/queries/outbox';
import { getTicket } from '../../store/queries/tickets';
import { addGroup, snapshotStore } from '../../store/test-builders';
import { NOW, openServiceWorld, thrown, UNKNOWN_ID, UUID, type ServiceWorld } from '../test-kit';
import { escalateTicket } from './escalate';

let kit: ServiceWorld;
beforeEach(() => {
  kit = openServiceWorld({ tickets: 1 });
});
afterEach(() => kit.close());

test('moves a new ticket to L2 and its first group, opens it, adds the reason as a note and records one escalated change', () => {
  const { db, ctx, world } = kit;
  addGroup(db, { name: 'Integrations', level: 'L2' });
  const billing = addGroup(db, { name: 'Billing & Accounts', level: 'L2' });
  db.prepare("UPDATE tickets SET status = 'new', assignee_id = ? WHERE id = ?").run(world.agent.id, world.tickets[0]!.id);
  const ticket = getTicket(db, world.tickets[0]!.id)!;

  const escalated = escalateTicket(ctx, kit.bus, { ticketId: ticket.id, reason: 'Refund over the helpdesk limit.' });

  const thread = listMessages(db, ticket.id);
  const note = thread.at(-1);
  const outbox = listOutbox(db);
  const args = {
    ticketId: ticket.id,
    from: 'L1',
    to: 'L2',
    groupId: billing.id,
    messageId: note?.id,
    reason: 'Refund over the helpdesk limit.',
    escalatedAt: NOW,
  };
  const before = { level: 'L1', groupId: null, assigneeId: world.agent.id, status: 'new', updatedAt: ticket.updatedAt };
  const next = { ...ticket, level: 'L2', groupId: billing.id, assigneeId: null, status: 'open', updatedAt: NOW };
  expect({ escalated, stored: getTicket(db, ticket.id), note, outbox, audit: listAuditEvents(db, ticket.id), events: kit.events }).toEqual({
    escalated: next,
    stored: next,
    note: {
      id: expect.stringMatching(UUID),
      ticketId: ticket.id,
      kind: 'note',
      authorType: 'agent',
      authorId: world.agent.id,
      authorName: world.agent.name,
      channel: ticket.channel,
      bodyFormat: 'markdown',
      body: '**L1 → L2 · Billing & Accounts**\n\nRefund over the helpdesk limit.',
      attachments: [],
      createdAt: NOW,
    },
    outbox: [{ seq: 1, mutationId: expect.stringMatching(UUID), clientId: ctx.clientId, name: 'ticket/escalate', args, before, createdAt: NOW }],
    audit: [{ entity: 'ticket', entityId: ticket.id, action: 'escalated', actorId: world.agent.id, at: NOW, data: { args, before, seq: 1, mutationId: outbox[0]?.mutationId } }],
    events: [{ name: 'ticket/changed', payload: { ticketId: ticket.id } }],
  });
});

test('escalates L2 to L3 and L3 to L4, keeping a status that is not new', () => {
  const { db, ctx, world } = kit;
  const experts = addGroup(db, { name: 'Platform Experts', level: 'L3' });
  const development = addGroup(db, { name: 'Core Development', level: 'L4' });
  const id = world.tickets[0]!.id;
  db.prepare("UPDATE tickets SET level = 'L2', status = 'pending' WHERE id = ?").run(id);
  const toL3 = escalateTicket(ctx, kit.bus, { ticketId: id, reason: 'Data repair needed.' });
  const toL4 = escalateTicket(ctx, kit.bus, { ticketId: id, reason: 'Confirmed bug.' });
  expect([toL3, toL4].map(({ level, groupId, status }) => ({ level, groupId, status }))).toEqual([
    { level: 'L3', groupId: experts.id, status: 'pending' },
    { level: 'L4', groupId: development.id, status: 'pending' },
  ]);
});

test('leaves the group empty when the next level has no group', () => {
  const escalated = escalateTicket(kit.ctx, kit.bus, { ticketId: kit.world.tickets[0]!.id, reason: 'Needs a specialist.' });
  expect({ level: escalated.level, groupId: escalated.groupId, note: listMessages(kit.db, escalated.id).at(-1)?.body }).toEqual({
    level: 'L2',
    groupId: null,
    note: '**L1 → L2**\n\nNeeds a specialist.',
  });
});

test('refuses a ticket at L4 with validation on ticketId and writes nothing', () => {
  kit.db.prepare("UPDATE tickets SET level = 'L4' WHERE id = ?").run(kit.world.tickets[0]!.id);
  const before = snapshotStore(kit.db);
  const error = thrown(() => escalateTicket(kit.ctx, kit.bus, { ticketId: kit.world.tickets[0]!.id, reason: 'Even higher?' }));
  expect({ error, rows: snapshotStore(kit.db), events: kit.events }).toEqual({
    error: { name: 'AppError', code: 'validation', field: 'ticketId' },
    rows: before,
    events: [],
  });
});

test('refuses an unknown ticket with not-found on ticketId', () => {
  expect(thrown(() => escalateTicket(kit.ctx, kit.bus, { ticketId: UNKNOWN_ID, reason: 'Lost' }))).toEqual({
    name: 'AppError',
    code: 'not-found',
    field: 'ticketId',
  });
});

test('rolls the level, group and note back when the audit insert fails', () => {
  kit.db.exec("CREATE TRIGGER audit_fails BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit refused'); END;");
  const before = snapshotStore(kit.db);
  const error = thrown(() => escalateTicket(kit.ctx, kit.bus, { ticketId: kit.world.tickets[0]!.id, reason: 'Needs a specialist.' }));
  expect({ error, rows: snapshotStore(kit.db), events: kit.events }).toEqual({
    error: { name: 'SqliteError', message: 'audit refused' },
    rows: before,
    events: [],
  });
});
