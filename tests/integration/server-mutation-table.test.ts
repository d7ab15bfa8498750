// The desktop and the backend agree on the mutation table: what the desktop's services write into
// its outbox (tickets, escalations, links, merges, macros, customers, views) parses with the shared
// schemas and is applied by the backend as is, to the same result.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { CustomerService } from '../../src/main/services/customers/customer-service';
import { EventBus } from '../../src/main/services/event-bus';
import { MacroService } from '../../src/main/services/macros/macro-service';
import { ensureClientId, type ChangeContext } from '../../src/main/services/sync/outbox-writer';
import { escalateTicket } from '../../src/main/services/tickets/escalate';
import { linkTickets, unlinkTickets } from '../../src/main/services/tickets/links';
import { mergeTickets } from '../../src/main/services/tickets/merge';
import { createTicket } from '../../src/main/services/tickets/ticket-create';
import { TicketService } from '../../src/main/services/tickets/ticket-service';
import { ViewService } from '../../src/main/services/views/view-service';
import { openStore, type Db } from '../../src/main/store/db';
import { getCustomer } from '../../src/main/store/queries/customers';
import { insertMacro } from '../../src/main/store/queries/macros';
import { listOutbox } from '../../src/main/store/queries/outbox';
import { listTicketLinks } from '../../src/main/store/queries/ticket-links';
import { getTicket } from '../../src/main/store/queries/tickets';
import { getSavedView } from '../../src/main/store/queries/views';
import { addGroup, addWorld, FIXTURE_NOW, makeTempDir, type World } from '../../src/main/store/test-builders';
import { AuthService, DEFAULT_AUTH_CONFIG } from '../../src/server/auth/auth-service';
import { seedFromSnapshot } from '../../src/server/seed';
import { openStorage } from '../../src/server/storage/open-storage';
import type { Storage } from '../../src/server/storage/storage';
import { push } from '../../src/server/sync/push';
import { isMutationName, mutations } from '../../src/shared/contract/mutations';
import { serverSnapshotSchema } from '../../src/shared/contract/server-snapshot';
import { pushMutationSchema, SYNC_PROTOCOL_VERSION } from '../../src/shared/contract/sync-protocol';
import { newId } from '../../src/shared/domain/ids';
import type { Group } from '../../src/shared/domain/team';
import type { Ticket } from '../../src/shared/domain/ticket';
import { TEST_PASSWORD, TEST_SCRYPT } from './support/server-kit';

/** Every message id of the desktop store. */
function listMessageIds(store: Db): string[] {
  return (store.prepare('SELECT id FROM messages ORDER BY id').all() as { id: string }[]).map((row) => row.id);
}

/** The desktop's ticket with the fields its store may not keep yet (SLA due time, merge target) at their defaults. */
function withTicketDefaults(ticket: Omit<Ticket, 'dueAt' | 'mergedIntoId'> & Partial<Ticket>): Ticket {
  return { dueAt: null, mergedIntoId: null, ...ticket };
}

let dir: string;
let db: Db;
let world: World;
let storage: Storage;
let clientId: string;
let specialists: Group;
let createdId: string;
let viewIds: string[];

beforeEach(async () => {
  dir = makeTempDir('sc-mutation-table-');
  db = openStore(path.join(dir, 'desktop.db'));
  world = addWorld(db, { tickets: 3, messagesPerTicket: 1 });
  specialists = addGroup(db, { name: 'Billing Specialists', level: 'L2' });
  clientId = ensureClientId(db);
  const ctx: ChangeContext = { db, clientId, agentId: world.agent.id, now: () => FIXTURE_NOW + 60_000 };
  const bus = new EventBus();
  const service = new TicketService(ctx, bus);
  service.updateFields({ ticketId: world.tickets[0]!.id, patch: { priority: 'urgent', tags: ['billing'], status: 'solved' } });
  service.addMessage({ ticketId: world.tickets[0]!.id, kind: 'note', body: 'Refund approved by finance.' });
  service.updateFields({ ticketId: world.tickets[1]!.id, patch: { assigneeId: world.agent.id, groupId: world.group.id } });
  const created = createTicket(ctx, bus, { requesterId: world.customer.id, subject: 'Cannot log in', body: 'It says my password is wrong.', channel: 'chat', tags: ['login'] });
  createdId = created.id;
  escalateTicket(ctx, bus, { ticketId: created.id, reason: 'Needs a specialist.' });
  linkTickets(ctx, bus, { ticketId: created.id, otherId: world.tickets[0]!.id, kind: 'caused-by' });
  linkTickets(ctx, bus, { ticketId: world.tickets[1]!.id, otherId: world.tickets[2]!.id, kind: 'related' });
  unlinkTickets(ctx, bus, { ticketId: world.tickets[2]!.id, otherId: world.tickets[1]!.id });
  mergeTickets(ctx, bus, { sourceId: world.tickets[2]!.id, targetId: created.id });
  const macroId = newId();
  insertMacro(db, { id: macroId, name: 'Urgent to specialists', body: 'Hi {{requester.firstName}}, a specialist takes over.', kind: 'reply', fields: { priority: 'urgent' }, language: null, updatedAt: FIXTURE_NOW });
  new MacroService(ctx, bus).applyMacro({ ticketId: created.id, macroId });
  new CustomerService(ctx, bus).updateCustomer({ customerId: world.customer.id, patch: { phones: ['+31 6 12345678'], language: 'nl-be', optOuts: ['surveys', 'email'] } });
  const views = new ViewService(ctx, bus);
  const shared = views.saveView({ name: 'Specialists', scope: 'shared', filter: { levels: ['L2'], groupId: specialists.id }, sort: { field: 'priority', direction: 'desc' } });
  const gone = views.saveView({ name: 'Scratch', scope: 'personal', filter: {}, sort: { field: 'created', direction: 'asc' } });
  views.saveView({ id: shared.id, name: 'Specialists, unsolved', scope: 'shared', filter: { levels: ['L2'], unsolved: true }, sort: { field: 'priority', direction: 'desc' } });
  views.deleteView({ viewId: gone.id });
  viewIds = [shared.id, gone.id];

  storage = await openStorage({ kind: 'sqlite', file: path.join(dir, 'server.sqlite') });
  const snapshot = serverSnapshotSchema.parse({
    levels: [world.level],
    groups: [world.group, specialists],
    agents: [world.agent],
    accounts: [{ agentId: world.agent.id, password: TEST_PASSWORD }],
    customers: [world.customer],
    tickets: world.tickets.map(withTicketDefaults),
    messages: world.messages,
  });
  await seedFromSnapshot(storage, new AuthService(storage, { ...DEFAULT_AUTH_CONFIG, scrypt: TEST_SCRYPT }), snapshot);
});

