import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { AppEvent } from '../../../shared/contract/app-events';
import { AppError } from '../../../shared/contract/errors';
import type { Ticket } from '../../../shared/domain/ticket';
import { BUILT_IN_VIEWS, type PageCursor } from '../../../shared/domain/view';
import { openStore, type Db } from '../../store/db';
import { listAuditEvents } from '../../store/queries/audit';
import { insertCall } from '../../store/queries/calls';
import { getMeta } from '../../store/queries/meta';
import { listOutbox } from '../../store/queries/outbox';
import { getTicket } from '../../store/queries/tickets';
import { listMessages } from '../../store/queries/messages';
import { addAgent, addTicket, addWorld, FIXTURE_NOW, makeTempDir, removeTempDir, snapshotStore, type World } from '../../store/test-builders';
import { EventBus } from '../event-bus';
import { ensureClientId, type ChangeContext } from '../sync/outbox-writer';
import { TicketService } from './ticket-service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The instant of the changes under test: one hour after the fixture was made. */
const NOW = FIXTURE_NOW + 3_600_000;

let dir: string;
let db: Db;
let world: World;
let ticket: Ticket;
let ctx: ChangeContext;
let clock: number;
let events: AppEvent[];
let service: TicketService;

beforeEach(() => {
  dir = makeTempDir();
  db = openStore(path.join(dir, 'support-console.db'));
  world = addWorld(db, { tickets: 3, messagesPerTicket: 1 });
  ticket = world.tickets[0]!;
  clock = NOW;
  ctx = { db, clientId: ensureClientId(db), agentId: world.agent.id, now: () => clock };
  events = [];
  const bus = new EventBus();
  bus.subscribe((event) => events.push(event));
  service = new TicketService(ctx, bus);
});

afterEach(() => {
  db.close();
  removeTempDir(dir);
});

/** What `run` threw, as plain data, so a test can compare the whole of it. */
function thrown(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { name: error.name, code: error.code, field: error.field };
    if (error instanceof Error) return { name: error.name, message: error.message };
    throw error;
  }
  throw new Error('expected a throw');
}

test('writes the change, one outbox row and one audit event when a patch changes a ticket', () => {
  const result = service.updateFields({
    ticketId: ticket.id,
    patch: { priority: 'high', assigneeId: world.agent.id, tags: ['billing'] },
  });

  const outbox = listOutbox(db);
  const args = { ticketId: ticket.id, patch: { priority: 'high', assigneeId: world.agent.id, tags: ['billing'] }, updatedAt: NOW };
  const before = { priority: 'normal', assigneeId: null, tags: [], updatedAt: ticket.updatedAt, solvedAt: null };
  const changed = { ...ticket, priority: 'high', assigneeId: world.agent.id, tags: ['billing'], updatedAt: NOW };
  expect({ result, stored: getTicket(db, ticket.id), outbox, audit: listAuditEvents(db, ticket.id), events }).toEqual({
    result: changed,
    stored: changed,
    outbox: [
      { seq: 1, mutationId: expect.stringMatching(UUID), clientId: ctx.clientId, name: 'ticket/update-fields', args, before, createdAt: NOW },
    ],
    audit: [
      {
        entity: 'ticket',
        entityId: ticket.id,
        action: 'fields-updated',
        actorId: world.agent.id,
        at: NOW,
        data: { args, before, seq: 1, mutationId: outbox[0]?.mutationId },
      },
    ],
    events: [{ name: 'ticket/changed', payload: { ticketId: ticket.id } }],
  });
});

test('numbers outbox rows 1, 2, 3 with distinct mutation ids when changes follow each other', () => {
  service.updateFields({ ticketId: ticket.id, patch: { priority: 'urgent' } });
  service.addMessage({ ticketId: ticket.id, kind: 'note', body: 'Checked the logs.' });
  service.updateFields({ ticketId: world.tickets[1]!.id, patch: { status: 'pending' } });

  const outbox = listOutbox(db);
  expect({
    rows: outbox.map(({ seq, name, clientId }) => ({ seq, name, clientId })),
    distinctMutationIds: new Set(outbox.map((row) => row.mutationId)).size,
    nextSeq: getMeta(db, 'next_seq'),
  }).toEqual({
    rows: [
      { seq: 1, name: 'ticket/update-fields', clientId: ctx.clientId },
      { seq: 2, name: 'ticket/add-message', clientId: ctx.clientId },
      { seq: 3, name: 'ticket/update-fields', clientId: ctx.clientId },
    ],
    distinctMutationIds: 3,
    nextSeq: '4',
  });
});

