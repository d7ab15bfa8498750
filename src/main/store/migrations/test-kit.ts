// Helpers for migration tests (STYLE.md: one test per migration, migrating a fixture from the
// previous version). A migration N test follows one pattern:
//
//   const { db, backups } = migrateFixture(dir, N, (old) => old.exec(`INSERT ... -- SQL of version N-1`));
//   expect(schemaVersion(db)).toBe(N);
//   expect(db.prepare('SELECT ...').all()).toEqual([...the fixture's rows, as version N reads them]);
//
// Fixtures are written with plain SQL of the old version, never with today's query functions,
// which follow the latest schema.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Db } from '../db';
import { MIGRATIONS, type Migration } from './list';

/** The migrations up to and including `version`. */
export function migrationsUpTo(version: number): Migration[] {
  return MIGRATIONS.filter((m) => m.version <= version);
}

/**
 * Creates a store file at `version` and lets `fixture` fill it, then closes it. Version 0 is a
 * valid SQLite file with no schema of ours (what a first start finds if it died before migrating).
 */
export function createStoreAtVersion(file: string, version: number, fixture: (db: Db) => void = () => {}): void {
  if (version === 0) {
    const db = new Database(file);
    // An empty SQLite file is 0 bytes until something is written; make it a real database.
    db.exec('CREATE TABLE fixture_probe (x); DROP TABLE fixture_probe;');
    fixture(db);
    db.close();
    return;
  }
  const db = openStore(file, { migrations: migrationsUpTo(version) });
  try {
    fixture(db);
  } finally {
    db.close();
  }
}

/** What migrating a fixture produced: the store opened at `version`, and the backups made on the way. */
export interface MigratedFixture {
  file: string;
  db: Db;
  backups: string[];
}

/**
 * Builds a store at `version - 1` filled by `fixture`, then opens it with the migrations up to
 * `version`, as the app does on its first start after an upgrade. The caller closes `db`.
 */
export function migrateFixture(dir: string, version: number, fixture: (db: Db) => void, now = () => 1_700_000_000_000): MigratedFixture {
  const file = path.join(dir, `fixture-v${version - 1}.db`);
  createStoreAtVersion(file, version - 1, fixture);
  const db = openStore(file, { migrations: migrationsUpTo(version), now });
  const backups = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${path.basename(file)}.`) && name.endsWith('.bak'))
    .map((name) => path.join(dir, name));
  return { file, db, backups };
}

/** The store's schema as data: each table's columns in order, each index's table and columns. */
export interface SchemaShape {
  tables: Record<string, string[]>;
  indexes: Record<string, { table: string; columns: string[]; unique: boolean }>;
}

export function schemaShape(db: Db): SchemaShape {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  const indexes = db
    .prepare<[], { name: string; table: string; sql: string }>(
      "SELECT name, tbl_name AS 'table', sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    )
    .all();
  return {
    tables: Object.fromEntries(
      tables.map(({ name }) => [
        name,
        db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_xinfo(?) ORDER BY cid').all(name).map((c) => c.name),
      ]),
    ),
    indexes: Object.fromEntries(
      indexes.map(({ name, table, sql }) => [
        name,
        {
          table,
          columns: db.prepare<[string], { name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(name).map((c) => c.name),
          unique: /^CREATE UNIQUE INDEX/i.test(sql),
        },
      ]),
    ),
  };
}