afterEach(async () => {
  db.close();
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('parses every outbox row of the desktop with the shared schemas when the desktop makes changes', () => {
  const outbox = listOutbox(db);
  expect(outbox.map((entry) => entry.name)).toEqual([
    'ticket/update-fields',
    'ticket/add-message',
    'ticket/update-fields',
    'ticket/create',
    'ticket/escalate',
    'ticket/link',
    'ticket/link',
    'ticket/unlink',
    'ticket/merge',
    'ticket/update-fields',
    'ticket/add-message',
    'customer/update',
    'view/save',
    'view/save',
    'view/save',
    'view/delete',
  ]);
  for (const entry of outbox) {
    expect(isMutationName(entry.name)).toBe(true);
    if (!isMutationName(entry.name)) continue;
    expect(mutations[entry.name].args.safeParse(entry.args).error).toBeUndefined();
    const wire = { seq: entry.seq, mutationId: entry.mutationId, name: entry.name, args: entry.args, createdAt: entry.createdAt };
    expect(pushMutationSchema.safeParse(wire).error).toBeUndefined();
  }
});

test('applies the desktop outbox on the backend with the same result when it is pushed', async () => {
  const outbox = listOutbox(db);
  const request = {
    protocolVersion: SYNC_PROTOCOL_VERSION,
    clientId,
    mutations: outbox.map((entry) => ({ seq: entry.seq, mutationId: entry.mutationId, name: entry.name, args: entry.args, createdAt: entry.createdAt })),
  };
  const actor = { accountId: world.agent.id, name: world.agent.name, role: world.agent.role, sessionId: 'desktop' };
  const answer = await push(storage, actor, request);
  expect(answer).toEqual({
    lastAppliedSeq: outbox.at(-1)!.seq,
    results: outbox.map((entry) => ({ status: 'applied', seq: entry.seq, mutationId: entry.mutationId })),
    stopped: null,
  });
  // The backend's tickets now equal the desktop's, field for field (the new one has its number).
  const local = db.prepare('SELECT id FROM tickets ORDER BY id').all() as { id: string }[];
  for (const { id } of local) {
    const desktop = getTicket(db, id)!;
    const backend = await storage.read((tx) => tx.getTicket(id));
    expect(backend).toEqual({ ...withTicketDefaults(desktop), number: backend!.number });
  }
  const [linkedTo] = world.tickets;
  const backendLink = await storage.read((tx) => tx.getTicketLink(createdId, linkedTo!.id));
  const backendViews = await storage.read((tx) => Promise.all(viewIds.map((id) => tx.getView(id))));
  expect({
    number: (await storage.read((tx) => tx.getTicket(createdId)))?.number,
    messages: await storage.read(async (tx) => (await Promise.all(listMessageIds(db).map((id) => tx.getMessage(id)))).every((message) => message !== undefined)),
    link: backendLink && (backendLink.ticketId === createdId ? backendLink.kind : { causes: 'caused-by', 'caused-by': 'causes' }[backendLink.kind as 'causes']),
    unlinked: await storage.read((tx) => tx.getTicketLink(world.tickets[1]!.id, world.tickets[2]!.id)),
    desktopLinks: listTicketLinks(db, createdId).map((link) => [link.otherId, link.kind]),
    customer: await storage.read((tx) => tx.getCustomer(world.customer.id)),
    views: backendViews.map((stored) => stored && { ...stored.view, deleted: stored.deletedAt !== null }),
  }).toEqual({
    number: world.tickets.length + 1,
    messages: true,
    link: 'caused-by',
    unlinked: undefined,
    desktopLinks: [[linkedTo!.id, 'caused-by']],
    customer: getCustomer(db, world.customer.id),
    views: [
      { ...getSavedView(db, viewIds[0]!)!.view, createdAt: expect.any(Number), updatedAt: expect.any(Number), deleted: false },
      expect.objectContaining({ id: viewIds[1], deleted: true }),
    ],
  });
});
