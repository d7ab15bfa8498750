import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { MIGRATIONS } from './migrations/list';
import { SqliteDriver } from './sqlite-driver';
import type { Migration } from './sql-driver';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-sqlite-driver-'));
  file = path.join(dir, 'server.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const next: Migration = { version: MIGRATIONS.length + 1, name: 'test-only', sql: 'CREATE TABLE later (id TEXT PRIMARY KEY);' };

test('backs the file up before migrating when the database has an older schema', async () => {
  const first = new SqliteDriver(file);
  await first.migrate(MIGRATIONS);
  await first.close();
  expect(fs.readdirSync(dir).filter((name) => name.endsWith('.bak'))).toEqual([]);
  const second = new SqliteDriver(file);
  await second.migrate([...MIGRATIONS, next]);
  const version = await second.read((db) => db.get<{ v: number }>('SELECT max(version) AS v FROM schema_migrations'));
  await second.close();
  expect(version).toEqual({ v: next.version });
  // The backup is named after the schema version the file had.
  expect(fs.readdirSync(dir).filter((name) => name.endsWith('.bak'))).toEqual([expect.stringMatching(new RegExp(`^server\\.sqlite\\.v${MIGRATIONS.length}-\\d+\\.bak$`))]);
});

test('undoes a failing migration completely when one of its statements breaks', async () => {
  const driver = new SqliteDriver(file);
  await driver.migrate(MIGRATIONS);
  const broken: Migration = { version: next.version, name: 'broken', sql: 'CREATE TABLE half (id TEXT); INSERT INTO nowhere VALUES (1);' };
  await expect(driver.migrate([...MIGRATIONS, broken])).rejects.toThrow(/nowhere/);
  const tables = await driver.read((db) => db.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE name = 'half'"));
  await driver.close();
  expect(tables).toEqual([]);
});

test('reads the last commit while a write transaction is still open', async () => {
  const driver = new SqliteDriver(file);
  await driver.migrate(MIGRATIONS);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const writing = driver.write(async (tx) => {
    await tx.run("INSERT INTO meta (key, value) VALUES ('pending', 'yes')");
    await gate;
  });
  const seen = await driver.read((db) => db.get("SELECT value FROM meta WHERE key = 'pending'"));
  release();
  await writing;
  const after = await driver.read((db) => db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'pending'"));
  await driver.close();
  expect({ seen, after }).toEqual({ seen: undefined, after: { value: 'yes' } });
});
