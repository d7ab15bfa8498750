// The escalation matrix and SLA scheduler suite on PostgreSQL (one real server for this file, a
// fresh database per test), and the scheduler on two backend instances sharing one database:
// one breach escalates once.
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SlaScheduler } from '../../src/server/sla/scheduler';
import { openStorage } from '../../src/server/storage/open-storage';
import { PostgresDriver } from '../../src/server/storage/postgres-driver';
import type { Storage } from '../../src/server/storage/storage';
import { DEFAULT_MATRIX } from '../../src/shared/domain/escalation-matrix/default-matrix';
import type { MatrixDocument } from '../../src/shared/domain/escalation-matrix/schema';
import { newId } from '../../src/shared/domain/ids';
import { SYSTEM_AUTHOR } from '../../src/shared/domain/matrix-versions';
import { describeSlaConformance } from './server-sla-conformance';
import { startPostgres, type TestPostgres } from './support/embedded-postgres';
import { makeTicket, seedWorld, T0 } from './support/server-kit';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

describeSlaConformance('postgres', async () => {
  const url = await postgres.createDatabase();
  return {
    open: (clock) => openStorage({ kind: 'postgres', url, poolSize: 8 }, clock),
    async exec(sql) {
      const client = new pg.Client(url);
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    async migrate(migrations) {
      const driver = new PostgresDriver(url, 2);
      try {
        await driver.migrate(migrations);
      } finally {
        await driver.close();
      }
    },
    async cleanup() {
      // The database goes with the server when the file's tests end.
    },
  };
});

test('escalates one breach exactly once when two instances look at it at the same time', async () => {
  const url = await postgres.createDatabase();
  const now = { ms: T0 };
  const clock = () => now.ms;
  const storages: Storage[] = [await openStorage({ kind: 'postgres', url, poolSize: 4 }, clock), await openStorage({ kind: 'postgres', url, poolSize: 4 }, clock)];
  try {
    const world = await seedWorld(storages[0]!, { tickets: 0 });
    const tickets = Array.from({ length: 20 }, () => makeTicket(world.customer.id, { priority: 'urgent', groupId: world.group.id, createdAt: T0, updatedAt: T0 }));
    await storages[0]!.write(async (tx) => {
      await tx.saveGroup({ id: newId(), name: 'Billing & Accounts', level: 'L2' });
      for (const ticket of tickets) await tx.saveTicket({ ...ticket, number: await tx.allocateTicketNumber() });
      await tx.sla.lockMatrixHead();
      const document = structuredClone(DEFAULT_MATRIX) as MatrixDocument;
      document.triggers = [
        { id: 'breach', name: 'Overdue', clock: 'resolution', at: { kind: 'breach' }, repeatEveryMinutes: null, when: {}, actions: [{ type: 'escalate-next-level' }, { type: 'notify', recipients: ['team-leads'] }] },
      ];
      await tx.sla.publishMatrixVersion({ version: 1, status: 'published', author: SYSTEM_AUTHOR, savedAt: T0, publishedAt: T0, changeSummary: 'Overdue', basedOnVersion: null, document });
    });
    const schedulers = storages.map((storage) => new SlaScheduler(storage));
    // Instance A times the tickets while nothing is due yet.
    await schedulers[0]!.tick();
    // Wed 8 Jan 2025 09:01 Amsterdam: every Business × urgent resolution (due Wed 09:00) is overdue,
    // and both instances look at the same due tickets at once.
    now.ms = Date.UTC(2025, 0, 8, 8, 1);
    const reports = await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    const more = await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    const counts = await storages[1]!.read(async (tx) => {
      const levels = await Promise.all(tickets.map(async (ticket) => (await tx.getTicket(ticket.id))?.level));
      const levelChanges = await Promise.all(tickets.map(async (ticket) => (await tx.listFieldChanges(ticket.id)).filter((change) => change.field === 'level').length));
      return { levels, levelChanges, notifications: (await tx.sla.listNotifications(world.accounts.lead.id, 1000)).length };
    });
    const escalated = [...reports, ...more].reduce((sum, report) => sum + report.escalated, 0);
    expect({ escalated, looked: reports.map((report) => report.looked), ...counts }).toEqual({
      escalated: 20,
      looked: [20, 20],
      levels: tickets.map(() => 'L2'),
      levelChanges: tickets.map(() => 1),
      notifications: 20,
    });
  } finally {
    await Promise.all(storages.map((storage) => storage.close()));
  }
});
