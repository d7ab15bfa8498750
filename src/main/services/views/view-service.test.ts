import { afterEach, beforeEach, expect, test } from 'vitest';
import { parseMethodInput } from '../../../shared/contract/validate';
import { BUILT_IN_VIEWS, type View } from '../../../shared/domain/view';
import { listAuditEvents } from '../../store/queries/audit';
import { listOutbox } from '../../store/queries/outbox';
import { addAgent, addTicket, snapshotStore } from '../../store/test-builders';
import { NOW, openServiceWorld, thrown, UNKNOWN_ID, UUID, type ServiceWorld } from '../test-kit';
import { TicketService } from '../tickets/ticket-service';
import { ViewService } from './view-service';

let kit: ServiceWorld;
let views: ViewService;
beforeEach(() => {
  kit = openServiceWorld({ tickets: 3 });
  views = new ViewService(kit.ctx, kit.bus);
});
afterEach(() => kit.close());

const urgent = { name: 'Urgent', scope: 'personal' as const, filter: { priorities: ['urgent' as const], unsolved: true }, sort: { field: 'due' as const, direction: 'asc' as const } };

/** The same service as another agent on another desktop of the same store. */
function asOtherAgent(): ViewService {
  const other = addAgent(kit.db, { name: 'Otto Other', email: 'otto@support.example' });
  return new ViewService({ ...kit.ctx, agentId: other.id }, kit.bus);
}

test('saves a new personal view with one outbox row and audit event, and announces it', () => {
  const saved = views.saveView(urgent);
  const outbox = listOutbox(kit.db);
  const args = { viewId: saved.id, name: 'Urgent', scope: 'personal', filter: urgent.filter, sort: urgent.sort, updatedAt: NOW };
  expect({ saved, listed: views.listViews().at(-1), outbox, audit: listAuditEvents(kit.db, saved.id), events: kit.events }).toEqual({
    saved: { id: expect.stringMatching(UUID), name: 'Urgent', scope: 'personal', ownerId: kit.world.agent.id, filter: urgent.filter, sort: urgent.sort },
    listed: saved,
    outbox: [{ seq: 1, mutationId: expect.stringMatching(UUID), clientId: kit.ctx.clientId, name: 'view/save', args, before: null, createdAt: NOW }],
    audit: [{ entity: 'view', entityId: saved.id, action: 'view-created', actorId: kit.world.agent.id, at: NOW, data: { args, before: null, seq: 1, mutationId: outbox[0]?.mutationId } }],
    events: [{ name: 'view/changed', payload: { viewId: saved.id } }],
  });
});

test('changes a saved view in place and records what it replaced', () => {
  const saved = views.saveView(urgent);
  kit.clock.now = NOW + 1000;
  const changed = views.saveView({ ...urgent, id: saved.id, name: 'Urgent, mine', scope: 'shared' });
  expect({ changed, count: views.listViews().length, last: listOutbox(kit.db).at(-1) }).toEqual({
    changed: { ...saved, name: 'Urgent, mine', scope: 'shared' },
    count: BUILT_IN_VIEWS.length + 1,
    last: expect.objectContaining({
      name: 'view/save',
      before: { name: 'Urgent', scope: 'personal', ownerId: kit.world.agent.id, filter: urgent.filter, sort: urgent.sort, createdAt: NOW, updatedAt: NOW },
    }),
  });
});

// Regression (found by sync-convergence.test.ts, seed 20261125): saving a view as it was wrote a new
// updatedAt and a mutation the backend applies as nothing, so the desktop kept a time the backend
// never had.
test('changes nothing, records nothing and announces nothing when a view is saved as it is', () => {
  const saved = views.saveView(urgent);
  kit.events.length = 0;
  kit.clock.now = NOW + 1000;
  const again = views.saveView({ ...urgent, id: saved.id });
  expect({ again, outbox: listOutbox(kit.db).length, events: kit.events, stored: snapshotStore(kit.db).views }).toEqual({
    again: saved,
    outbox: 1,
    events: [],
    stored: [expect.objectContaining({ id: saved.id, updated_at: NOW })],
  });
});

