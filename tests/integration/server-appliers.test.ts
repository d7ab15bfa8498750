// The backend's appliers of the mutation table: every mutation re-validated against the backend's
// own data, bad args refused for good with a structured error (code, message, field), the rules
// of each kind (first escalation and first merge win, no merge cycles, who may change a view),
// and the role matrix: every mutation as every role.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Storage } from '../../src/server/storage/storage';
import { push } from '../../src/server/sync/push';
import { MUTATION_NAMES, mutations, type MutationName } from '../../src/shared/contract/mutations';
import type { PushResult } from '../../src/shared/contract/sync-protocol';
import { newId } from '../../src/shared/domain/ids';
import { ROLES, type Group, type Role } from '../../src/shared/domain/team';
import type { Ticket } from '../../src/shared/domain/ticket';
import { actorOf, makeTicket, mutation, openTempSqlite, pushRequest, seedWorld, T0, type TestWorld } from './support/server-kit';

let storage: Storage;
let cleanup: () => Promise<void>;
let world: TestWorld;
let specialists: Group;

beforeAll(async () => {
  ({ storage, cleanup } = await openTempSqlite(() => T0 + 3_600_000));
  world = await seedWorld(storage, { tickets: 3 });
  specialists = { id: newId(), name: 'Billing Specialists', level: 'L2' };
  await storage.write((tx) => tx.saveGroup(specialists));
});
afterAll(async () => {
  await cleanup();
});

/** A fresh ticket of the world's customer, saved on the backend. */
async function freshTicket(overrides: Partial<Ticket> = {}): Promise<Ticket> {
  return storage.write(async (tx) => {
    const ticket = makeTicket(world.customer.id, { number: await tx.allocateTicketNumber(), ...overrides });
    await tx.saveTicket(ticket);
    return ticket;
  });
}

/** Pushes mutations as `role` under a fresh client id; answers the results. */
async function pushAs(role: Role, ...batch: { name: string; args: unknown }[]): Promise<PushResult[]> {
  const answer = await push(storage, actorOf(world.accounts[role]), pushRequest(newId(), batch.map((m, i) => mutation(i + 1, m.name, m.args))));
  return answer.results;
}

/** A result as `applied`, or its error. */
function outcome(result: PushResult | undefined): unknown {
  if (result?.status === 'rejected') return result.error;
  return result?.status;
}

const UNKNOWN = '01900000-0000-7000-8000-00000000dead';

function createArgs(overrides: Record<string, unknown> = {}) {
  return {
    ticketId: newId(),
    requesterId: world.customer.id,
    subject: 'Cannot log in',
    priority: 'normal',
    channel: 'phone',
    category: null,
    tags: [],
    assigneeId: null,
    groupId: null,
    level: 'L1',
    createdAt: T0,
    message: { messageId: newId(), body: 'The login page says my password is wrong.' },
    ...overrides,
  };
}

function escalateArgs(ticketId: string, overrides: Record<string, unknown> = {}) {
  return { ticketId, from: 'L1', to: 'L2', groupId: specialists.id, messageId: newId(), reason: 'Refund over the helpdesk limit.', escalatedAt: T0, ...overrides };
}

function viewArgs(overrides: Record<string, unknown> = {}) {
  return { viewId: newId(), name: `View ${newId()}`, scope: 'shared', filter: { unsolved: true }, sort: { field: 'updated', direction: 'desc' }, updatedAt: T0, ...overrides };
}