test('never reuses a seq when confirmed outbox rows were deleted', () => {
  service.updateFields({ ticketId: ticket.id, patch: { priority: 'urgent' } });
  service.updateFields({ ticketId: ticket.id, patch: { priority: 'low' } });
  // What a push does once the backend confirmed them.
  db.prepare('DELETE FROM outbox').run();
  service.updateFields({ ticketId: ticket.id, patch: { priority: 'high' } });

  expect(listOutbox(db).map((row) => row.seq)).toEqual([3]);
});

test('writes nothing when the patch equals the current values', () => {
  const before = snapshotStore(db);
  const result = service.updateFields({
    ticketId: ticket.id,
    patch: { status: ticket.status, priority: ticket.priority, assigneeId: null, tags: [], category: null },
  });
  expect({ result, rows: snapshotStore(db) }).toEqual({ result: ticket, rows: before });
});

test('refuses an unknown assignee with validation on patch.assigneeId and writes nothing', () => {
  const before = snapshotStore(db);
  const error = thrown(() =>
    service.updateFields({ ticketId: ticket.id, patch: { priority: 'high', assigneeId: '01940000-0000-7000-8000-000000000000' } }),
  );
  expect({ error, rows: snapshotStore(db), events }).toEqual({
    error: { name: 'AppError', code: 'validation', field: 'patch.assigneeId' },
    rows: before,
    events: [],
  });
});

test('refuses an assignee whose agent was deleted with validation on patch.assigneeId', () => {
  // Regression: a tombstoned agent used to be accepted as assignee (groups were already checked).
  const leaver = addAgent(db, { name: 'Lee Leaver', email: 'lee@support.example' });
  db.prepare('UPDATE agents SET deleted_at = ? WHERE id = ?').run(FIXTURE_NOW, leaver.id);
  const before = snapshotStore(db);
  const error = thrown(() => service.updateFields({ ticketId: ticket.id, patch: { assigneeId: leaver.id } }));
  expect({ error, rows: snapshotStore(db) }).toEqual({
    error: { name: 'AppError', code: 'validation', field: 'patch.assigneeId' },
    rows: before,
  });
});

test('accepts a patch that repeats the current assignee when that agent was deleted since', () => {
  const leaver = addAgent(db, { name: 'Lee Leaver', email: 'lee@support.example' });
  service.updateFields({ ticketId: ticket.id, patch: { assigneeId: leaver.id } });
  db.prepare('UPDATE agents SET deleted_at = ? WHERE id = ?').run(NOW, leaver.id);
  clock = NOW + 60_000;
  const result = service.updateFields({ ticketId: ticket.id, patch: { assigneeId: leaver.id, priority: 'high' } });
  expect({ result, lastArgs: listOutbox(db).at(-1)?.args }).toEqual({
    result: { ...ticket, assigneeId: leaver.id, priority: 'high', updatedAt: NOW + 60_000 },
    lastArgs: { ticketId: ticket.id, patch: { priority: 'high' }, updatedAt: NOW + 60_000 },
  });
});

test('refuses an unknown group with validation on patch.groupId and writes nothing', () => {
  const before = snapshotStore(db);
  const error = thrown(() => service.updateFields({ ticketId: ticket.id, patch: { groupId: '01940000-0000-7000-8000-000000000000' } }));
  expect({ error, rows: snapshotStore(db) }).toEqual({
    error: { name: 'AppError', code: 'validation', field: 'patch.groupId' },
    rows: before,
  });
});

test('refuses a patch of an unknown ticket with not-found and writes nothing', () => {
  const before = snapshotStore(db);
  const error = thrown(() =>
    service.updateFields({ ticketId: '01940000-0000-7000-8000-000000000000', patch: { priority: 'high' } }),
  );
  expect({ error, rows: snapshotStore(db) }).toEqual({
    error: { name: 'AppError', code: 'not-found', field: 'ticketId' },
    rows: before,
  });
});

