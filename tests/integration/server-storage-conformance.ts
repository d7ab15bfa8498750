// The storage conformance suite: one set of tests that every engine behind the Storage
// interface must pass (server-storage-sqlite.test.ts and server-storage-postgres.test.ts run it).
// It drives the storage directly and through the sync engine (push, pull) with real databases.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AccountService } from '../../src/server/auth/account-service';
import { AuthService, DEFAULT_AUTH_CONFIG } from '../../src/server/auth/auth-service';
import { hashSecret, newSecret } from '../../src/server/auth/tokens';
import { seedFromSnapshot } from '../../src/server/seed';
import { migration001 } from '../../src/server/storage/migrations/001-initial';
import type { Migration } from '../../src/server/storage/sql-driver';
import type { Storage, StorageEvent } from '../../src/server/storage/storage';
import { MAX_PULL_PAGE_BYTES, pull } from '../../src/server/sync/pull';
import { push } from '../../src/server/sync/push';
import { AppError } from '../../src/shared/contract/errors';
import type { PullResponse, SyncChange } from '../../src/shared/contract/sync-protocol';
import { serverSnapshotSchema } from '../../src/shared/contract/server-snapshot';
import { newId } from '../../src/shared/domain/ids';
import type { SupportLevelInfo } from '../../src/shared/domain/team';
import {
  actorOf,
  addMessage,
  issueSession,
  makeTicket,
  mutation,
  pullRequest,
  pushRequest,
  seedWorld,
  T0,
  TEST_SCRYPT,
  updateFields,
  type TestWorld,
} from './support/server-kit';