describe('bad args', () => {
  // [case, mutation name, args (a function: ids of the seeded world), code, field]
  const cases: [string, MutationName, () => Promise<unknown> | unknown, string, string][] = [
    ['a create without a subject', 'ticket/create', () => createArgs({ subject: '  ' }), 'validation', 'args.subject'],
    ['a create that derives its status itself', 'ticket/create', () => createArgs({ status: 'open' }), 'validation', 'args'],
    ['a create for an unknown requester', 'ticket/create', () => createArgs({ requesterId: UNKNOWN }), 'validation', 'args.requesterId'],
    ['a create for an unknown assignee', 'ticket/create', () => createArgs({ assigneeId: UNKNOWN }), 'validation', 'args.assigneeId'],
    ['a create for an unknown group', 'ticket/create', () => createArgs({ groupId: UNKNOWN }), 'validation', 'args.groupId'],
    ['a create of a ticket id that exists', 'ticket/create', () => createArgs({ ticketId: world.tickets[0]!.id }), 'conflict', 'args.ticketId'],
    ['an escalation of an unknown ticket', 'ticket/escalate', () => escalateArgs(UNKNOWN), 'not-found', 'args.ticketId'],
    ['an escalation that skips a level', 'ticket/escalate', async () => escalateArgs((await freshTicket()).id, { to: 'L3' }), 'validation', 'args.to'],
    ['an escalation from a level the ticket is not at', 'ticket/escalate', async () => escalateArgs((await freshTicket()).id, { from: 'L2', to: 'L3' }), 'conflict', 'args.from'],
    ['an escalation to a group of another level', 'ticket/escalate', async () => escalateArgs((await freshTicket()).id, { groupId: world.group.id }), 'validation', 'args.groupId'],
    ['an escalation to an unknown group', 'ticket/escalate', async () => escalateArgs((await freshTicket()).id, { groupId: UNKNOWN }), 'validation', 'args.groupId'],
    ['an escalation without a reason', 'ticket/escalate', async () => escalateArgs((await freshTicket()).id, { reason: ' ' }), 'validation', 'args.reason'],
    ['an escalation of a merged ticket', 'ticket/escalate', async () => escalateArgs((await freshTicket({ mergedIntoId: world.tickets[0]!.id })).id), 'validation', 'args.ticketId'],
    ['a merge into itself', 'ticket/merge', () => ({ ticketId: world.tickets[0]!.id, targetId: world.tickets[0]!.id, messageId: newId(), mergedAt: T0 }), 'validation', 'args.targetId'],
    ['a merge of an unknown ticket', 'ticket/merge', () => ({ ticketId: UNKNOWN, targetId: world.tickets[0]!.id, messageId: newId(), mergedAt: T0 }), 'not-found', 'args.ticketId'],
    ['a merge into an unknown ticket', 'ticket/merge', () => ({ ticketId: world.tickets[0]!.id, targetId: UNKNOWN, messageId: newId(), mergedAt: T0 }), 'not-found', 'args.targetId'],
    ['a merge named by its source (an old shape)', 'ticket/merge', () => ({ sourceId: world.tickets[0]!.id, targetId: world.tickets[1]!.id, messageId: newId(), mergedAt: T0 }), 'validation', 'args.ticketId'],
    ['a link to itself', 'ticket/link', () => ({ ticketId: world.tickets[0]!.id, otherId: world.tickets[0]!.id, kind: 'related', linkedAt: T0 }), 'validation', 'args.otherId'],
    ['a link to an unknown ticket', 'ticket/link', () => ({ ticketId: world.tickets[0]!.id, otherId: UNKNOWN, kind: 'related', linkedAt: T0 }), 'not-found', 'args.otherId'],
    ['a link of an unknown kind', 'ticket/link', () => ({ ticketId: world.tickets[0]!.id, otherId: world.tickets[1]!.id, kind: 'blocks', linkedAt: T0 }), 'validation', 'args.kind'],
    ['an unlink of an unknown ticket', 'ticket/unlink', () => ({ ticketId: UNKNOWN, otherId: world.tickets[1]!.id, unlinkedAt: T0 }), 'not-found', 'args.ticketId'],
    ['a view without a name', 'view/save', () => viewArgs({ name: ' ' }), 'validation', 'args.name'],
    ['a built-in view', 'view/save', () => viewArgs({ viewId: 'my-open' }), 'validation', 'args.viewId'],
    ['a view that claims to be built in', 'view/save', () => viewArgs({ scope: 'built-in' }), 'validation', 'args.scope'],
    ['a view filtering on an unknown group', 'view/save', () => viewArgs({ filter: { groupId: UNKNOWN } }), 'validation', 'args.filter.groupId'],
    ['a view filtering on an unknown agent', 'view/save', () => viewArgs({ filter: { assignee: UNKNOWN } }), 'validation', 'args.filter.assignee'],
    ['a view with a range that ends before it starts', 'view/save', () => viewArgs({ filter: { createdFrom: T0, createdTo: T0 - 1 } }), 'validation', 'args.filter.createdTo'],
    ['a delete of an unknown view', 'view/delete', () => ({ viewId: UNKNOWN, deletedAt: T0 }), 'not-found', 'args.viewId'],
    ['an update of an unknown customer', 'customer/update', () => ({ customerId: UNKNOWN, patch: { proficiency: 'advanced' }, updatedAt: T0 }), 'not-found', 'args.customerId'],
    ['a phone number that is not E.164', 'customer/update', () => ({ customerId: world.customer.id, patch: { phones: ['020 123 4567'] }, updatedAt: T0 }), 'validation', 'args.patch.phones.0'],
    ['a time zone that does not exist', 'customer/update', () => ({ customerId: world.customer.id, patch: { timeZone: 'Mars/Olympus_Mons' }, updatedAt: T0 }), 'validation', 'args.patch.timeZone'],
    ['a language tag that is not canonical', 'customer/update', () => ({ customerId: world.customer.id, patch: { language: 'en-gb' }, updatedAt: T0 }), 'validation', 'args.patch.language'],
    ['an opt-out named twice', 'customer/update', () => ({ customerId: world.customer.id, patch: { optOuts: ['email', 'email'] }, updatedAt: T0 }), 'validation', 'args.patch.optOuts'],
    ['an empty patch', 'customer/update', () => ({ customerId: world.customer.id, patch: {}, updatedAt: T0 }), 'validation', 'args.patch'],
    ['a name field the agent cannot change', 'customer/update', () => ({ customerId: world.customer.id, patch: { name: 'Someone Else' }, updatedAt: T0 }), 'validation', 'args.patch'],
  ];

  test.each(cases)('rejects %s with a structured error and changes nothing', async (_case, name, args, code, field) => {
    const prepared = await args();
    const head = await storage.read((tx) => tx.head());
    const [result] = await pushAs('agent', { name, args: prepared });
    expect({ outcome: outcome(result), head: await storage.read((tx) => tx.head()) }).toEqual({
      outcome: { code, message: expect.stringMatching(/\S/), field },
      head,
    });
  });
});

