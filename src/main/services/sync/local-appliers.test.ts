// The desktop's side of the mutations beyond field changes and messages: each is re-applied on top
// of newer pulled data (its before-image refreshed) and undone exactly when the backend refuses it.
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Customer } from '../../../shared/domain/customer';
import { orientLink, ticketLinkKey } from '../../../shared/domain/ticket-link';
import type { SavedViewValue } from '../../../shared/domain/view';
import { openStore, writeTransaction, type Db } from '../../store/db';
import { getCustomer } from '../../store/queries/customers';
import { listMessages } from '../../store/queries/messages';
import { getOutboxEntry, listOutboxFrom, listRejections } from '../../store/queries/sync-state';
import { readTicket } from '../../store/queries/sync-apply';
import { listTicketLinks } from '../../store/queries/ticket-links';
import { listVisibleViews } from '../../store/queries/views';
import { addGroup, addWorld, makeTempDir, removeTempDir, type World } from '../../store/test-builders';
import { CustomerService } from '../customers/customer-service';
import { EventBus } from '../event-bus';
import { escalateTicket } from '../tickets/escalate';
import { linkTickets } from '../tickets/links';
import { mergeTickets } from '../tickets/merge';
import { createTicket } from '../tickets/ticket-create';
import { TicketService } from '../tickets/ticket-service';
import { ViewService } from '../views/view-service';
import { emptyTouched, type Touched } from './local-appliers';
import { ensureClientId, type ChangeContext } from './outbox-writer';
import { PageApplier } from './pull-apply';
import { settleEntry, type TimelineEnv } from './rebase';

let dir: string;
let db: Db;
let world: World;
let ctx: ChangeContext;
let bus: EventBus;
let env: TimelineEnv;
let clock: number;

beforeEach(() => {
  dir = makeTempDir();
  db = openStore(path.join(dir, 'support-console.db'));
  world = addWorld(db, { tickets: 3, messagesPerTicket: 0 });
  clock = Date.UTC(2025, 0, 6, 10, 0, 0);
  ctx = { db, clientId: ensureClientId(db), agentId: world.agent.id, now: () => (clock += 1000) };
  bus = new EventBus();
  env = { db, agentId: world.agent.id, now: ctx.now };
});
afterEach(() => {
  db.close();
  removeTempDir(dir);
});

/** Takes in the backend's refusal of the pending row `seq`; answers what the UI hears of. */
function refuse(seq: number, code: 'validation' | 'conflict' | 'not-found' = 'conflict'): Touched {
  const touched = emptyTouched();
  writeTransaction(db, () => settleEntry(env, getOutboxEntry(db, seq)!, { outcome: 'rejected', error: { code, message: 'refused' } }, touched));
  return touched;
}

/** Applies pulled changes as one page (not the last: the outbox is left as it is); answers what the UI hears of. */
function pulled(changes: unknown[]): Touched {
  const touched = emptyTouched();
  new PageApplier(env, { changes, cursor: 'abc.1', hasMore: true, lastAppliedSeq: null, mutations: [] }, {
    sliceBudgetMs: 50,
    rebuilding: false,
    confirmedSeq: 0,
    pace: { commitMs: 0 },
  }).step(touched);
  return touched;
}

function touchedAsLists(touched: Touched) {
  return { tickets: [...touched.tickets].sort(), customers: [...touched.customers], views: [...touched.views] };
}

test('takes a refused new ticket and its first message out of the store', () => {
  const created = createTicket(ctx, bus, { requesterId: world.customer.id, subject: 'Cannot log in', body: 'It says my password is wrong.', channel: 'phone' });
  const touched = refuse(1, 'validation');
  expect({ ticket: readTicket(db, created.id), thread: listMessages(db, created.id), touched: touchedAsLists(touched) }).toEqual({
    ticket: undefined,
    thread: [],
    touched: { tickets: [created.id], customers: [], views: [] },
  });
});

test('undoes a refused escalation exactly, its note gone, and keeps a later field change of the ticket', () => {
  const l2 = addGroup(db, { name: 'Billing Specialists', level: 'L2' });
  const ticket = world.tickets[0]!;
  const escalated = escalateTicket(ctx, bus, { ticketId: ticket.id, reason: 'Needs billing.' });
  const changed = new TicketService(ctx, bus).updateFields({ ticketId: ticket.id, patch: { priority: 'high' } });
  refuse(1);
  expect({ escalated: [escalated.level, escalated.groupId], after: readTicket(db, ticket.id), thread: listMessages(db, ticket.id) }).toEqual({
    escalated: ['L2', l2.id],
    after: { ...ticket, priority: 'high', updatedAt: changed.updatedAt },
    thread: [],
  });
});