test('sets solvedAt when the status becomes solved and clears it when the ticket is reopened', () => {
  const solved = service.updateFields({ ticketId: ticket.id, patch: { status: 'solved' } });
  clock = NOW + 60_000;
  const reopened = service.updateFields({ ticketId: ticket.id, patch: { status: 'open' } });
  expect({ solved, reopened, lastBefore: listOutbox(db).at(-1)?.before }).toEqual({
    solved: { ...ticket, status: 'solved', updatedAt: NOW, solvedAt: NOW },
    reopened: { ...ticket, status: 'open', updatedAt: NOW + 60_000, solvedAt: null },
    lastBefore: { status: 'solved', updatedAt: NOW, solvedAt: NOW },
  });
});

test('rolls the ticket change back when the outbox insert fails', () => {
  db.exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;");
  const before = snapshotStore(db);
  const error = thrown(() => service.updateFields({ ticketId: ticket.id, patch: { priority: 'urgent' } }));
  expect({ error, rows: snapshotStore(db), events }).toEqual({
    error: { name: 'SqliteError', message: 'outbox refused' },
    rows: before,
    events: [],
  });
});

test('rolls the message and the outbox row back when the audit insert fails', () => {
  db.exec("CREATE TRIGGER audit_fails BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit refused'); END;");
  const before = snapshotStore(db);
  const error = thrown(() => service.addMessage({ ticketId: ticket.id, kind: 'reply', body: 'We are on it.' }));
  expect({ error, rows: snapshotStore(db), events }).toEqual({
    error: { name: 'SqliteError', message: 'audit refused' },
    rows: before,
    events: [],
  });
});

test('appends the message, touches updated_at and writes one outbox row and one audit event when a message is added', () => {
  const message = service.addMessage({ ticketId: ticket.id, kind: 'reply', body: 'We are on it.' });

  const outbox = listOutbox(db);
  const args = { messageId: message.id, ticketId: ticket.id, kind: 'reply', body: 'We are on it.', createdAt: NOW };
  const before = { updatedAt: ticket.updatedAt };
  const added = {
    id: expect.stringMatching(UUID),
    ticketId: ticket.id,
    kind: 'reply',
    authorType: 'agent',
    authorId: world.agent.id,
    authorName: world.agent.name,
    channel: ticket.channel,
    bodyFormat: 'markdown',
    body: 'We are on it.',
    attachments: [],
    createdAt: NOW,
  };
  const earlier = world.messages.filter((m) => m.ticketId === ticket.id);
  expect({
    message,
    thread: listMessages(db, ticket.id),
    stored: getTicket(db, ticket.id),
    outbox,
    audit: listAuditEvents(db, ticket.id),
    events,
  }).toEqual({
    message: added,
    thread: [...earlier, added],
    stored: { ...ticket, updatedAt: NOW },
    outbox: [{ seq: 1, mutationId: expect.stringMatching(UUID), clientId: ctx.clientId, name: 'ticket/add-message', args, before, createdAt: NOW }],
    audit: [
      {
        entity: 'ticket',
        entityId: ticket.id,
        action: 'reply-added',
        actorId: world.agent.id,
        at: NOW,
        data: { args, before, seq: 1, mutationId: outbox[0]?.mutationId },
      },
    ],
    events: [{ name: 'ticket/changed', payload: { ticketId: ticket.id } }],
  });
});

test('refuses a message for an unknown ticket with not-found and writes nothing', () => {
  const before = snapshotStore(db);
  const error = thrown(() =>
    service.addMessage({ ticketId: '01940000-0000-7000-8000-000000000000', kind: 'note', body: 'Lost note' }),
  );
  expect({ error, rows: snapshotStore(db), events }).toEqual({
    error: { name: 'AppError', code: 'not-found', field: 'ticketId' },
    rows: before,
    events: [],
  });
});

test('emits ticket/changed only after the change is committed', () => {
  const seen: unknown[] = [];
  const bus = new EventBus();
  bus.subscribe(() => seen.push({ inTransaction: db.inTransaction, priority: getTicket(db, ticket.id)?.priority }));
  new TicketService(ctx, bus).updateFields({ ticketId: ticket.id, patch: { priority: 'urgent' } });
  expect(seen).toEqual([{ inTransaction: false, priority: 'urgent' }]);
});

