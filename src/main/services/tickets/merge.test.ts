import { afterEach, beforeEach, expect, test } from 'vitest';
import { listAuditEvents } from '../../store/queries/audit';
import { listOutbox } from '../../store/queries/outbox';
import { getTicket } from '../../store/queries/tickets';
import { addMessage, addTicket, FIXTURE_NOW, snapshotStore } from '../../store/test-builders';
import { NOW, openServiceWorld, thrown, UNKNOWN_ID, UUID, type ServiceWorld } from '../test-kit';
import { mergeTickets } from './merge';
import { TicketService } from './ticket-service';

let kit: ServiceWorld;
beforeEach(() => {
  kit = openServiceWorld({ tickets: 2, messagesPerTicket: 0 });
});
afterEach(() => kit.close());

test('closes the source, points it at the target, notes the merge on the target and records one merge audited on both', () => {
  const { db, ctx, world } = kit;
  const [target, source] = world.tickets as [typeof world.tickets[0], typeof world.tickets[0]];
  db.prepare('UPDATE tickets SET number = 17 WHERE id = ?').run(source.id);

  const merged = mergeTickets(ctx, kit.bus, { sourceId: source.id, targetId: target.id });

  const got = new TicketService(ctx, kit.bus).getTicket(target.id);
  const outbox = listOutbox(db);
  const args = { ticketId: source.id, targetId: target.id, messageId: got.messages[0]?.id, mergedAt: NOW };
  const before = { source: { status: 'open', solvedAt: null, mergedIntoId: null, updatedAt: source.updatedAt }, target: { updatedAt: target.updatedAt } };
  const data = { args, before, seq: 1, mutationId: outbox[0]?.mutationId };
  expect({
    merged,
    source: getTicket(db, source.id),
    note: got.messages,
    mergedFrom: got.mergedFrom,
    outbox,
    targetAudit: listAuditEvents(db, target.id),
    sourceAudit: listAuditEvents(db, source.id),
    events: kit.events,
  }).toEqual({
    merged: { ...target, updatedAt: NOW },
    source: { ...source, number: 17, status: 'closed', solvedAt: NOW, mergedIntoId: target.id, updatedAt: NOW },
    note: [
      {
        id: expect.stringMatching(UUID),
        ticketId: target.id,
        kind: 'note',
        authorType: 'system',
        authorId: null,
        authorName: 'Support Console',
        channel: target.channel,
        bodyFormat: 'markdown',
        body: `⤵ #17 ${source.subject}`,
        attachments: [],
        createdAt: NOW,
      },
    ],
    mergedFrom: [{ id: source.id, number: 17, subject: source.subject }],
    outbox: [{ seq: 1, mutationId: expect.stringMatching(UUID), clientId: ctx.clientId, name: 'ticket/merge', args, before, createdAt: NOW }],
    targetAudit: [{ entity: 'ticket', entityId: target.id, action: 'merged', actorId: world.agent.id, at: NOW, data }],
    sourceAudit: [{ entity: 'ticket', entityId: source.id, action: 'merged-into', actorId: world.agent.id, at: NOW, data }],
    events: [
      { name: 'ticket/changed', payload: { ticketId: source.id } },
      { name: 'ticket/changed', payload: { ticketId: target.id } },
    ],
  });
});

test('shows the source\'s messages in the target\'s thread, in time order, after the merge', () => {
  const { db, ctx, world } = kit;
  const [target, source] = world.tickets as [typeof world.tickets[0], typeof world.tickets[0]];
  const at = (minute: number) => FIXTURE_NOW + minute * 60_000;
  const t1 = addMessage(db, { ticketId: target.id, body: 'target 1', createdAt: at(1) });
  const s1 = addMessage(db, { ticketId: source.id, body: 'source 1', createdAt: at(2) });
  const t2 = addMessage(db, { ticketId: target.id, body: 'target 2', createdAt: at(3) });
  const s2 = addMessage(db, { ticketId: source.id, body: 'source 2', createdAt: at(4) });
  mergeTickets(ctx, kit.bus, { sourceId: source.id, targetId: target.id });
  const thread = new TicketService(ctx, kit.bus).getTicket(target.id).messages;
  expect(thread.map((m) => m.body)).toEqual([t1.body, s1.body, t2.body, s2.body, `⤵ ${source.subject}`]);
});

test('shows the threads of a chain of merges in the last target', () => {
  const { db, ctx, world } = kit;
  const [b, a] = world.tickets as [typeof world.tickets[0], typeof world.tickets[0]];
  const c = addTicket(db, { requesterId: world.customer.id, subject: 'C' });
  addMessage(db, { ticketId: a.id, body: 'from A', createdAt: FIXTURE_NOW + 1 });
  mergeTickets(ctx, kit.bus, { sourceId: a.id, targetId: b.id });
  kit.clock.now = NOW + 1;
  mergeTickets(ctx, kit.bus, { sourceId: b.id, targetId: c.id });
  const got = new TicketService(ctx, kit.bus).getTicket(c.id);
  expect({ mergedFrom: got.mergedFrom.map((m) => m.id).sort(), bodies: got.messages.map((m) => m.body) }).toEqual({
    mergedFrom: [a.id, b.id].sort(),
    bodies: ['from A', `⤵ ${a.subject}`, `⤵ ${b.subject}`],
  });
});

test.each([
  ['the same ticket', 'same', 'targetId', 'validation'],
  ['an unknown source', 'unknown-source', 'sourceId', 'not-found'],
  ['an unknown target', 'unknown-target', 'targetId', 'not-found'],
  ['a source merged already', 'merged-source', 'sourceId', 'validation'],
  ['a target merged already', 'merged-target', 'targetId', 'validation'],
])('refuses %s and writes nothing', (_case, kind, field, code) => {
  const { db, ctx, world } = kit;
  const [x, y] = world.tickets as [typeof world.tickets[0], typeof world.tickets[0]];
  const z = addTicket(db, { requesterId: world.customer.id });
  if (kind === 'merged-source') mergeTickets(ctx, kit.bus, { sourceId: x.id, targetId: z.id });
  if (kind === 'merged-target') mergeTickets(ctx, kit.bus, { sourceId: y.id, targetId: z.id });
  const input = {
    same: { sourceId: x.id, targetId: x.id },
    'unknown-source': { sourceId: UNKNOWN_ID, targetId: y.id },
    'unknown-target': { sourceId: x.id, targetId: UNKNOWN_ID },
    'merged-source': { sourceId: x.id, targetId: y.id },
    'merged-target': { sourceId: x.id, targetId: y.id },
  }[kind]!;
  const before = snapshotStore(db);
  expect({ error: thrown(() => mergeTickets(ctx, kit.bus, input)), rows: snapshotStore(db) }).toEqual({
    error: { name: 'AppError', code, field },
    rows: before,
  });
});