/** One engine's database for one test. */
export interface StorageHarness {
  /** Opens a storage on this test's database (again and again: the same data). */
  open(clock?: () => number): Promise<Storage>;
  /** Runs SQL on the database behind the storage's back (to fake what only time or bugs do). */
  exec(sql: string): Promise<void>;
  /** Brings the database to the schema of these migrations only, as an older backend left it. */
  migrate(migrations: readonly Migration[]): Promise<void>;
  /** Removes the database. */
  cleanup(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function level(name: string): SupportLevelInfo {
  return { level: 'L2', name, scope: 'Specialists' };
}

/** Every change of a pull answer (which must not be a reset). */
function changesOf(answer: PullResponse): SyncChange[] {
  if (answer.kind !== 'changes') throw new Error(`expected changes, got ${answer.kind}`);
  return answer.changes;
}

/** What an AppError-rejecting promise rejected with, as plain data. */
async function rejection(promise: Promise<unknown>): Promise<{ code: string; field?: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.field === undefined ? { code: error.code } : { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a rejection');
}

export function describeStorageConformance(engine: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`storage conformance: ${engine}`, () => {
    let harness: StorageHarness;
    let storage: Storage;
    let opened: Storage[];
    let clock: number;

    async function open(): Promise<Storage> {
      const next = await harness.open(() => clock);
      opened.push(next);
      return next;
    }

    beforeEach(async () => {
      clock = T0;
      opened = [];
      harness = await makeHarness();
      storage = await open();
    });

    afterEach(async () => {
      for (const each of opened) await each.close();
      await harness.cleanup();
    });

    describe('schema', () => {
      test('migrates an empty database and keeps its epoch when it is opened again', async () => {
        expect(await storage.read((tx) => tx.head())).toBe(0);
        const again = await open();
        expect(again.epoch).toBe(storage.epoch);
        expect(storage.epoch).toMatch(/^[0-9a-z]{12}$/);
      });

      test('migrates a database of schema 1 to links and views, and still sends its changes to every reader', async () => {
        // A database an older backend left: schema 1 only, one group in its change log.
        const older = await makeHarness();
        try {
          await older.migrate([migration001]);
          const group = { id: newId(), name: 'Helpdesk Europe', level: 'L1' };
          await older.exec(
            `INSERT INTO groups (id, name, level, updated_at) VALUES ('${group.id}', 'Helpdesk Europe', 'L1', ${T0});
             INSERT INTO change_log (id, entity, entity_key, op, value, committed_at) VALUES (1, 'group', '${group.id}', 'upsert', '${JSON.stringify(group)}', ${T0});
             UPDATE counters SET value = 1 WHERE name = 'change_head';`,
          );
          const migrated = await older.open(() => clock);
          try {
            const owner = { accountId: newId(), name: 'Ada', role: 'agent' as const, sessionId: newId() };
            const other = { ...owner, accountId: newId() };
            const view = { id: newId(), name: 'Mine', scope: 'personal' as const, ownerId: owner.accountId, filter: {}, sort: { field: 'updated' as const, direction: 'desc' as const }, createdAt: T0, updatedAt: T0 };
            await migrated.write((tx) => tx.saveView(view, null));
            const keys = async (actor: typeof owner) => changesOf(await pull(migrated, actor, pullRequest(newId(), null, 0, 5000))).map((change) => `${change.entity}:${change.key}`);
            expect({ owner: await keys(owner), other: await keys(other) }).toEqual({
              owner: [`group:${group.id}`, `view:${view.id}`],
              other: [`group:${group.id}`],
            });
          } finally {
            await migrated.close();
          }
        } finally {
          await older.cleanup();
        }
      });

      test('refuses to open a database when its schema is newer than the backend', async () => {
        await harness.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from-the-future', 0)");
        expect(await rejection(open())).toEqual({ code: 'store-newer' });
      });
    });

    describe('accounts and sessions', () => {
      let world: TestWorld;
      let accounts: AccountService;
      beforeEach(async () => {
        world = await seedWorld(storage);
        accounts = new AccountService(storage);
      });

      test('refuses a second account when the e-mail is taken', async () => {
        const again = accounts.create({ email: 'agent@support.example', name: 'Twin', role: 'agent', passwordHash: 'x' }, null);
        expect(await rejection(again)).toEqual({ code: 'conflict', field: 'email' });
      });

      test('finds a live session by its token hash until it is revoked', async () => {
        const { token, session } = await issueSession(storage, world.accounts.agent.id);
        expect(await storage.read((tx) => tx.findLiveSession(hashSecret(token)))).toEqual(session);
        const auth = new AuthService(storage);
        expect(await auth.revokeSession(session.id, world.accounts.admin.id)).toBe(true);
        expect(await storage.read((tx) => tx.findLiveSession(hashSecret(token)))).toBeUndefined();
        expect(await auth.revokeSession(session.id, world.accounts.admin.id)).toBe(false);
      });

      test('stops every session of an account when the account is disabled', async () => {
        const first = await issueSession(storage, world.accounts.agent.id);
        const second = await issueSession(storage, world.accounts.agent.id);
        const disabled = await accounts.disable(world.accounts.agent.id, world.accounts.admin.id);
        expect(disabled).toEqual({ ...world.accounts.agent, disabledAt: T0 });
        for (const { token } of [first, second]) {
          expect(await storage.read((tx) => tx.findLiveSession(hashSecret(token)))).toBeUndefined();
        }
        const listed = await accounts.sessions(world.accounts.agent.id);
        expect(listed.map((session) => session.revokedAt)).toEqual([T0, T0]);
      });

      test('refuses to disable the last enabled admin', async () => {
        expect(await rejection(accounts.disable(world.accounts.admin.id, world.accounts.admin.id))).toEqual({
          code: 'conflict',
          field: 'accountId',
        });
      });

      test('stops a session when it expires', async () => {
        const { token } = await issueSession(storage, world.accounts.agent.id, 60_000);
        clock = T0 + 59_999;
        expect(await storage.read((tx) => tx.findLiveSession(hashSecret(token)))).toBeDefined();
        clock = T0 + 60_000;
        expect(await storage.read((tx) => tx.findLiveSession(hashSecret(token)))).toBeUndefined();
      });

      test('redeems a stream ticket once and never after it expired', async () => {
        const auth = new AuthService(storage, { ...DEFAULT_AUTH_CONFIG, scrypt: TEST_SCRYPT });
        const { session } = await issueSession(storage, world.accounts.lead.id);
        const actor = actorOf(world.accounts.lead, session.id);
        const first = await auth.createStreamTicket(actor);
        expect(first.expiresAt).toBe(T0 + DEFAULT_AUTH_CONFIG.streamTicketTtlMs);
        expect(await auth.redeemStreamTicket(first.ticket)).toEqual(actor);
        expect(await auth.redeemStreamTicket(first.ticket)).toBeNull();
        const second = await auth.createStreamTicket(actor);
        clock = second.expiresAt;
        expect(await auth.redeemStreamTicket(second.ticket)).toBeNull();
        expect(await auth.redeemStreamTicket(newSecret())).toBeNull();
      });

      test('counts throttle hits in a window and starts a new window when it is over', async () => {
        const hit = () => storage.write((tx) => tx.hitThrottle('login-account:x@example.com', 60_000));
        expect(await hit()).toEqual({ hits: 1, windowStartedAt: T0 });
        clock = T0 + 30_000;
        expect(await hit()).toEqual({ hits: 2, windowStartedAt: T0 });
        expect(await storage.read((tx) => tx.readThrottle('login-account:x@example.com', 60_000))).toEqual({ hits: 2, windowStartedAt: T0 });
        clock = T0 + 60_000;
        expect(await storage.read((tx) => tx.readThrottle('login-account:x@example.com', 60_000))).toBeNull();
        expect(await hit()).toEqual({ hits: 1, windowStartedAt: T0 + 60_000 });
      });
    });

    describe('push', () => {
      let world: TestWorld;
      const clientId = newId();
      beforeEach(async () => {
        world = await seedWorld(storage);
        clock = T0 + 3_600_000;
      });

      test('applies each mutation once and answers duplicate when the batch is pushed again', async () => {
        const actor = actorOf(world.accounts.agent);
        const ticket = world.tickets[0]!;
        const batch = [updateFields(1, ticket.id, { priority: 'high' }), addMessage(2, ticket.id, 'On it.')];
        const first = await push(storage, actor, pushRequest(clientId, batch));
        expect(first).toEqual({
          lastAppliedSeq: 2,
          results: batch.map((m) => ({ status: 'applied', seq: m.seq, mutationId: m.mutationId })),
          stopped: null,
        });
        const headAfterFirst = await storage.read((tx) => tx.head());
        const again = await push(storage, actor, pushRequest(clientId, batch));
        expect(again).toEqual({
          lastAppliedSeq: 2,
          results: batch.map((m) => ({ status: 'duplicate', seq: m.seq, mutationId: m.mutationId, outcome: 'applied' })),
          stopped: null,
        });
        expect(await storage.read((tx) => tx.head())).toBe(headAfterFirst);
        const fieldChanges = await storage.read((tx) => tx.listFieldChanges(ticket.id));
        expect(fieldChanges.map((change) => [change.field, change.value])).toEqual([['priority', 'high']]);
      });

      test('answers conflict and stops the batch when a seq is reused with another mutation id', async () => {
        const actor = actorOf(world.accounts.agent);
        const ticket = world.tickets[0]!;
        await push(storage, actor, pushRequest(clientId, [updateFields(1, ticket.id, { priority: 'high' })]));
        // A desktop restored from a backup made seq 1 again, then seq 2.
        const reused = updateFields(1, ticket.id, { priority: 'low' });
        const next = updateFields(2, ticket.id, { status: 'pending' });
        const answer = await push(storage, actor, pushRequest(clientId, [reused, next]));
        expect(answer).toEqual({
          lastAppliedSeq: 1,
          results: [
            {
              status: 'conflict',
              seq: 1,
              mutationId: reused.mutationId,
              error: { code: 'conflict', message: expect.stringContaining('re-register'), field: 'seq' },
            },
          ],
          stopped: { reason: 'conflict', seq: 1 },
        });
        expect(await storage.read((tx) => tx.getTicket(ticket.id))).toMatchObject({ priority: 'high', status: 'open' });
      });

      test('stops the batch at a gap and applies nothing after it', async () => {
        const actor = actorOf(world.accounts.agent);
        const ticket = world.tickets[0]!;
        const first = updateFields(1, ticket.id, { priority: 'high' });
        const afterGap = updateFields(3, ticket.id, { status: 'pending' });
        expect(await push(storage, actor, pushRequest(clientId, [first, afterGap]))).toEqual({
          lastAppliedSeq: 1,
          results: [{ status: 'applied', seq: 1, mutationId: first.mutationId }],
          stopped: { reason: 'gap', seq: 3, expectedSeq: 2 },
        });
        expect(await storage.read((tx) => tx.getTicket(ticket.id))).toMatchObject({ priority: 'high', status: 'open' });
      });

      test('records a rejected mutation, moves on, and answers the same rejection when it is retried', async () => {
        const actor = actorOf(world.accounts.agent);
        const ticket = world.tickets[0]!;
        const bad = [
          updateFields(1, newId(), { priority: 'high' }),
          updateFields(2, ticket.id, { priority: 'extreme' } as never),
          { seq: 3, mutationId: newId(), name: 'ticket/teleport', args: {}, createdAt: T0 },
          updateFields(4, ticket.id, { assigneeId: newId() }),
          addMessage(5, ticket.id, '   '),
        ];
        const good = updateFields(6, ticket.id, { priority: 'urgent' });
        const answer = await push(storage, actor, pushRequest(clientId, [...bad, good]));
        const errors = [
          { code: 'not-found', field: 'args.ticketId' },
          { code: 'validation', field: 'args.patch.priority' },
          { code: 'unknown-method', field: 'name' },
          { code: 'validation', field: 'args.patch.assigneeId' },
          { code: 'validation', field: 'args.body' },
        ];
        expect(answer.lastAppliedSeq).toBe(6);
        expect(answer.stopped).toBeNull();
        expect(answer.results.map((r) => ({ status: r.status, ...('error' in r ? { code: r.error!.code, field: r.error!.field } : {}) }))).toEqual([
          ...errors.map((error) => ({ status: 'rejected', ...error })),
          { status: 'applied' },
        ]);
        expect(await storage.read((tx) => tx.getTicket(ticket.id))).toMatchObject({ priority: 'urgent' });
        const retried = await push(storage, actor, pushRequest(clientId, [...bad, good]));
        expect(retried.results).toEqual(
          answer.results.map((result) =>
            result.status === 'rejected'
              ? { status: 'duplicate', seq: result.seq, mutationId: result.mutationId, outcome: 'rejected', error: result.error }
              : { status: 'duplicate', seq: result.seq, mutationId: result.mutationId, outcome: 'applied' },
          ),
        );
      });

      test('answers duplicate with the first outcome when a re-registered client pushes a mutation again', async () => {
        const actor = actorOf(world.accounts.agent);
        const ticket = world.tickets[0]!;
        const applied = updateFields(1, ticket.id, { priority: 'high' });
        const rejected = updateFields(2, newId(), { priority: 'low' });
        await push(storage, actor, pushRequest(clientId, [applied, rejected]));
        // Re-registered: a new client id, the pending rows renumbered from 1, same mutation ids.
        const newClient = newId();
        const fresh = updateFields(3, ticket.id, { status: 'pending' });
        const answer = await push(storage, actor, pushRequest(newClient, [{ ...applied, seq: 1 }, { ...rejected, seq: 2 }, fresh]));
        expect(answer).toEqual({
          lastAppliedSeq: 3,
          results: [
            { status: 'duplicate', seq: 1, mutationId: applied.mutationId, outcome: 'applied' },
            {
              status: 'duplicate',
              seq: 2,
              mutationId: rejected.mutationId,
              outcome: 'rejected',
              error: { code: 'not-found', message: expect.any(String), field: 'args.ticketId' },
            },
            { status: 'applied', seq: 3, mutationId: fresh.mutationId },
          ],
          stopped: null,
        });
        const history = await storage.read((tx) => tx.listFieldChanges(ticket.id));
        expect(history.map((change) => change.field)).toEqual(['priority', 'status']);
      });

      test('refuses a push when the client id belongs to another account', async () => {
        const ticket = world.tickets[0]!;
        await push(storage, actorOf(world.accounts.agent), pushRequest(clientId, [updateFields(1, ticket.id, { priority: 'high' })]));
        const other = push(storage, actorOf(world.accounts.lead), pushRequest(clientId, [updateFields(2, ticket.id, { priority: 'low' })]));
        expect(await rejection(other)).toEqual({ code: 'forbidden', field: 'clientId' });
      });

      test('rejects a mutation for good when the role may not make it', async () => {
        const answer = await push(storage, actorOf(world.accounts.author), pushRequest(clientId, [updateFields(1, world.tickets[0]!.id, { priority: 'high' })]));
        expect(answer.results).toEqual([
          { status: 'rejected', seq: 1, mutationId: expect.any(String), error: { code: 'forbidden', message: expect.any(String), field: 'name' } },
        ]);
      });

      test('refuses the push when the desktop speaks another protocol version', async () => {
        const request = { ...pushRequest(clientId, [updateFields(1, world.tickets[0]!.id, { priority: 'high' })]), protocolVersion: 1 };
        expect(await rejection(push(storage, actorOf(world.accounts.agent), request))).toEqual({ code: 'validation', field: 'protocolVersion' });
      });

      test('adds a message once when two mutations carry the same message id', async () => {
        const actor = actorOf(world.accounts.agent);
        const ticket = world.tickets[0]!;
        const messageId = newId();
        const first = addMessage(1, ticket.id, 'We found the cause.', messageId);
        const same = addMessage(2, ticket.id, 'We found the cause.', messageId);
        const different = addMessage(3, ticket.id, 'Something else entirely.', messageId);
        const answer = await push(storage, actor, pushRequest(clientId, [first, same, different]));
        expect(answer.results.map((r) => (r.status === 'rejected' ? `rejected:${r.error.code}:${r.error.field}` : r.status))).toEqual([
          'applied',
          'applied',
          'rejected:conflict:args.messageId',
        ]);
        expect(await storage.read((tx) => tx.getMessage(messageId))).toEqual({
          id: messageId,
          ticketId: ticket.id,
          kind: 'reply',
          authorType: 'agent',
          authorId: world.accounts.agent.id,
          authorName: world.accounts.agent.name,
          channel: ticket.channel,
          bodyFormat: 'markdown',
          body: 'We found the cause.',
          attachments: [],
          createdAt: T0 + 1000,
        });
      });

      test('keeps the overwritten value in the field history with who set it when another agent changes the same field', async () => {
        const ticket = world.tickets[0]!;
        const leadClient = newId();
        const high = updateFields(1, ticket.id, { priority: 'high' }, T0 + 60_000);
        await push(storage, actorOf(world.accounts.agent), pushRequest(clientId, [high]));
        clock = T0 + 3_700_000;
        const urgent = updateFields(1, ticket.id, { priority: 'urgent' }, T0 + 120_000);
        await push(storage, actorOf(world.accounts.lead), pushRequest(leadClient, [urgent]));
        const history = await storage.read((tx) => tx.listFieldChanges(ticket.id));
        expect(history.map(({ id: _id, ...rest }) => rest)).toEqual([
          {
            ticketId: ticket.id,
            field: 'priority',
            previousValue: 'normal',
            value: 'high',
            changedBy: { agentId: world.accounts.agent.id, agentName: world.accounts.agent.name, clientId, mutationId: high.mutationId, changedAt: T0 + 60_000 },
            overwritten: null,
            appliedAt: T0 + 3_600_000,
          },
          {
            ticketId: ticket.id,
            field: 'priority',
            previousValue: 'high',
            value: 'urgent',
            changedBy: {
              agentId: world.accounts.lead.id,
              agentName: world.accounts.lead.name,
              clientId: leadClient,
              mutationId: urgent.mutationId,
              changedAt: T0 + 120_000,
            },
            overwritten: { agentId: world.accounts.agent.id, agentName: world.accounts.agent.name, clientId, mutationId: high.mutationId, changedAt: T0 + 60_000 },
            appliedAt: T0 + 3_700_000,
          },
        ]);
        // The loser's desktop learns it from its pull: the field change names its mutation as overwritten.
        const answer = await pull(storage, actorOf(world.accounts.agent), pullRequest(clientId, null, 1));
        const notices = changesOf(answer).filter((change) => change.entity === 'ticket-field-change');
        expect(notices.map((change) => (change.op === 'upsert' ? ((change.value as { overwritten: { mutationId: string } | null }).overwritten?.mutationId ?? null) : null))).toEqual([
          null,
          high.mutationId,
        ]);
      });

      test('clamps a desktop instant to the backend clock when the desktop clock runs ahead', async () => {
        const ticket = world.tickets[0]!;
        const future = updateFields(1, ticket.id, { priority: 'high' }, clock + 86_400_000);
        await push(storage, actorOf(world.accounts.agent), pushRequest(clientId, [future]));
        expect(await storage.read((tx) => tx.getTicket(ticket.id))).toMatchObject({ priority: 'high', updatedAt: clock });
      });
    });

    describe('pull', () => {
      let world: TestWorld;
      const clientId = newId();
      beforeEach(async () => {
        world = await seedWorld(storage, { tickets: 5 });
        clock = T0 + 3_600_000;
      });

      test('pulls in commit order, in pages, with the last applied seq on the last page only', async () => {
        const actor = actorOf(world.accounts.agent);
        const [a, b] = world.tickets;
        await push(storage, actor, pushRequest(clientId, [updateFields(1, a!.id, { priority: 'high' }), updateFields(2, b!.id, { status: 'pending' })]));
        const pages: PullResponse[] = [];
        let cursor: string | null = null;
        for (;;) {
          const page = await pull(storage, actor, pullRequest(clientId, cursor, 0, 4));
          if (page.kind !== 'changes') throw new Error('unexpected reset');
          pages.push(page);
          cursor = page.cursor;
          if (!page.hasMore) break;
        }
        expect(pages.slice(0, -1).every((page) => page.kind === 'changes' && page.lastAppliedSeq === null && page.mutations.length === 0)).toBe(true);
        const last = pages.at(-1)!;
        expect(last).toMatchObject({ hasMore: false, lastAppliedSeq: 2, cursor: `${storage.epoch}.${await storage.read((tx) => tx.head())}` });
        const all = pages.flatMap(changesOf);
        // The seed's rows first, then the two pushes' tickets and field changes, in commit order.
        const tail = all.slice(-4).map((change) => `${change.entity}:${change.op === 'upsert' && change.entity === 'ticket' ? change.key : ''}`);
        expect(tail).toEqual([`ticket:${a!.id}`, 'ticket-field-change:', `ticket:${b!.id}`, 'ticket-field-change:']);
        const finalA = all.filter((change) => change.op === 'upsert' && change.entity === 'ticket' && change.key === a!.id).at(-1);
        expect(finalA).toMatchObject({ value: { priority: 'high', updatedAt: T0 + 1000 } });
      });

      test('cuts a page by size and carries on from there when long messages would make it too large', async () => {
        const actor = actorOf(world.accounts.agent);
        const start = await pull(storage, actor, pullRequest(clientId, null, 0, 5000));
        if (start.kind !== 'changes') throw new Error('unexpected reset');
        const body = 'A long email thread, quoted in full. '.repeat(2700);
        const batch = Array.from({ length: 60 }, (_, i) => addMessage(i + 1, world.tickets[i % world.tickets.length]!.id, body));
        await push(storage, actor, pushRequest(clientId, batch));
        const first = await pull(storage, actor, pullRequest(clientId, start.cursor, 0, 5000));
        if (first.kind !== 'changes') throw new Error('unexpected reset');
        expect(first.hasMore).toBe(true);
        expect(JSON.stringify(first.changes).length).toBeLessThan(MAX_PULL_PAGE_BYTES + 2 * body.length);
        const second = await pull(storage, actor, pullRequest(clientId, first.cursor, 0, 5000));
        const messages = [...first.changes, ...changesOf(second)].filter((change) => change.entity === 'message');
        expect(messages).toHaveLength(60);
        expect(second).toMatchObject({ hasMore: false, lastAppliedSeq: 60 });
      });

      test('reports the outcomes after the confirmed seq when pulling', async () => {
        const actor = actorOf(world.accounts.agent);
        const ticket = world.tickets[0]!;
        const batch = [updateFields(1, ticket.id, { priority: 'high' }), updateFields(2, newId(), { priority: 'low' }), addMessage(3, ticket.id)];
        await push(storage, actor, pushRequest(clientId, batch));
        const answer = await pull(storage, actor, pullRequest(clientId, null, 1));
        expect(answer).toMatchObject({
          lastAppliedSeq: 3,
          mutations: [
            { seq: 2, mutationId: batch[1]!.mutationId, outcome: 'rejected', error: { code: 'not-found', message: expect.any(String), field: 'args.ticketId' } },
            { seq: 3, mutationId: batch[2]!.mutationId, outcome: 'applied' },
          ],
        });
      });

      test('sends no ticket or customer data when a knowledge author pulls', async () => {
        const answer = await pull(storage, actorOf(world.accounts.author), pullRequest(newId(), null));
        const entities = new Set(changesOf(answer).map((change) => change.entity));
        expect([...entities].sort()).toEqual(['agent', 'group']);
        expect(answer).toMatchObject({ hasMore: false, cursor: `${storage.epoch}.${await storage.read((tx) => tx.head())}` });
      });

      test('answers reset when the cursor is older than the retention window', async () => {
        const actor = actorOf(world.accounts.agent);
        const ticket = world.tickets[0]!;
        const early = await pull(storage, actor, pullRequest(clientId, null));
        if (early.kind !== 'changes') throw new Error('unexpected reset');
        await push(storage, actor, pushRequest(clientId, [updateFields(1, ticket.id, { priority: 'high' })]));
        clock = T0 + 40 * 86_400_000;
        await push(storage, actor, pushRequest(clientId, [updateFields(2, ticket.id, { priority: 'urgent' })]));
        const pruned = await storage.prune(T0 + 30 * 86_400_000);
        expect(pruned.removedChanges).toBeGreaterThan(0);
        expect(await pull(storage, actor, pullRequest(clientId, early.cursor))).toEqual({ kind: 'reset', reason: 'cursor-expired', message: expect.any(String) });
        // Rebuilding from the beginning still gives every entity's latest value.
        const rebuilt = changesOf(await pull(storage, actor, pullRequest(clientId, null, 0, 5000)));
        const tickets = rebuilt.filter((change) => change.entity === 'ticket');
        expect(tickets).toHaveLength(world.tickets.length);
        expect(tickets.find((change) => change.key === ticket.id)).toMatchObject({ value: { priority: 'urgent' } });
      });

      test('answers reset when the cursor is from another database or ahead of this one', async () => {
        const actor = actorOf(world.accounts.agent);
        expect(await pull(storage, actor, pullRequest(clientId, 'zzzzzzzzzzzz.3'))).toMatchObject({ kind: 'reset', reason: 'cursor-unknown' });
        expect(await pull(storage, actor, pullRequest(clientId, `${storage.epoch}.999999`))).toMatchObject({ kind: 'reset', reason: 'cursor-unknown' });
      });

      test('never skips a change when two writers commit in another order than they started', async () => {
        const actor = actorOf(world.accounts.agent);
        const start = await pull(storage, actor, pullRequest(clientId, null, 0, 5000));
        if (start.kind !== 'changes') throw new Error('unexpected reset');
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const commits: string[] = [];
        // Writer A starts first and holds its transaction open.
        const slow = storage.write(async (tx) => {
          await tx.saveLevel(level('started first'));
          await gate;
        }).then(() => commits.push('started first'));
        await sleep(50);
        const fast = storage.write(async (tx) => tx.saveLevel({ level: 'L3', name: 'started second', scope: 'Experts' })).then(() => commits.push('started second'));
        // PostgreSQL commits the second writer now; SQLite runs one writer at a time.
        await Promise.race([fast, sleep(300)]);
        const pulling = pull(storage, actor, pullRequest(clientId, start.cursor));
        await Promise.race([pulling, sleep(300)]);
        release();
        const between = await pulling;
        await Promise.all([slow, fast]);
        if (between.kind !== 'changes') throw new Error('unexpected reset');
        const after = await pull(storage, actor, pullRequest(clientId, between.cursor));
        const seen = [...changesOf(between), ...changesOf(after)].map((change) => (change.op === 'upsert' ? (change.value as { name: string }).name : ''));
        // Each change is seen once, in commit order, whichever writer started first.
        expect(seen).toEqual(commits);
      });

      test('sees every change exactly once when many writers race a polling reader', async () => {
        const actor = actorOf(world.accounts.agent);
        const first = await pull(storage, actor, pullRequest(clientId, null, 0, 5000));
        if (first.kind !== 'changes') throw new Error('unexpected reset');
        let cursor = first.cursor;
        const seed = Date.now();
        let state = seed;
        const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const names = Array.from({ length: 24 }, (_, i) => `writer ${i}`);
        let done = false;
        const seen: string[] = [];
        const reader = (async () => {
          while (!done) {
            const page = await pull(storage, actor, pullRequest(clientId, cursor));
            if (page.kind !== 'changes') throw new Error('unexpected reset');
            for (const change of page.changes) if (change.op === 'upsert' && change.entity === 'group') seen.push((change.value as { name: string }).name);
            cursor = page.cursor;
            await sleep(2);
          }
        })();
        await Promise.all(
          names.map(async (name) => {
            await sleep(random() * 40);
            await storage.write(async (tx) => {
              await tx.saveGroup({ id: newId(), name, level: 'L2' });
              await sleep(random() * 30);
            });
          }),
        );
        done = true;
        await reader;
        const last = await pull(storage, actor, pullRequest(clientId, cursor));
        for (const change of changesOf(last)) if (change.op === 'upsert' && change.entity === 'group') seen.push((change.value as { name: string }).name);
        expect({ seed, seen: [...seen].sort() }).toEqual({ seed, seen: [...names].sort() });
      });
    });

    describe('links, views, customers and created tickets', () => {
      let world: TestWorld;
      const clientId = newId();
      beforeEach(async () => {
        world = await seedWorld(storage, { tickets: 3 });
        clock = T0 + 3_600_000;
      });

      /** The changes a reader pulls after `cursor`, and the cursor to go on from. */
      async function pullAfter(role: 'agent' | 'lead' | 'author', cursor: string | null): Promise<{ changes: SyncChange[]; cursor: string }> {
        const answer = await pull(storage, actorOf(world.accounts[role]), pullRequest(newId(), cursor, 0, 5000));
        if (answer.kind !== 'changes') throw new Error('unexpected reset');
        return { changes: answer.changes, cursor: answer.cursor };
      }

      test('keeps one link per pair whichever end names it, and logs a tombstone when the pair is unlinked', async () => {
        const [a, b] = world.tickets as [TestWorld['tickets'][0], TestWorld['tickets'][0]];
        const [low, high] = a.id < b.id ? [a, b] : [b, a];
        const start = await pullAfter('lead', null);
        const actor = actorOf(world.accounts.agent);
        await push(storage, actor, pushRequest(clientId, [mutation(1, 'ticket/link', { ticketId: high.id, otherId: low.id, kind: 'caused-by', linkedAt: T0 + 1000 })]));
        const linked = await storage.read((tx) => tx.getTicketLink(low.id, high.id));
        const headAfterLink = await storage.read((tx) => tx.head());
        // The same link named from the other end changes nothing.
        await push(storage, actor, pushRequest(clientId, [mutation(2, 'ticket/link', { ticketId: low.id, otherId: high.id, kind: 'causes', linkedAt: T0 + 2000 })]));
        const headAfterSame = await storage.read((tx) => tx.head());
        const afterLink = await pullAfter('lead', start.cursor);
        await push(storage, actor, pushRequest(clientId, [mutation(3, 'ticket/unlink', { ticketId: low.id, otherId: high.id, unlinkedAt: T0 + 3000 })]));
        const afterUnlink = await pullAfter('lead', afterLink.cursor);
        const key = `${low.id}:${high.id}`;
        expect({
          linked,
          same: headAfterSame === headAfterLink,
          afterLink: afterLink.changes,
          gone: await storage.read((tx) => tx.getTicketLink(high.id, low.id)),
          afterUnlink: afterUnlink.changes,
        }).toEqual({
          linked: { ticketId: low.id, otherId: high.id, kind: 'causes', createdAt: T0 + 1000, updatedAt: T0 + 1000 },
          same: true,
          afterLink: [{ op: 'upsert', entity: 'ticket-link', key, value: linked }],
          gone: undefined,
          afterUnlink: [{ op: 'delete', entity: 'ticket-link', key }],
        });
      });

      test('numbers a ticket created on a desktop when it is first pushed, and never creates it twice', async () => {
        const actor = actorOf(world.accounts.agent);
        const ticketId = newId();
        const messageId = newId();
        const args = {
          ticketId,
          requesterId: world.customer.id,
          subject: 'Invoice shows the wrong VAT rate',
          priority: 'high',
          channel: 'phone',
          category: 'Billing',
          tags: ['vat', 'vat'],
          assigneeId: null,
          groupId: world.group.id,
          level: 'L1',
          createdAt: T0 + 1000,
          message: { messageId, body: 'The invoice says 21% but we are exempt.' },
        };
        const create = mutation(1, 'ticket/create', args);
        const first = await push(storage, actor, pushRequest(clientId, [create]));
        const again = await push(storage, actor, pushRequest(clientId, [create]));
        const other = await push(storage, actor, pushRequest(clientId, [mutation(2, 'ticket/create', { ...args, message: { messageId: newId(), body: 'Again.' } })]));
        const pulled = await pullAfter('lead', null);
        expect({
          results: [...first.results, ...again.results, ...other.results].map((r) => (r.status === 'rejected' ? `${r.status}:${r.error.code}:${r.error.field}` : r.status)),
          ticket: await storage.read((tx) => tx.getTicket(ticketId)),
          message: await storage.read((tx) => tx.getMessage(messageId)),
          pulled: pulled.changes.filter((change) => change.key === ticketId || change.key === messageId).map((change) => change.entity),
        }).toEqual({
          results: ['applied', 'duplicate', 'rejected:conflict:args.ticketId'],
          ticket: {
            id: ticketId,
            number: world.tickets.length + 1,
            subject: 'Invoice shows the wrong VAT rate',
            status: 'new',
            priority: 'high',
            channel: 'phone',
            category: 'Billing',
            tags: ['vat'],
            requesterId: world.customer.id,
            organisationId: null,
            assigneeId: null,
            groupId: world.group.id,
            level: 'L1',
            createdAt: T0 + 1000,
            updatedAt: T0 + 1000,
            solvedAt: null,
            dueAt: null,
            mergedIntoId: null,
          },
          message: {
            id: messageId,
            ticketId,
            kind: 'reply',
            authorType: 'customer',
            authorId: world.customer.id,
            authorName: world.customer.name,
            channel: 'phone',
            bodyFormat: 'markdown',
            body: 'The invoice says 21% but we are exempt.',
            attachments: [],
            createdAt: T0 + 1000,
          },
          pulled: ['ticket', 'message'],
        });
      });

      test('sends a personal view to its owner only, a shared one to everyone who works tickets, and takes it back when it turns personal', async () => {
        const actor = actorOf(world.accounts.agent);
        const viewId = newId();
        const save = (seq: number, scope: 'personal' | 'shared') =>
          mutation(seq, 'view/save', { viewId, name: 'Urgent billing', scope, filter: { priorities: ['urgent'] }, sort: { field: 'due', direction: 'asc' }, updatedAt: T0 + seq * 1000 });
        const lead0 = await pullAfter('lead', null);
        const agent0 = await pullAfter('agent', null);
        await push(storage, actor, pushRequest(clientId, [save(1, 'personal')]));
        const lead1 = await pullAfter('lead', lead0.cursor);
        const agent1 = await pullAfter('agent', agent0.cursor);
        await push(storage, actor, pushRequest(clientId, [save(2, 'shared')]));
        const lead2 = await pullAfter('lead', lead1.cursor);
        await push(storage, actor, pushRequest(clientId, [save(3, 'personal')]));
        const lead3 = await pullAfter('lead', lead2.cursor);
        const agent3 = await pullAfter('agent', agent1.cursor);
        const author = await pullAfter('author', null);
        const value = (scope: 'personal' | 'shared', updatedAt: number) => ({
          id: viewId,
          name: 'Urgent billing',
          scope,
          ownerId: world.accounts.agent.id,
          filter: { priorities: ['urgent'] },
          sort: { field: 'due', direction: 'asc' },
          createdAt: T0 + 1000,
          updatedAt,
        });
        expect({
          lead1: lead1.changes,
          agent1: agent1.changes,
          lead2: lead2.changes,
          lead3: lead3.changes,
          agent3: agent3.changes,
          author: author.changes.filter((change) => change.entity === 'view'),
        }).toEqual({
          lead1: [],
          agent1: [{ op: 'upsert', entity: 'view', key: viewId, value: value('personal', T0 + 1000) }],
          lead2: [{ op: 'upsert', entity: 'view', key: viewId, value: value('shared', T0 + 2000) }],
          lead3: [{ op: 'delete', entity: 'view', key: viewId }],
          agent3: [{ op: 'upsert', entity: 'view', key: viewId, value: value('personal', T0 + 3000) }],
          author: [],
        });
      });

      test('keeps both agents\' values when they change different fields of one customer, and the later one for the same field', async () => {
        const customerId = world.customer.id;
        await push(storage, actorOf(world.accounts.agent), pushRequest(clientId, [mutation(1, 'customer/update', { customerId, patch: { proficiency: 'advanced', language: 'nl' }, updatedAt: T0 })]));
        await push(storage, actorOf(world.accounts.lead), pushRequest(newId(), [mutation(1, 'customer/update', { customerId, patch: { timeZone: 'Europe/Berlin', language: 'de' }, updatedAt: T0 - 5000 })]));
        expect(await storage.read((tx) => tx.getCustomer(customerId))).toEqual({
          ...world.customer,
          proficiency: 'advanced',
          language: 'de',
          timeZone: 'Europe/Berlin',
        });
      });

      test('keeps the first of two merges of one ticket and refuses a merge back, so merges never form a cycle', async () => {
        const [a, b, c] = world.tickets as [TestWorld['tickets'][0], TestWorld['tickets'][0], TestWorld['tickets'][0]];
        const merge = (seq: number, ticketId: string, targetId: string) => mutation(seq, 'ticket/merge', { ticketId, targetId, messageId: newId(), mergedAt: T0 + seq * 1000 });
        const first = await push(storage, actorOf(world.accounts.agent), pushRequest(clientId, [merge(1, a.id, b.id)]));
        const later = await push(storage, actorOf(world.accounts.lead), pushRequest(newId(), [merge(1, b.id, a.id), merge(2, a.id, c.id), merge(3, b.id, c.id)]));
        const tickets = await storage.read(async (tx) => Promise.all([a, b, c].map(async (t) => (await tx.getTicket(t.id))!)));
        expect({
          results: [...first.results, ...later.results].map((r) => (r.status === 'rejected' ? `${r.error.code}:${r.error.field}` : r.status)),
          mergedInto: tickets.map((t) => t.mergedIntoId),
          status: tickets.map((t) => t.status),
        }).toEqual({
          results: ['applied', 'conflict:args.targetId', 'conflict:args.ticketId', 'applied'],
          mergedInto: [b.id, c.id, null],
          status: ['closed', 'closed', 'open'],
        });
      });
    });

    describe('counters, events and seeding', () => {
      test('allocates ticket numbers without gaps or repeats when writers race', async () => {
        const numbers = await Promise.all(
          Array.from({ length: 20 }, () =>
            storage.write(async (tx) => {
              const number = await tx.allocateTicketNumber();
              await sleep(Math.random() * 10);
              return number;
            }),
          ),
        );
        expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });

      test('gives a rolled-back number to the next writer when a transaction fails', async () => {
        await expect(
          storage.write(async (tx) => {
            await tx.allocateTicketNumber();
            throw new Error('the ticket could not be created');
          }),
        ).rejects.toThrow('could not be created');
        expect(await storage.write((tx) => tx.allocateTicketNumber())).toBe(1);
      });

      test('tells subscribers about committed changes and not about rolled-back ones', async () => {
        const events: StorageEvent[] = [];
        const unsubscribe = storage.subscribe((event) => events.push(event));
        await storage.listening();
        await expect(
          storage.write(async (tx) => {
            await tx.saveLevel(level('never'));
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        await storage.write((tx) => tx.saveLevel(level('committed')));
        const deadline = Date.now() + 2000;
        while (events.length === 0 && Date.now() < deadline) await sleep(10);
        await sleep(50);
        unsubscribe();
        expect(events).toEqual([{ type: 'changes', head: 1 }]);
      });

      test('numbers snapshot tickets in creation order when they are imported into an empty database', async () => {
        const requester = newId();
        const customer = {
          id: requester,
          name: 'Carla Customer',
          email: null,
          phones: [],
          organisationId: null,
          plan: 'basic',
          timeZone: 'UTC',
          language: 'en',
          proficiency: 'beginner',
          optOuts: [],
          createdAt: T0,
        };
        const late = makeTicket(requester, { createdAt: T0 + 2000 });
        const early = makeTicket(requester, { createdAt: T0 + 1000 });
        const numbered = makeTicket(requester, { createdAt: T0, number: 7 });
        const snapshot = serverSnapshotSchema.parse({ customers: [customer], tickets: [late, early, numbered] });
        const auth = new AuthService(storage, { ...DEFAULT_AUTH_CONFIG, scrypt: TEST_SCRYPT });
        expect(await seedFromSnapshot(storage, auth, snapshot)).toBe(true);
        const numbers = await storage.read(async (tx) => [await tx.getTicket(early.id), await tx.getTicket(late.id), await tx.getTicket(numbered.id)]);
        expect(numbers.map((ticket) => ticket?.number)).toEqual([8, 9, 7]);
        expect(await seedFromSnapshot(storage, auth, snapshot)).toBe(false);
      });
    });
  });
}
