// The storage conformance suite on the embedded engine: a SQLite file in a temp folder per test.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStorage } from '../../src/server/storage/open-storage';
import { SqliteDriver } from '../../src/server/storage/sqlite-driver';
import { describeStorageConformance } from './server-storage-conformance';
import { makeTempDir } from './support/server-kit';

describeStorageConformance('sqlite', async () => {
  const dir = makeTempDir();
  const file = path.join(dir, 'server.sqlite');
  return {
    open: (clock) => openStorage({ kind: 'sqlite', file }, clock),
    async exec(sql) {
      const db = new Database(file);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    async migrate(migrations) {
      const driver = new SqliteDriver(file);
      try {
        await driver.migrate(migrations);
      } finally {
        await driver.close();
      }
    },
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