test('refuses a pending escalation when the pulled ticket was escalated by someone else first, its note gone until it applies again', () => {
  addGroup(db, { name: 'Billing Specialists', level: 'L2' });
  const ticket = world.tickets[0]!;
  escalateTicket(ctx, bus, { ticketId: ticket.id, reason: 'Needs billing.' });
  pulled([{ op: 'upsert', entity: 'ticket', key: ticket.id, value: { ...ticket, level: 'L2', updatedAt: clock + 5000 } }]);
  const whileStale = { notes: listMessages(db, ticket.id).length, rejections: listRejections(db).map((r) => [r.final, r.error.code, r.error.field]) };
  pulled([{ op: 'upsert', entity: 'ticket', key: ticket.id, value: ticket }]);
  expect({ whileStale, notes: listMessages(db, ticket.id).length, level: readTicket(db, ticket.id)?.level, rejections: listRejections(db) }).toEqual({
    whileStale: { notes: 0, rejections: [[false, 'conflict', 'args.from']] },
    notes: 1,
    level: 'L2',
    rejections: [],
  });
});

test('undoes a refused merge on both tickets and takes the target\'s note away', () => {
  const [source, target] = world.tickets as [World['tickets'][0], World['tickets'][0]];
  mergeTickets(ctx, bus, { sourceId: source.id, targetId: target.id });
  const touched = refuse(1);
  expect({ source: readTicket(db, source.id), target: readTicket(db, target.id), thread: listMessages(db, target.id), touched: touchedAsLists(touched) }).toEqual({
    source,
    target,
    thread: [],
    touched: { tickets: [source.id, target.id].sort(), customers: [], views: [] },
  });
});

test('keeps a pending link on top of a pulled value of the pair, and falls back to that value when the link is refused', () => {
  const [a, b] = world.tickets as [World['tickets'][0], World['tickets'][0]];
  linkTickets(ctx, bus, { ticketId: a.id, otherId: b.id, kind: 'caused-by' });
  const server = { ...orientLink(a.id, b.id, 'related'), createdAt: clock, updatedAt: clock };
  const touched = pulled([{ op: 'upsert', entity: 'ticket-link', key: ticketLinkKey(a.id, b.id), value: server }]);
  const kinds = () => [listTicketLinks(db, a.id).map((l) => l.kind), listTicketLinks(db, b.id).map((l) => l.kind)];
  const pending = { kinds: kinds(), before: getOutboxEntry(db, 1)?.before };
  refuse(1);
  expect({ pending, refused: kinds(), touched: touchedAsLists(touched) }).toEqual({
    pending: { kinds: [['caused-by'], ['causes']], before: { kind: 'related' } },
    refused: [['related'], ['related']],
    touched: { tickets: [a.id, b.id].sort(), customers: [], views: [] },
  });
});

test('keeps a pending customer change on top of a pulled value of the customer, and falls back to that value when it is refused', () => {
  new CustomerService(ctx, bus).updateCustomer({ customerId: world.customer.id, patch: { timeZone: 'Europe/Berlin' } });
  const server: Customer = { ...world.customer, language: 'de', timeZone: 'Europe/Lisbon' };
  const touched = pulled([{ op: 'upsert', entity: 'customer', key: server.id, value: server }]);
  const pending = getCustomer(db, server.id);
  refuse(1, 'validation');
  expect({ pending, refused: getCustomer(db, server.id), touched: touchedAsLists(touched) }).toEqual({
    pending: { ...server, timeZone: 'Europe/Berlin' },
    refused: server,
    touched: { tickets: [], customers: [server.id], views: [] },
  });
});

test('takes a refused new view away, restores a view whose refused change replaced it, and brings a pulled shared view in', () => {
  const views = new ViewService(ctx, bus);
  const made = views.saveView({ name: 'Urgent', scope: 'personal', filter: { priorities: ['urgent'] }, sort: { field: 'due', direction: 'asc' } });
  const kept = views.saveView({ name: 'Team', scope: 'shared', filter: {}, sort: { field: 'updated', direction: 'desc' } });
  views.saveView({ id: kept.id, name: 'Team, renamed', scope: 'shared', filter: { unsolved: true }, sort: { field: 'updated', direction: 'desc' } });
  refuse(1);
  refuse(3);
  const theirs: SavedViewValue = { id: '01900000-0000-7000-8000-0000000000a1', name: 'Their queue', scope: 'shared', ownerId: world.agent.id, filter: {}, sort: { field: 'created', direction: 'asc' }, createdAt: clock, updatedAt: clock };
  const touched = pulled([{ op: 'upsert', entity: 'view', key: theirs.id, value: theirs }]);
  expect({ names: listVisibleViews(db, world.agent.id).map((saved) => saved.view.name), made: listVisibleViews(db, world.agent.id).some((saved) => saved.view.id === made.id), touched: touchedAsLists(touched) }).toEqual({
    names: ['Team', 'Their queue'],
    made: false,
    touched: { tickets: [], customers: [], views: [theirs.id] },
  });
});