test('returns the ticket with its thread, requester and calls', () => {
  const call = {
    id: '01940000-0000-7000-8000-0000000000c1',
    direction: 'inbound' as const,
    callerNumber: '+31201234567',
    customerId: world.customer.id,
    agentId: world.agent.id,
    ticketId: ticket.id,
    queuedAt: FIXTURE_NOW,
    answeredAt: FIXTURE_NOW + 20_000,
    endedAt: FIXTURE_NOW + 200_000,
    outcome: 'answered' as const,
    notes: 'Walked through the export settings.',
  };
  insertCall(db, call);
  expect(service.getTicket(ticket.id)).toEqual({
    ticket,
    messages: world.messages.filter((m) => m.ticketId === ticket.id),
    olderMessages: 0,
    requester: world.customer,
    organisation: null,
    calls: [call],
    links: [],
    mergedFrom: [],
  });
});

test('answers not-found when the ticket id is unknown', () => {
  expect(thrown(() => service.getTicket('01940000-0000-7000-8000-000000000000'))).toEqual({
    name: 'AppError',
    code: 'not-found',
    field: 'ticketId',
  });
});

// ---- the ticket list ------------------------------------------------------------------------

/**
 * Tickets A–K, one per combination worth telling apart. Ids sort like their letters, so among
 * tickets updated at the same instant (B, C, J at 20; F, G at 50) the later letter comes first.
 * Deadlines are minutes from NOW (the service's clock): A and H are past due, B, G and J due
 * within two hours, C due later; E's deadline does not count, E is solved.
 */
function addListFixture(): { me: string; other: string } {
  db.prepare('DELETE FROM messages').run();
  db.prepare('DELETE FROM tickets').run();
  const me = world.agent.id;
  const other = addAgent(db, { name: 'Otto Other', email: 'otto@support.example' }).id;
  const rows: [string, Ticket['status'], Ticket['level'], string | null, number, number | null, number | null][] = [
    ['A', 'open', 'L1', me, 10, 3, -10],
    ['B', 'new', 'L2', null, 20, 1, 30],
    ['C', 'pending', 'L1', other, 20, 7, 300],
    ['D', 'on-hold', 'L3', me, 30, 2, null],
    ['E', 'solved', 'L1', me, 40, 10, -60],
    ['F', 'closed', 'L4', null, 50, 5, null],
    ['G', 'open', 'L4', null, 50, null, 90],
    ['H', 'pending', 'L2', me, 60, 4, -5],
    ['I', 'solved', 'L2', null, 5, 9, null],
    ['J', 'open', 'L1', me, 20, 6, 119],
    ['K', 'open', 'L1', me, 70, 8, 1],
  ];
  for (const [letter, status, level, assigneeId, minute, number, dueMinutes] of rows) {
    addTicket(db, {
      id: `01940000-0000-7000-8000-00000000000${letter.toLowerCase()}`,
      number,
      subject: letter,
      status,
      level,
      assigneeId,
      requesterId: world.customer.id,
      updatedAt: FIXTURE_NOW + minute * 60_000,
      dueAt: dueMinutes === null ? null : NOW + dueMinutes * 60_000,
    });
  }
  // K is a tombstone: no view lists it.
  db.prepare("UPDATE tickets SET deleted_at = ? WHERE subject = 'K'").run(NOW);
  return { me, other };
}

/** The subjects of every page of a view, pages of `limit`, following the `next` cursors. */
function pageThrough(viewId: string, limit: number): { subjects: string[]; largestPage: number } {
  const subjects: string[] = [];
  let largestPage = 0;
  let after: PageCursor | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = service.listTickets({ viewId, after, limit });
    subjects.push(...page.rows.map((row) => row.subject));
    largestPage = Math.max(largestPage, page.rows.length);
    if (!page.next) return { subjects, largestPage };
    after = page.next;
  }
  throw new Error(`view ${viewId} did not end after 100 pages`);
}