test('escalates one level up with the fields in the field history and a note by the agent, and refuses a second escalation from the same level', async () => {
  const ticket = await freshTicket({ status: 'new', assigneeId: world.accounts.agent.id });
  const first = escalateArgs(ticket.id, { escalatedAt: T0 + 1000 });
  const [applied] = await pushAs('agent', { name: 'ticket/escalate', args: first });
  const [second] = await pushAs('lead', { name: 'ticket/escalate', args: escalateArgs(ticket.id, { reason: 'Also needs billing.' }) });
  const history = await storage.read((tx) => tx.listFieldChanges(ticket.id));
  expect({
    applied: outcome(applied),
    second: outcome(second),
    ticket: await storage.read((tx) => tx.getTicket(ticket.id)),
    note: await storage.read((tx) => tx.getMessage(first.messageId)),
    history: history.map((change) => [change.field, change.previousValue, change.value, change.changedBy.agentId]),
  }).toEqual({
    applied: 'applied',
    second: { code: 'conflict', message: 'The ticket is at L2 now, not L1: it was escalated or moved first', field: 'args.from' },
    ticket: { ...ticket, level: 'L2', groupId: specialists.id, assigneeId: null, status: 'open', updatedAt: T0 + 1000 },
    note: {
      id: first.messageId,
      ticketId: ticket.id,
      kind: 'note',
      authorType: 'agent',
      authorId: world.accounts.agent.id,
      authorName: world.accounts.agent.name,
      channel: ticket.channel,
      bodyFormat: 'markdown',
      body: '**L1 → L2 · Billing Specialists**\n\nRefund over the helpdesk limit.',
      attachments: [],
      createdAt: T0 + 1000,
    },
    history: [
      ['status', 'new', 'open', world.accounts.agent.id],
      ['assigneeId', world.accounts.agent.id, null, world.accounts.agent.id],
      ['groupId', null, specialists.id, world.accounts.agent.id],
      ['level', 'L1', 'L2', world.accounts.agent.id],
    ],
  });
});

