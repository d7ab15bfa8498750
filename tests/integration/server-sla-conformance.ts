// The escalation matrix and the SLA scheduler on every storage engine (server-sla-sqlite.test.ts
// and server-sla-postgres.test.ts run it): published versions, the publish applier's refusals,
// notifications that reach their recipient only, and the scheduler that escalates a breach once.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ensureDefaultMatrix, getMatrixVersion, listMatrixVersions } from '../../src/server/sla/matrix-versions';
import { SlaScheduler } from '../../src/server/sla/scheduler';
import type { Storage } from '../../src/server/storage/storage';
import { pull } from '../../src/server/sync/pull';
import { push } from '../../src/server/sync/push';
import type { PullResponse, PushResult, SyncChange } from '../../src/shared/contract/sync-protocol';
import { DEFAULT_MATRIX } from '../../src/shared/domain/escalation-matrix/default-matrix';
import type { MatrixDocument, TimeTrigger } from '../../src/shared/domain/escalation-matrix/schema';
import { newId } from '../../src/shared/domain/ids';
import { SYSTEM_AUTHOR } from '../../src/shared/domain/matrix-versions';
import type { Message } from '../../src/shared/domain/message';
import type { Group } from '../../src/shared/domain/team';
import type { Ticket } from '../../src/shared/domain/ticket';
import type { StorageHarness } from './server-storage-conformance';
import { actorOf, makeTicket, mutation, pullRequest, pushRequest, seedWorld, T0, type TestWorld } from './support/server-kit';

// The test ticket: Business × urgent, created Mon 6 Jan 2025 10:00 Amsterdam (T0), counted in the
// customer's hours 08:30-12:30, 13:00-17:30 Europe/Amsterdam.
// Resolution 960 business minutes: Mon 10:00-17:30 gives 420, Tue 510, Wed 08:30 + 30 = Wed 09:00.
const RESOLUTION_DUE = Date.UTC(2025, 0, 8, 8, 0);
const HOUR = 3_600_000;

function document(change: (doc: MatrixDocument) => void = () => {}): MatrixDocument {
  const doc = structuredClone(DEFAULT_MATRIX) as MatrixDocument;
  change(doc);
  return doc;
}

/** A matrix whose only trigger escalates an overdue resolution one level up and tells the group's lead, again every 240 business minutes. */
const ESCALATE_ON_BREACH: TimeTrigger = {
  id: 'resolution-breach',
  name: 'Overdue tickets go up a level',
  clock: 'resolution',
  at: { kind: 'breach' },
  repeatEveryMinutes: 240,
  when: {},
  actions: [{ type: 'escalate-next-level' }, { type: 'notify', recipients: ['group-lead', 'assignee'] }],
};

function changesOf(answer: PullResponse): SyncChange[] {
  if (answer.kind !== 'changes') throw new Error(`expected changes, got ${answer.kind}`);
  return answer.changes;
}

function outcome(result: PushResult | undefined): unknown {
  if (!result) return 'missing';
  if (result.status === 'applied') return 'applied';
  if (result.status === 'rejected') return { code: result.error.code, field: result.error.field };
  return result.status;
}