const EXPECTED_VIEWS: Record<string, string[]> = {
  'my-open': ['H', 'D', 'J', 'A'],
  unassigned: ['G', 'B'],
  'all-unsolved': ['H', 'G', 'D', 'J', 'C', 'B', 'A'],
  'level-l1': ['J', 'C', 'A'],
  'level-l2': ['H', 'B'],
  'level-l3': ['D'],
  'level-l4': ['G'],
  // Soonest deadline first: past due, then due within two hours.
  'sla-at-risk': ['A', 'H', 'B', 'G', 'J'],
  pending: ['H', 'C'],
  'on-hold': ['D'],
  'recently-updated': ['H', 'G', 'F', 'E', 'D', 'J', 'C', 'B', 'A', 'I'],
  solved: ['E', 'I'],
  // Highest number first; G has none yet (not synced), so it comes before every numbered ticket.
  all: ['G', 'E', 'I', 'C', 'J', 'F', 'H', 'A', 'D', 'B'],
};

test('expects a page list for every built-in view', () => {
  expect(Object.keys(EXPECTED_VIEWS).sort()).toEqual(BUILT_IN_VIEWS.map((view) => view.id).sort());
});

test.each(Object.entries(EXPECTED_VIEWS))('returns each ticket of view %s once, in the view\'s sort, across pages of 2', (viewId, subjects) => {
  addListFixture();
  expect(pageThrough(viewId, 2)).toEqual({ subjects, largestPage: Math.min(2, subjects.length) });
});

test('lists rows with the requester and assignee names', () => {
  addListFixture();
  const page = service.listTickets({ viewId: 'my-open', limit: 1 });
  const h = getTicket(db, '01940000-0000-7000-8000-00000000000h');
  expect(page).toEqual({
    rows: [{ ...h, requesterName: world.customer.name, assigneeName: world.agent.name }],
    next: { key: FIXTURE_NOW + 60 * 60_000, id: '01940000-0000-7000-8000-00000000000h' },
  });
});

test('lists nothing in my-open when nobody is signed in', () => {
  addListFixture();
  const anonymous = new TicketService({ ...ctx, agentId: null }, new EventBus());
  expect(anonymous.listTickets({ viewId: 'my-open' })).toEqual({ rows: [], next: null });
});

test('refuses an unknown view with not-found on viewId', () => {
  expect(thrown(() => service.listTickets({ viewId: 'no-such-view' }))).toEqual({ name: 'AppError', code: 'not-found', field: 'viewId' });
});

test('lists an ad-hoc filter in an ad-hoc sort when no view is named', () => {
  addListFixture();
  const page = service.listTickets({ filter: { statuses: ['open', 'pending'], assignee: 'me' }, sort: { field: 'updated', direction: 'asc' } });
  expect(page.rows.map((row) => row.subject)).toEqual(['A', 'J', 'H']);
});

test('sorts a view the way the caller asks when a sort is given with the view', () => {
  addListFixture();
  const page = service.listTickets({ viewId: 'my-open', sort: { field: 'priority', direction: 'desc' } });
  // All four are normal priority: newest updated first within it.
  expect({ subjects: page.rows.map((row) => row.subject), next: page.next }).toEqual({ subjects: ['H', 'D', 'J', 'A'], next: null });
});

test('refuses a view and a filter together with validation on filter', () => {
  expect(thrown(() => service.listTickets({ viewId: 'all', filter: { unsolved: true } }))).toEqual({
    name: 'AppError',
    code: 'validation',
    field: 'filter',
  });
});

test('refuses a cursor whose key cannot come from the sort with validation on after.key', () => {
  // A priority key packs the rank above 2^44: 4 × 2^44 is past urgent.
  const error = thrown(() => service.listTickets({ viewId: 'all-unsolved', sort: { field: 'priority', direction: 'desc' }, after: { key: 4 * 2 ** 44, id: ticket.id } }));
  const nullForUpdated = thrown(() => service.listTickets({ viewId: 'all-unsolved', after: { key: null, id: ticket.id } }));
  expect({ error, nullForUpdated }).toEqual({
    error: { name: 'AppError', code: 'validation', field: 'after.key' },
    nullForUpdated: { name: 'AppError', code: 'validation', field: 'after.key' },
  });
});

test('emits nothing when a patch changes nothing', () => {
  service.updateFields({ ticketId: ticket.id, patch: { priority: ticket.priority } });
  expect(events).toEqual([]);
});
