import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Ticket } from '../../../shared/domain/ticket';
import { openStore, writeTransaction, type Db } from '../../store/db';
import { getOutboxEntry, listOutboxFrom, listRejections, switchClientId } from '../../store/queries/sync-state';
import { putTicket, readTicket } from '../../store/queries/sync-apply';
import { addWorld, makeTempDir, removeTempDir, type World } from '../../store/test-builders';
import { EventBus } from '../event-bus';
import { TicketService } from '../tickets/ticket-service';
import { ensureClientId, type ChangeContext } from './outbox-writer';
import { emptyTouched } from './local-appliers';
import { PageApplier } from './pull-apply';
import { rebaseTicket, rollbackEntry, settleEntry, type TimelineEnv } from './rebase';

let dir: string;
let db: Db;
let world: World;
let ctx: ChangeContext;
let tickets: TicketService;
let env: TimelineEnv;
let clock: number;

beforeEach(() => {
  dir = makeTempDir();
  db = openStore(path.join(dir, 'support-console.db'));
  world = addWorld(db, { tickets: 2 });
  clock = Date.UTC(2025, 0, 6, 10, 0, 0);
  ctx = { db, clientId: ensureClientId(db), agentId: world.agent.id, now: () => (clock += 1000) };
  tickets = new TicketService(ctx, new EventBus());
  env = { db, agentId: world.agent.id, now: ctx.now };
});
afterEach(() => {
  db.close();
  removeTempDir(dir);
});

function fields(ticket: Ticket | undefined) {
  return ticket && { priority: ticket.priority, status: ticket.status, tags: ticket.tags, solvedAt: ticket.solvedAt !== null };
}

test('rolls back a refused change in the middle of the outbox and keeps the later changes of the same ticket', () => {
  const ticketId = world.tickets[0]!.id;
  tickets.updateFields({ ticketId, patch: { priority: 'high' } });
  tickets.updateFields({ ticketId, patch: { priority: 'urgent', status: 'solved' } });
  tickets.updateFields({ ticketId, patch: { tags: ['vip'] } });
  const [first, second] = listOutboxFrom(db, 1, 10);
  // The second is refused: priority goes back to what the first set; the third's tag stays.
  writeTransaction(db, () => settleEntry(env, second!, { outcome: 'rejected', error: { code: 'validation', message: 'no' } }));
  expect({ ticket: fields(readTicket(db, ticketId)), outbox: listOutboxFrom(db, 1, 10).map((e) => e.seq), first: first!.seq }).toEqual({
    ticket: { priority: 'high', status: 'open', tags: ['vip'], solvedAt: false },
    outbox: [1, 3],
    first: 1,
  });
});

test('re-applies pending changes on top of the backend value of their ticket and refreshes their before-images', () => {
  const ticketId = world.tickets[0]!.id;
  tickets.updateFields({ ticketId, patch: { priority: 'high' } });
  const server = { ...readTicket(db, ticketId)!, priority: 'low' as const, status: 'pending' as const, updatedAt: clock + 5000 };
  writeTransaction(db, () => {
    putTicket(db, server);
    rebaseTicket(env, ticketId);
  });
  const entry = getOutboxEntry(db, 1)!;
  expect({ ticket: fields(readTicket(db, ticketId)), before: entry.before }).toEqual({
    ticket: { priority: 'high', status: 'pending', tags: [], solvedAt: false },
    before: { priority: 'low', updatedAt: server.updatedAt, solvedAt: null },
  });
  // Rolled back now, it restores the backend's value, not the one it replaced when it was made.
  writeTransaction(db, () => rollbackEntry(env, entry));
  expect(fields(readTicket(db, ticketId))).toEqual({ priority: 'low', status: 'pending', tags: [], solvedAt: false });
});