test('merges a ticket with its number in the target\'s note, closing it, and refuses to merge it again', async () => {
  const source = await freshTicket({ subject: 'Export button does nothing' });
  const target = await freshTicket();
  const args = { ticketId: source.id, targetId: target.id, messageId: newId(), mergedAt: T0 + 2000 };
  const [applied, again] = await pushAs('agent', { name: 'ticket/merge', args }, { name: 'ticket/merge', args: { ...args, messageId: newId() } });
  expect({
    applied: outcome(applied),
    again: outcome(again),
    source: await storage.read((tx) => tx.getTicket(source.id)),
    target: await storage.read((tx) => tx.getTicket(target.id)),
    note: (await storage.read((tx) => tx.getMessage(args.messageId)))?.body,
  }).toEqual({
    applied: 'applied',
    again: { code: 'conflict', message: 'This ticket was merged into another already', field: 'args.ticketId' },
    source: { ...source, status: 'closed', solvedAt: T0 + 2000, mergedIntoId: target.id, updatedAt: T0 + 2000 },
    target: { ...target, updatedAt: T0 + 2000 },
    note: `⤵ #${source.number} Export button does nothing`,
  });
});

describe('who may change a saved view', () => {
  test('lets the owner, a lead and an admin change a shared view, refuses another agent, and keeps the owner', async () => {
    const view = viewArgs({ name: 'Team queue' });
    const [created] = await pushAs('agent', { name: 'view/save', args: view });
    const [byLead] = await pushAs('lead', { name: 'view/save', args: { ...view, name: 'Team queue, by lead' } });
    const [byAdmin] = await pushAs('admin', { name: 'view/save', args: { ...view, name: 'Team queue, by admin' } });
    const [madePersonal] = await pushAs('lead', { name: 'view/save', args: { ...view, scope: 'personal' } });
    const stored = await storage.read((tx) => tx.getView(view.viewId));
    expect({ created: outcome(created), byLead: outcome(byLead), byAdmin: outcome(byAdmin), madePersonal: outcome(madePersonal), stored }).toEqual({
      created: 'applied',
      byLead: 'applied',
      byAdmin: 'applied',
      madePersonal: { code: 'forbidden', message: 'Only the agent who made a view can change who sees it', field: 'args.scope' },
      stored: { view: expect.objectContaining({ name: 'Team queue, by admin', scope: 'shared', ownerId: world.accounts.agent.id }), deletedAt: null },
    });
  });

  test('treats another agent\'s personal view as missing, refuses their shared one, and a name taken meanwhile', async () => {
    const personal = viewArgs({ scope: 'personal' });
    const shared = viewArgs();
    await pushAs('lead', { name: 'view/save', args: personal }, { name: 'view/save', args: shared });
    const results = await pushAs(
      'agent',
      { name: 'view/save', args: { ...personal, name: 'Mine now' } },
      { name: 'view/delete', args: { viewId: personal.viewId, deletedAt: T0 } },
      { name: 'view/save', args: { ...shared, name: 'Mine now' } },
      { name: 'view/delete', args: { viewId: shared.viewId, deletedAt: T0 } },
      { name: 'view/save', args: viewArgs({ name: shared.name.toUpperCase() }) },
    );
    expect(results.map(outcome)).toEqual([
      { code: 'not-found', message: expect.any(String), field: 'args.viewId' },
      { code: 'not-found', message: expect.any(String), field: 'args.viewId' },
      { code: 'forbidden', message: expect.any(String), field: 'args.viewId' },
      { code: 'forbidden', message: expect.any(String), field: 'args.viewId' },
      { code: 'conflict', message: expect.any(String), field: 'args.name' },
    ]);
  });

  test('keeps a deleted view deleted: a late save is refused, a second delete changes nothing', async () => {
    const view = viewArgs({ scope: 'personal' });
    const results = await pushAs(
      'agent',
      { name: 'view/save', args: view },
      { name: 'view/delete', args: { viewId: view.viewId, deletedAt: T0 } },
      { name: 'view/delete', args: { viewId: view.viewId, deletedAt: T0 } },
      { name: 'view/save', args: { ...view, name: 'Back again' } },
    );
    expect(results.map(outcome)).toEqual(['applied', 'applied', 'applied', { code: 'not-found', message: 'This view was deleted', field: 'args.viewId' }]);
  });
});

