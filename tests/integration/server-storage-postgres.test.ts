// The storage conformance suite on PostgreSQL: one real server for this file (started here, in a
// temp folder on a free loopback port), one fresh database per test.
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openStorage } from '../../src/server/storage/open-storage';
import { PostgresDriver } from '../../src/server/storage/postgres-driver';
import { describeStorageConformance } from './server-storage-conformance';
import { startPostgres, type TestPostgres } from './support/embedded-postgres';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

describeStorageConformance('postgres', async () => {
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