export function describeSlaConformance(engine: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`escalation matrix and SLA scheduler: ${engine}`, () => {
    let harness: StorageHarness;
    let storage: Storage;
    let world: TestWorld;
    const clock = { now: T0 };

    beforeEach(async () => {
      clock.now = T0;
      harness = await makeHarness();
      storage = await harness.open(() => clock.now);
      world = await seedWorld(storage, { tickets: 0 });
    });
    afterEach(async () => {
      await storage.close();
      await harness.cleanup();
    });

    async function publish(role: 'lead' | 'admin' | 'agent', args: unknown, seq = 1): Promise<PushResult | undefined> {
      const answer = await push(storage, actorOf(world.accounts[role]), pushRequest(newId(), [mutation(seq, 'matrix/publish', args)]));
      return answer.results[0];
    }

    describe('versions', () => {
      test('writes the default matrix as version 1 once, which every role pulls', async () => {
        const [first, again] = [await ensureDefaultMatrix(storage), await ensureDefaultMatrix(storage)];
        const pulled = changesOf(await pull(storage, actorOf(world.accounts.author), pullRequest(newId(), null)));
        expect({ first, again, pulled: pulled.filter((change) => change.entity === 'matrix-version') }).toEqual({
          first: { version: 1, status: 'published', author: SYSTEM_AUTHOR, savedAt: T0, publishedAt: T0, changeSummary: 'The default escalation matrix', basedOnVersion: null, document: DEFAULT_MATRIX },
          again: first,
          pulled: [{ op: 'upsert', entity: 'matrix-version', key: '1', value: first }],
        });
      });

      test('publishes a lead\'s version based on the one in force and lists the history newest first', async () => {
        await ensureDefaultMatrix(storage);
        const doc = document((d) => (d.plans.business!.targets.normal!.firstResponseMinutes = 60));
        clock.now = T0 + HOUR;
        const result = await publish('lead', { document: doc, basedOnVersion: 1, changeSummary: 'Business normal within the hour', publishedAt: T0 + HOUR + 5 * HOUR });
        const lead = world.accounts.lead;
        expect({ result: outcome(result), history: await listMatrixVersions(storage), second: await getMatrixVersion(storage, 2) }).toEqual({
          result: 'applied',
          history: [
            // A desktop clock ahead of the backend's is clamped.
            { version: 2, status: 'published', author: { id: lead.id, name: lead.name }, savedAt: T0 + HOUR, publishedAt: T0 + HOUR, changeSummary: 'Business normal within the hour', basedOnVersion: 1 },
            { version: 1, status: 'published', author: SYSTEM_AUTHOR, savedAt: T0, publishedAt: T0, changeSummary: 'The default escalation matrix', basedOnVersion: null },
          ],
          second: { version: 2, status: 'published', author: { id: lead.id, name: lead.name }, savedAt: T0 + HOUR, publishedAt: T0 + HOUR, changeSummary: 'Business normal within the hour', basedOnVersion: 1, document: doc },
        });
      });

      test('refuses an agent, a stale version and a document that breaks a rule, each with its own code', async () => {
        await ensureDefaultMatrix(storage);
        const valid = { document: document(), basedOnVersion: 1, changeSummary: 'Same again', publishedAt: T0 };
        const broken = { ...valid, document: document((d) => (d.plans.business!.targets.urgent!.firstResponseMinutes = 0)) };
        const results = [await publish('agent', valid), await publish('admin', broken), await publish('lead', valid), await publish('admin', valid)];
        expect({ results: results.map(outcome), versions: (await listMatrixVersions(storage)).map((version) => version.version) }).toEqual({
          results: [
            { code: 'forbidden', field: 'name' },
            { code: 'validation', field: 'args.document.plans.business.targets.urgent.firstResponseMinutes' },
            'applied',
            // Version 2 is in force now: the same draft based on 1 must be rebased first.
            { code: 'conflict', field: 'args.basedOnVersion' },
          ],
          versions: [2, 1],
        });
      });

      test('applies only one of two publishes based on the same version at once', async () => {
        await ensureDefaultMatrix(storage);
        const args = (summary: string) => ({ document: document(), basedOnVersion: 1, changeSummary: summary, publishedAt: T0 });
        const results = await Promise.all([publish('lead', args('Lead')), publish('admin', args('Admin'))]);
        expect({
          outcomes: results.map(outcome).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
          versions: (await listMatrixVersions(storage)).map((version) => version.version),
        }).toEqual({ outcomes: ['applied', { code: 'conflict', field: 'args.basedOnVersion' }], versions: [2, 1] });
      });
    });

    describe('the scheduler', () => {
      let billing: Group;
      let ticket: Ticket;

      beforeEach(async () => {
        ticket = makeTicket(world.customer.id, { priority: 'urgent', assigneeId: world.accounts.agent.id, groupId: world.group.id, createdAt: T0, updatedAt: T0 });
        await storage.write(async (tx) => {
          billing = { id: newId(), name: 'Billing & Accounts', level: 'L2' };
          await tx.saveGroup(billing);
          await tx.saveTicket({ ...ticket, number: await tx.allocateTicketNumber() });
          await tx.sla.lockMatrixHead();
          await tx.sla.publishMatrixVersion({
            version: 1,
            status: 'published',
            author: SYSTEM_AUTHOR,
            savedAt: T0,
            publishedAt: T0,
            changeSummary: 'Escalate overdue tickets',
            basedOnVersion: null,
            document: document((d) => (d.triggers = [ESCALATE_ON_BREACH])),
          });
        });
      });

      async function escalationsOf(ticketId: string) {
        return storage.read(async (tx) => (await tx.listFieldChanges(ticketId)).map((change) => ({ field: change.field, from: change.previousValue, to: change.value, by: change.changedBy.agentName })));
      }

      test('does nothing before the deadline and knows when to look next', async () => {
        clock.now = RESOLUTION_DUE - 1;
        const report = await new SlaScheduler(storage).tick();
        expect({ report, schedule: await storage.read((tx) => tx.sla.getSchedule(ticket.id)), changes: await escalationsOf(ticket.id) }).toEqual({
          report: { timed: 1, looked: 0, fired: 0, escalated: 0, notified: 0 },
          // The first response (urgent: 60 minutes) was due Mon 11:00 Amsterdam and is still owed.
          schedule: { ticketId: ticket.id, nextAt: RESOLUTION_DUE, dueAt: Date.UTC(2025, 0, 6, 10, 0), matrixVersion: 1, computedAt: RESOLUTION_DUE - 1 },
          changes: [],
        });
      });

      test('escalates a breach once, writes it to the field history and the thread, and notifies the recipients', async () => {
        const scheduler = new SlaScheduler(storage);
        await scheduler.tick();
        clock.now = RESOLUTION_DUE + 60_000;
        const first = await scheduler.tick();
        const second = await scheduler.tick();
        const stored = await storage.read((tx) => tx.getTicket(ticket.id));
        const leadPull = changesOf(await pull(storage, actorOf(world.accounts.lead), pullRequest(newId(), null)));
        const otherPull = changesOf(await pull(storage, actorOf(world.accounts.admin), pullRequest(newId(), null)));
        const notes = leadPull.flatMap((change) => (change.entity === 'message' && change.op === 'upsert' ? [change.value as Message] : []));
        expect({
          first,
          second,
          ticket: { level: stored?.level, groupId: stored?.groupId, assigneeId: stored?.assigneeId },
          changes: await escalationsOf(ticket.id),
          notes: notes.map((note) => ({ kind: note.kind, authorType: note.authorType, body: note.body })),
          leadNotifications: leadPull.filter((change) => change.entity === 'notification').map((change) => change.op === 'upsert' && { ...change.value, id: 'x' }),
          adminNotifications: otherPull.filter((change) => change.entity === 'notification').length,
        }).toEqual({
          // Nothing changed since the first look; the escalation's own change is followed on the next.
          first: { timed: 0, looked: 1, fired: 1, escalated: 1, notified: 2 },
          second: { timed: 1, looked: 0, fired: 0, escalated: 0, notified: 0 },
          ticket: { level: 'L2', groupId: billing.id, assigneeId: null },
          changes: [
            { field: 'assigneeId', from: world.accounts.agent.id, to: null, by: 'Support Console' },
            { field: 'groupId', from: world.group.id, to: billing.id, by: 'Support Console' },
            { field: 'level', from: 'L1', to: 'L2', by: 'Support Console' },
          ].sort((a, b) => a.field.localeCompare(b.field)),
          notes: [{ kind: 'note', authorType: 'system', body: '**L1 → L2 · Billing & Accounts**\n\nOverdue tickets go up a level' }],
          leadNotifications: [
            {
              id: 'x',
              recipientId: world.accounts.lead.id,
              ticketId: ticket.id,
              ticketNumber: 1,
              subject: ticket.subject,
              triggerId: 'resolution-breach',
              triggerName: 'Overdue tickets go up a level',
              clock: 'resolution',
              moment: 'breach',
              occurrence: 1,
              dueAt: RESOLUTION_DUE,
              escalation: { from: 'L1', to: 'L2', groupId: billing.id, groupName: 'Billing & Accounts' },
              matrixVersion: 1,
              createdAt: RESOLUTION_DUE + 60_000,
            },
          ],
          adminNotifications: 0,
        });
      });

      test('escalates again when the repeat comes, and never twice for one repeat', async () => {
        const scheduler = new SlaScheduler(storage);
        clock.now = RESOLUTION_DUE + 60_000;
        await scheduler.tick();
        // Wed 09:00 + 240 business minutes = Wed 13:30 Amsterdam (lunch 12:30-13:00 does not count).
        clock.now = Date.UTC(2025, 0, 8, 12, 30) + 60_000;
        const repeat = await scheduler.tick();
        const again = await scheduler.tick();
        const stored = await storage.read((tx) => tx.getTicket(ticket.id));
        expect({ repeat, again, level: stored?.level }).toEqual({
          repeat: { timed: 1, looked: 1, fired: 1, escalated: 1, notified: 1 },
          again: { timed: 1, looked: 0, fired: 0, escalated: 0, notified: 0 },
          level: 'L3',
        });
      });

      test('re-times an open ticket when a new version is published', async () => {
        const scheduler = new SlaScheduler(storage);
        await scheduler.tick();
        const before = await storage.read((tx) => tx.sla.getSchedule(ticket.id));
        const result = await publish('lead', {
          document: document((d) => {
            d.triggers = [ESCALATE_ON_BREACH];
            d.plans.business!.targets.urgent!.firstResponseMinutes = 15;
          }),
          basedOnVersion: 1,
          changeSummary: 'Urgent first response in 15 minutes',
          publishedAt: T0,
        });
        await scheduler.tick();
        const after = await storage.read((tx) => tx.sla.getSchedule(ticket.id));
        expect({ result: outcome(result), before: [before?.dueAt, before?.matrixVersion], after: [after?.dueAt, after?.matrixVersion] }).toEqual({
          result: 'applied',
          // Mon 10:00 Amsterdam + 60 minutes, then + 15 minutes.
          before: [Date.UTC(2025, 0, 6, 10, 0), 1],
          after: [Date.UTC(2025, 0, 6, 9, 15), 2],
        });
      });

      test('follows a ticket change: a reply meets the first response and the due time moves to the resolution', async () => {
        const scheduler = new SlaScheduler(storage);
        await scheduler.tick();
        clock.now = T0 + 10 * 60_000;
        const answer = await push(storage, actorOf(world.accounts.agent), pushRequest(newId(), [mutation(1, 'ticket/add-message', { messageId: newId(), ticketId: ticket.id, kind: 'reply', body: 'On it.', createdAt: clock.now })]));
        await scheduler.tick();
        const schedule = await storage.read((tx) => tx.sla.getSchedule(ticket.id));
        expect({ pushed: outcome(answer.results[0]), dueAt: schedule?.dueAt }).toEqual({ pushed: 'applied', dueAt: RESOLUTION_DUE });
      });
    });
  });
}