test('lists the built-in views, the team\'s shared views and only the agent\'s own personal views', () => {
  const mine = views.saveView(urgent);
  const shared = views.saveView({ ...urgent, name: 'Team queue', scope: 'shared' });
  const other = asOtherAgent();
  const theirs = other.saveView({ ...urgent, name: 'Their own' });
  expect({ mine: views.listViews(), theirs: other.listViews() }).toEqual({
    mine: [...BUILT_IN_VIEWS, shared, mine].sort(byScopeThenName),
    theirs: [...BUILT_IN_VIEWS, shared, theirs].sort(byScopeThenName),
  });
});

function byScopeThenName(a: View, b: View): number {
  const rank = (v: View) => (v.scope === 'built-in' ? BUILT_IN_VIEWS.indexOf(v) : 100);
  return rank(a) - rank(b) || (a.name ?? '').localeCompare(b.name ?? '');
}

test('refuses a second view of the same name in the same scope, in any letter case, with validation on name', () => {
  views.saveView(urgent);
  const before = snapshotStore(kit.db);
  const error = thrown(() => views.saveView({ ...urgent, name: 'URGENT' }));
  const otherScope = views.saveView({ ...urgent, scope: 'shared' });
  const otherAgent = asOtherAgent().saveView(urgent);
  expect({ error, unchanged: before.views, otherScope: otherScope.name, otherAgent: otherAgent.name }).toEqual({
    error: { name: 'AppError', code: 'validation', field: 'name' },
    unchanged: before.views,
    otherScope: 'Urgent',
    otherAgent: 'Urgent',
  });
});

test.each([
  ['an unknown agent', { assignee: UNKNOWN_ID }, 'filter.assignee'],
  ['an unknown group', { groupId: UNKNOWN_ID }, 'filter.groupId'],
  ['an unknown requester', { requesterId: UNKNOWN_ID }, 'filter.requesterId'],
  ['an unknown organisation', { organisationId: UNKNOWN_ID }, 'filter.organisationId'],
  ['a range that ends before it starts', { createdFrom: NOW, createdTo: NOW - 1 }, 'filter.createdTo'],
])('refuses a filter naming %s with validation on its field', (_case, filter, field) => {
  const before = snapshotStore(kit.db);
  expect({ error: thrown(() => views.saveView({ ...urgent, filter })), rows: snapshotStore(kit.db) }).toEqual({
    error: { name: 'AppError', code: 'validation', field },
    rows: before,
  });
});

test('refuses changes to another agent\'s views: forbidden for a shared one, not-found for a personal one', () => {
  const other = asOtherAgent();
  const shared = other.saveView({ ...urgent, scope: 'shared' });
  const personal = other.saveView(urgent);
  expect({
    editShared: thrown(() => views.saveView({ ...urgent, id: shared.id, scope: 'shared' })),
    editPersonal: thrown(() => views.saveView({ ...urgent, id: personal.id })),
    deleteShared: thrown(() => views.deleteView({ viewId: shared.id })),
    deletePersonal: thrown(() => views.deleteView({ viewId: personal.id })),
  }).toEqual({
    editShared: { name: 'AppError', code: 'forbidden', field: 'id' },
    editPersonal: { name: 'AppError', code: 'not-found', field: 'id' },
    deleteShared: { name: 'AppError', code: 'forbidden', field: 'viewId' },
    deletePersonal: { name: 'AppError', code: 'not-found', field: 'viewId' },
  });
});

