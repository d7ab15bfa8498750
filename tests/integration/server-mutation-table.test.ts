// The desktop and the backend agree on the mutation table: what the desktop's ticket service
// writes into its outbox parses with the shared schemas and is applied by the backend as is.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { EventBus } from '../../src/main/services/event-bus';
import { ensureClientId } from '../../src/main/services/sync/outbox-writer';
import { TicketService } from '../../src/main/services/tickets/ticket-service';
import { openStore, type Db } from '../../src/main/store/db';
import { listOutbox } from '../../src/main/store/queries/outbox';
import { getTicket } from '../../src/main/store/queries/tickets';
import { addWorld, FIXTURE_NOW, makeTempDir, type World } from '../../src/main/store/test-builders';
import { AuthService, DEFAULT_AUTH_CONFIG } from '../../src/server/auth/auth-service';
import { seedFromSnapshot } from '../../src/server/seed';
import { openStorage } from '../../src/server/storage/open-storage';
import type { Storage } from '../../src/server/storage/storage';
import { push } from '../../src/server/sync/push';
import { isMutationName, mutations } from '../../src/shared/contract/mutations';
import { serverSnapshotSchema } from '../../src/shared/contract/server-snapshot';
import { pushMutationSchema, SYNC_PROTOCOL_VERSION } from '../../src/shared/contract/sync-protocol';
import type { Ticket } from '../../src/shared/domain/ticket';
import { TEST_PASSWORD, TEST_SCRYPT } from './support/server-kit';

/** The desktop's ticket with the fields its store may not keep yet (SLA due time, merge target) at their defaults. */
function withTicketDefaults(ticket: Omit<Ticket, 'dueAt' | 'mergedIntoId'> & Partial<Ticket>): Ticket {
  return { dueAt: null, mergedIntoId: null, ...ticket };
}

let dir: string;
let db: Db;
let world: World;
let storage: Storage;
let clientId: string;

beforeEach(async () => {
  dir = makeTempDir('sc-mutation-table-');
  db = openStore(path.join(dir, 'desktop.db'));
  world = addWorld(db, { tickets: 2, messagesPerTicket: 1 });
  clientId = ensureClientId(db);
  const service = new TicketService({ db, clientId, agentId: world.agent.id, now: () => FIXTURE_NOW + 60_000 }, new EventBus());
  service.updateFields({ ticketId: world.tickets[0]!.id, patch: { priority: 'urgent', tags: ['billing'], status: 'solved' } });
  service.addMessage({ ticketId: world.tickets[0]!.id, kind: 'note', body: 'Refund approved by finance.' });
  service.updateFields({ ticketId: world.tickets[1]!.id, patch: { assigneeId: world.agent.id, groupId: world.group.id } });

  storage = await openStorage({ kind: 'sqlite', file: path.join(dir, 'server.sqlite') });
  const snapshot = serverSnapshotSchema.parse({
    levels: [world.level],
    groups: [world.group],
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
  expect(outbox.map((entry) => entry.name)).toEqual(['ticket/update-fields', 'ticket/add-message', 'ticket/update-fields']);
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
  // The backend's tickets now equal the desktop's, field for field.
  const local = db.prepare('SELECT id FROM tickets ORDER BY id').all() as { id: string }[];
  for (const { id } of local) {
    const desktop = getTicket(db, id)!;
    const backend = await storage.read((tx) => tx.getTicket(id));
    expect(backend).toEqual({ ...withTicketDefaults(desktop), number: backend!.number });
  }
});