test('turns a pending change that no longer applies into a visible provisional rejection, and clears it when it applies again', () => {
  const ticketId = world.tickets[1]!.id;
  const kept = readTicket(db, ticketId)!;
  tickets.updateFields({ ticketId, patch: { priority: 'urgent' } });
  const page = (changes: unknown[]) => new PageApplier(env, { changes, cursor: 'abc.1', hasMore: true, lastAppliedSeq: null, mutations: [] }, {
    sliceBudgetMs: 50,
    rebuilding: false,
    confirmedSeq: 0,
    pace: { commitMs: 0 },
  });
  page([{ op: 'delete', entity: 'ticket', key: ticketId }]).step(emptyTouched());
  const whileGone = listRejections(db).map((r) => ({ final: r.final, code: r.error.code, seq: r.seq }));
  page([{ op: 'upsert', entity: 'ticket', key: ticketId, value: kept }]).step(emptyTouched());
  expect({ whileGone, after: listRejections(db), ticket: readTicket(db, ticketId)?.priority, outbox: listOutboxFrom(db, 1, 10).length }).toEqual({
    whileGone: [{ final: false, code: 'not-found', seq: 1 }],
    after: [],
    ticket: 'urgent',
    outbox: 1,
  });
});

test('renumbers the pending outbox from 1 under a new client id, in order, keeping the mutation ids', () => {
  const ticketId = world.tickets[0]!.id;
  for (const priority of ['high', 'low', 'urgent'] as const) tickets.updateFields({ ticketId, patch: { priority } });
  writeTransaction(db, () => db.prepare('DELETE FROM outbox WHERE seq = 1').run());
  const before = listOutboxFrom(db, 1, 10).map((e) => e.mutationId);
  writeTransaction(db, () => switchClientId(db, '01900000-0000-7000-8000-00000000000f'));
  // The sync client points the services at the new client id.
  ctx.clientId = '01900000-0000-7000-8000-00000000000f';
  tickets.updateFields({ ticketId, patch: { priority: 'normal' } });
  expect(listOutboxFrom(db, 1, 10).map((e) => ({ seq: e.seq, mutationId: e.mutationId, clientId: e.clientId }))).toEqual([
    { seq: 1, mutationId: before[0], clientId: '01900000-0000-7000-8000-00000000000f' },
    { seq: 2, mutationId: before[1], clientId: '01900000-0000-7000-8000-00000000000f' },
    { seq: 3, mutationId: expect.any(String), clientId: '01900000-0000-7000-8000-00000000000f' },
  ]);
});

// Regression: a refused change whose later neighbour no longer applied left that neighbour's
// effect in the ticket while it counted as "not in effect", so its own refusal never undid it.
test('leaves no trace of a later change that no longer applies when an earlier one is rolled back', () => {
  const ticketId = world.tickets[0]!.id;
  tickets.updateFields({ ticketId, patch: { priority: 'high' } });
  tickets.updateFields({ ticketId, patch: { assigneeId: world.agent.id } });
  // The agent leaves the team (a pulled tombstone) while both changes are pending.
  writeTransaction(db, () => db.prepare('DELETE FROM agents WHERE id = ?').run(world.agent.id));
  const [first, second] = listOutboxFrom(db, 1, 10);
  writeTransaction(db, () => settleEntry(env, first!, { outcome: 'rejected', error: { code: 'validation', message: 'no' } }));
  const afterFirst = { assignee: readTicket(db, ticketId)?.assigneeId, priority: readTicket(db, ticketId)?.priority, provisional: listRejections(db).filter((r) => !r.final).map((r) => r.seq) };
  writeTransaction(db, () => settleEntry(env, second!, { outcome: 'rejected', error: { code: 'validation', message: 'There is no such agent' } }));
  expect({ afterFirst, after: { assignee: readTicket(db, ticketId)?.assigneeId, priority: readTicket(db, ticketId)?.priority }, final: listRejections(db).map((r) => [r.seq, r.final]) }).toEqual({
    afterFirst: { assignee: null, priority: 'normal', provisional: [2] },
    after: { assignee: null, priority: 'normal' },
    final: [[2, true], [1, true]],
  });
});