test('lets a lead change and delete another agent\'s shared view, keeping its owner and who sees it', () => {
  const shared = views.saveView({ ...urgent, name: 'Team queue', scope: 'shared' });
  const lead = addAgent(kit.db, { name: 'Lea Lead', email: 'lea@support.example', role: 'lead' });
  const asLead = new ViewService({ ...kit.ctx, agentId: lead.id }, kit.bus);
  const changed = asLead.saveView({ ...urgent, id: shared.id, name: 'Team queue, urgent first', scope: 'shared' });
  const madePersonal = thrown(() => asLead.saveView({ ...urgent, id: shared.id, name: 'Team queue', scope: 'personal' }));
  asLead.deleteView({ viewId: shared.id });
  expect({ changed, madePersonal, listed: views.listViews() }).toEqual({
    changed: { ...shared, name: 'Team queue, urgent first' },
    madePersonal: { name: 'AppError', code: 'forbidden', field: 'scope' },
    listed: BUILT_IN_VIEWS,
  });
});

test('deletes a saved view with one outbox row, so it leaves the list', () => {
  const saved = views.saveView(urgent);
  kit.clock.now = NOW + 1000;
  kit.events.length = 0;
  const result = views.deleteView({ viewId: saved.id });
  expect({ result, listed: views.listViews(), last: listOutbox(kit.db).at(-1), events: kit.events }).toEqual({
    result: { viewId: saved.id },
    listed: BUILT_IN_VIEWS,
    last: expect.objectContaining({
      name: 'view/delete',
      args: { viewId: saved.id, deletedAt: NOW + 1000 },
      before: { name: 'Urgent', scope: 'personal', ownerId: kit.world.agent.id, filter: urgent.filter, sort: urgent.sort, createdAt: NOW, updatedAt: NOW },
    }),
    events: [{ name: 'view/changed', payload: { viewId: saved.id } }],
  });
});

test('refuses to delete a built-in view: validation at the contract, forbidden in the service', () => {
  let contract: unknown;
  try {
    parseMethodInput('view/delete', { viewId: 'my-open' });
  } catch (error) {
    contract = { code: (error as { code: string }).code, field: (error as { field: string }).field };
  }
  expect({ contract, service: thrown(() => views.deleteView({ viewId: 'my-open' })) }).toEqual({
    contract: { code: 'validation', field: 'viewId' },
    service: { name: 'AppError', code: 'forbidden', field: 'viewId' },
  });
});

test('refuses to save views when nobody is signed in with forbidden', () => {
  const anonymous = new ViewService({ ...kit.ctx, agentId: null }, kit.bus);
  expect(thrown(() => anonymous.saveView(urgent))).toEqual({ name: 'AppError', code: 'forbidden', field: undefined });
});

test('counts the tickets of built-in and saved views, leaving out views the agent cannot see', () => {
  const { db, world } = kit;
  addTicket(db, { requesterId: world.customer.id, status: 'solved', priority: 'urgent' });
  addTicket(db, { requesterId: world.customer.id, status: 'open', priority: 'urgent', assigneeId: world.agent.id });
  const mine = views.saveView(urgent);
  const theirs = asOtherAgent().saveView(urgent);
  expect(views.countViews({ viewIds: ['all', 'my-open', 'solved', mine.id, theirs.id, 'no-such-view'] })).toEqual({
    all: 5,
    'my-open': 1,
    solved: 1,
    [mine.id]: 1,
  });
});

test('lists the tickets of a saved view by its id, and not those of another agent\'s personal view', () => {
  const { db, world } = kit;
  const urgentTicket = addTicket(db, { requesterId: world.customer.id, priority: 'urgent' });
  const mine = views.saveView(urgent);
  const theirs = asOtherAgent().saveView(urgent);
  const tickets = new TicketService(kit.ctx, kit.bus);
  expect({
    mine: tickets.listTickets({ viewId: mine.id }).rows.map((row) => row.id),
    theirs: thrown(() => tickets.listTickets({ viewId: theirs.id })),
  }).toEqual({ mine: [urgentTicket.id], theirs: { name: 'AppError', code: 'not-found', field: 'viewId' } });
});
