import { afterEach, beforeEach, expect, test } from 'vitest';
import { listAuditEvents } from '../../store/queries/audit';
import { listOutbox } from '../../store/queries/outbox';
import { snapshotStore } from '../../store/test-builders';
import { NOW, openServiceWorld, thrown, UNKNOWN_ID, UUID, type ServiceWorld } from '../test-kit';
import { linkTickets, unlinkTickets } from './links';
import { TicketService } from './ticket-service';

let kit: ServiceWorld;
beforeEach(() => {
  kit = openServiceWorld({ tickets: 2, messagesPerTicket: 0 });
});
afterEach(() => kit.close());

test('shows a link on both tickets, the reverse kind on the other, with one outbox row audited on both', () => {
  const { db, ctx, world } = kit;
  const [a, b] = world.tickets as [typeof world.tickets[0], typeof world.tickets[0]];
  const links = linkTickets(ctx, kit.bus, { ticketId: a.id, otherId: b.id, kind: 'caused-by' });

  const service = new TicketService(ctx, kit.bus);
  const outbox = listOutbox(db);
  const args = { ticketId: a.id, otherId: b.id, kind: 'caused-by', linkedAt: NOW };
  const data = { args, before: { kind: null }, seq: 1, mutationId: outbox[0]?.mutationId };
  const link = (from: typeof a, to: typeof a, kind: string) => ({
    ticketId: from.id,
    otherId: to.id,
    otherNumber: null,
    otherSubject: to.subject,
    otherStatus: 'open',
    kind,
    createdAt: NOW,
  });
  expect({
    links,
    onA: service.getTicket(a.id).links,
    onB: service.getTicket(b.id).links,
    outbox,
    auditA: listAuditEvents(db, a.id),
    auditB: listAuditEvents(db, b.id),
    events: kit.events,
  }).toEqual({
    links: [link(a, b, 'caused-by')],
    onA: [link(a, b, 'caused-by')],
    onB: [link(b, a, 'causes')],
    outbox: [{ seq: 1, mutationId: expect.stringMatching(UUID), clientId: ctx.clientId, name: 'ticket/link', args, before: { kind: null }, createdAt: NOW }],
    auditA: [{ entity: 'ticket', entityId: a.id, action: 'linked', actorId: world.agent.id, at: NOW, data }],
    auditB: [{ entity: 'ticket', entityId: b.id, action: 'linked', actorId: world.agent.id, at: NOW, data }],
    events: [a, b].map((t) => ({ name: 'ticket/changed', payload: { ticketId: t.id } })),
  });
});

test('changes the kind when the tickets are linked again, and writes nothing when the kind is the same', () => {
  const { db, ctx, world } = kit;
  const [a, b] = world.tickets as [typeof world.tickets[0], typeof world.tickets[0]];
  linkTickets(ctx, kit.bus, { ticketId: a.id, otherId: b.id, kind: 'related' });
  kit.clock.now = NOW + 1000;
  const changed = linkTickets(ctx, kit.bus, { ticketId: b.id, otherId: a.id, kind: 'duplicate' });
  const before = snapshotStore(db);
  const again = linkTickets(ctx, kit.bus, { ticketId: b.id, otherId: a.id, kind: 'duplicate' });
  expect({
    changed: changed.map(({ kind, createdAt }) => ({ kind, createdAt })),
    again,
    unchanged: snapshotStore(db),
    lastBefore: listOutbox(db).at(-1)?.before,
  }).toEqual({ changed: [{ kind: 'duplicate', createdAt: NOW }], again: changed, unchanged: before, lastBefore: { kind: 'related' } });
});

test('removes the link from both tickets with one outbox row, and a later link starts afresh', () => {
  const { db, ctx, world } = kit;
  const [a, b] = world.tickets as [typeof world.tickets[0], typeof world.tickets[0]];
  linkTickets(ctx, kit.bus, { ticketId: a.id, otherId: b.id, kind: 'duplicate' });
  kit.clock.now = NOW + 1000;
  const afterUnlink = unlinkTickets(ctx, kit.bus, { ticketId: b.id, otherId: a.id });
  const service = new TicketService(ctx, kit.bus);
  const unlinked = { onA: service.getTicket(a.id).links, onB: service.getTicket(b.id).links, last: listOutbox(db).at(-1) };
  kit.clock.now = NOW + 2000;
  const relinked = linkTickets(ctx, kit.bus, { ticketId: a.id, otherId: b.id, kind: 'related' });
  expect({ afterUnlink, unlinked, relinked: relinked.map(({ kind, createdAt }) => ({ kind, createdAt })) }).toEqual({
    afterUnlink: [],
    unlinked: {
      onA: [],
      onB: [],
      last: expect.objectContaining({ name: 'ticket/unlink', args: { ticketId: b.id, otherId: a.id, unlinkedAt: NOW + 1000 }, before: { kind: 'duplicate' } }),
    },
    relinked: [{ kind: 'related', createdAt: NOW + 2000 }],
  });
});

test('changes nothing when unlinking tickets that are not linked', () => {
  const [a, b] = kit.world.tickets as [typeof kit.world.tickets[0], typeof kit.world.tickets[0]];
  const before = snapshotStore(kit.db);
  expect({ links: unlinkTickets(kit.ctx, kit.bus, { ticketId: a.id, otherId: b.id }), rows: snapshotStore(kit.db), events: kit.events }).toEqual({
    links: [],
    rows: before,
    events: [],
  });
});

test.each([
  ['a ticket to itself', 'self', 'validation', 'otherId'],
  ['an unknown ticket', 'unknown-ticket', 'not-found', 'ticketId'],
  ['to an unknown ticket', 'unknown-other', 'not-found', 'otherId'],
])('refuses to link %s and writes nothing', (_case, kind, code, field) => {
  const [a, b] = kit.world.tickets as [typeof kit.world.tickets[0], typeof kit.world.tickets[0]];
  const input = {
    self: { ticketId: a.id, otherId: a.id },
    'unknown-ticket': { ticketId: UNKNOWN_ID, otherId: b.id },
    'unknown-other': { ticketId: a.id, otherId: UNKNOWN_ID },
  }[kind]!;
  const before = snapshotStore(kit.db);
  expect({ error: thrown(() => linkTickets(kit.ctx, kit.bus, { ...input, kind: 'related' })), rows: snapshotStore(kit.db) }).toEqual({
    error: { name: 'AppError', code, field },
    rows: before,
  });
});