test('refuses a pending change of a view that a pulled tombstone deleted, and never brings it back', () => {
  const views = new ViewService(ctx, bus);
  const saved = views.saveView({ name: 'Team', scope: 'shared', filter: {}, sort: { field: 'updated', direction: 'desc' } });
  // The first save is confirmed (it left the outbox); the change of it is still pending.
  writeTransaction(db, () => settleEntry(env, getOutboxEntry(db, 1)!, { outcome: 'applied' }));
  views.saveView({ id: saved.id, name: 'Team, renamed', scope: 'shared', filter: {}, sort: { field: 'updated', direction: 'desc' } });
  pulled([{ op: 'delete', entity: 'view', key: saved.id }]);
  expect({ views: listVisibleViews(db, world.agent.id), rejections: listRejections(db).map((r) => [r.seq, r.final, r.error.code]), outbox: listOutboxFrom(db, 1, 10).length }).toEqual({
    views: [],
    rejections: [[2, false, 'not-found']],
    outbox: 1,
  });
});

// Regression (found by sync-convergence.test.ts, seed 20261125): a pending save rebased on a pulled
// view of the same content wrote its own updatedAt, which the backend (writing nothing for it) never
// sent back.
test('keeps the pulled view as it is when a pending save of the same content is rebased on it', () => {
  const views = new ViewService(ctx, bus);
  const saved = views.saveView({ name: 'Team', scope: 'shared', filter: {}, sort: { field: 'updated', direction: 'desc' } });
  writeTransaction(db, () => settleEntry(env, getOutboxEntry(db, 1)!, { outcome: 'applied' }));
  const renamed = views.saveView({ id: saved.id, name: 'Team, renamed', scope: 'shared', filter: {}, sort: { field: 'updated', direction: 'desc' } });
  // Another desktop saved the very same; the backend's value comes in first.
  const theirs: SavedViewValue = { id: saved.id, name: 'Team, renamed', scope: 'shared', ownerId: world.agent.id, filter: {}, sort: renamed.sort, createdAt: clock - 5000, updatedAt: clock - 1000 };
  pulled([{ op: 'upsert', entity: 'view', key: saved.id, value: theirs }]);
  expect({ views: listVisibleViews(db, world.agent.id), rejections: listRejections(db) }).toEqual({
    views: [{ view: renamed, createdAt: theirs.createdAt, updatedAt: theirs.updatedAt }],
    rejections: [],
  });
});

// Regression (found by sync-convergence.test.ts, seed 20261125): a pending delete whose view was
// gone when it was re-applied kept its old before-image, and its refusal brought the view back on
// this desktop alone, for good.
test('brings nothing back when the backend refuses the delete of a view whose refused save took it away', () => {
  const views = new ViewService(ctx, bus);
  const saved = views.saveView({ name: 'Urgent', scope: 'personal', filter: { unsolved: true }, sort: { field: 'updated', direction: 'desc' } });
  views.deleteView({ viewId: saved.id });
  refuse(1, 'conflict');
  refuse(2, 'not-found');
  expect({ views: db.prepare('SELECT id FROM views WHERE deleted_at IS NULL').all(), outbox: listOutboxFrom(db, 1, 10).length }).toEqual({ views: [], outbox: 0 });
});

test('undoes a refused merge written before the merged ticket was named ticketId (sourceId)', () => {
  const [source, target] = world.tickets as [World['tickets'][0], World['tickets'][0]];
  mergeTickets(ctx, bus, { sourceId: source.id, targetId: target.id });
  writeTransaction(db, () => {
    db.prepare("UPDATE outbox SET args = json_set(json_remove(args, '$.ticketId'), '$.sourceId', ?) WHERE seq = 1").run(source.id);
  });
  refuse(1, 'validation');
  expect({ source: readTicket(db, source.id), target: readTicket(db, target.id), thread: listMessages(db, target.id) }).toEqual({ source, target, thread: [] });
});