/**
 * Valid args as `role` would push them, made fresh for each call: allowed roles get them applied.
 * (Every mutation of the table, sample or not, goes through the role gate below.)
 */
const samples: Partial<{ [N in MutationName]: (role: Role) => Promise<unknown> }> = {
  'ticket/update-fields': async () => ({ ticketId: (await freshTicket()).id, patch: { priority: 'high' }, updatedAt: T0 }),
  'ticket/add-message': async () => ({ messageId: newId(), ticketId: (await freshTicket()).id, kind: 'note', body: 'Checked.', createdAt: T0 }),
  'ticket/create': async () => createArgs(),
  'ticket/escalate': async () => escalateArgs((await freshTicket()).id),
  'ticket/merge': async () => ({ ticketId: (await freshTicket()).id, targetId: (await freshTicket()).id, messageId: newId(), mergedAt: T0 }),
  'ticket/link': async () => ({ ticketId: (await freshTicket()).id, otherId: (await freshTicket()).id, kind: 'duplicate', linkedAt: T0 }),
  'ticket/unlink': async () => ({ ticketId: (await freshTicket()).id, otherId: (await freshTicket()).id, unlinkedAt: T0 }),
  'view/save': async () => viewArgs({ scope: 'personal' }),
  'view/delete': async (role) => {
    // A personal view is deleted by whoever made it (a role that may not save one is refused first anyway).
    const view = viewArgs({ scope: 'personal' });
    await pushAs(mutations['view/save'].roles.includes(role) ? role : 'agent', { name: 'view/save', args: view });
    return { viewId: view.viewId, deletedAt: T0 };
  },
  'customer/update': async () => ({ customerId: world.customer.id, patch: { proficiency: 'advanced' }, updatedAt: T0 }),
};

describe.each(MUTATION_NAMES)('the role matrix of %s', (name) => {
  // The role is checked before the args: args that fit nothing show the gate alone.
  test.each(ROLES)('refuses %s with forbidden exactly when the mutation table does not list the role', async (role) => {
    const [result] = await pushAs(role, { name, args: {} });
    const allowed = mutations[name].roles.includes(role);
    expect({ role, outcome: outcome(result) }).toEqual({
      role,
      outcome: allowed
        ? { code: 'validation', message: expect.any(String), field: expect.stringMatching(/^args/) }
        : { code: 'forbidden', message: `The role ${role} may not make ${name}`, field: 'name' },
    });
  });

  const sample = samples[name];
  test.runIf(sample !== undefined).each(ROLES)('applies valid args when %s may make it', async (role) => {
    const [result] = await pushAs(role, { name, args: await sample!(role) });
    const allowed = mutations[name].roles.includes(role);
    expect({ role, outcome: outcome(result) }).toEqual({
      role,
      outcome: allowed ? 'applied' : { code: 'forbidden', message: `The role ${role} may not make ${name}`, field: 'name' },
    });
  });
});
