import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { AppError } from '../../shared/contract/errors';
import { openStore, schemaVersion, type Db } from './db';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/list';
import { addWorld, makeTempDir, removeTempDir, snapshotStore } from './test-builders';

let dir: string;
let file: string;
beforeEach(() => {
  dir = makeTempDir();
  file = path.join(dir, 'support-console.db');
});
afterEach(() => {
  removeTempDir(dir);
});

/**
 * The fixtures are written with today's builders, so the "older" store is one at today's schema
 * (V) and a harmless next migration (V + 1) makes a "newer" one.
 */
const V = LATEST_VERSION;
const CURRENT = MIGRATIONS;
const addNotes: Migration = { version: V + 1, name: 'add-notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);' };

function sha256(target: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(target)).digest('hex');
}

/** What openStore threw, as plain data, so a test can compare the whole of it. */
function openError(target: string, migrations?: readonly Migration[]): { name: string; code?: string; message: string } {
  try {
    openStore(target, migrations ? { migrations } : {}).close();
  } catch (error) {
    if (error instanceof AppError) return { name: error.name, code: error.code, message: error.message };
    if (error instanceof Error) return { name: error.name, message: error.message };
    throw error;
  }
  throw new Error('openStore did not throw');
}

/** Creates a store at version V with a small world in it, closed. */
function createStoreAtV(target: string): void {
  const db = openStore(target, { migrations: CURRENT });
  addWorld(db, { tickets: 3, messagesPerTicket: 2 });
  db.close();
}

function withStore<T>(target: string, migrations: readonly Migration[], use: (db: Db) => T): T {
  const db = openStore(target, { migrations });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

test('creates a new store in WAL mode at the latest schema version', () => {
  const db = openStore(file);
  try {
    expect({
      journalMode: db.pragma('journal_mode', { simple: true }),
      synchronous: db.pragma('synchronous', { simple: true }),
      foreignKeys: db.pragma('foreign_keys', { simple: true }),
      version: schemaVersion(db),
    }).toEqual({ journalMode: 'wal', synchronous: 1, foreignKeys: 1, version: LATEST_VERSION });
  } finally {
    db.close();
  }
});

test('makes no backup when it creates the store', () => {
  openStore(file).close();
  expect(fs.readdirSync(dir).filter((name) => name.endsWith('.bak'))).toEqual([]);
});

test('opens a store at the latest version without migrating, backing up or changing its data', () => {
  createStoreAtV(file);
  const before = withStore(file, CURRENT, snapshotStore);
  const after = withStore(file, CURRENT, (db) => ({ version: schemaVersion(db), rows: snapshotStore(db) }));
  expect({ after, backups: fs.readdirSync(dir).filter((name) => name.endsWith('.bak')) }).toEqual({
    after: { version: V, rows: before },
    backups: [],
  });
});

test('refuses a store written by a newer version with store-newer and leaves its bytes unchanged', () => {
  withStore(file, [...CURRENT, addNotes], (db) => {
    addWorld(db);
    db.prepare('INSERT INTO notes (text) VALUES (?)').run('written by the newer app');
  });
  const hash = sha256(file);
  expect({ error: openError(file, CURRENT), hash: sha256(file) }).toEqual({
    error: {
      name: 'AppError',
      code: 'store-newer',
      message: expect.stringContaining(`(schema ${V + 1}, this version knows ${V})`),
    },
    hash,
  });
});

test('refuses a file of random bytes with store-corrupt and leaves it untouched', () => {
  fs.writeFileSync(file, crypto.randomBytes(64 * 1024));
  const hash = sha256(file);
  expect({ error: openError(file), hash: sha256(file), files: fs.readdirSync(dir) }).toEqual({
    error: { name: 'AppError', code: 'store-corrupt', message: expect.stringContaining('support-console.db is damaged') },
    hash,
    files: ['support-console.db'],
  });
});

test('refuses a truncated store with store-corrupt and leaves it untouched', () => {
  const whole = path.join(dir, 'whole.db');
  withStore(whole, CURRENT, (db) => addWorld(db, { tickets: 200, messagesPerTicket: 3 }));
  const bytes = fs.readFileSync(whole);
  fs.rmSync(whole);
  // Cut at a page boundary in the middle: the header still promises the pages that are gone.
  fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096));
  const hash = sha256(file);
  const error = openError(file);
  // The read-only probe of a WAL-mode file may leave an empty -wal beside it; nothing is written into it.
  const walBytes = fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;
  expect({ cutPages: bytes.length / 2 / 4096 > 2, error, hash: sha256(file), walBytes }).toEqual({
    cutPages: true,
    error: { name: 'AppError', code: 'store-corrupt', message: expect.stringContaining('support-console.db is damaged') },
    hash,
    walBytes: 0,
  });
});

test('migrates an older store and keeps a backup that opens at the old version with its data', () => {
  createStoreAtV(file);
  const oldRows = withStore(file, CURRENT, snapshotStore);

  const migrated = (() => {
    const db = openStore(file, { migrations: [...CURRENT, addNotes], now: () => 1_736_154_000_000 });
    try {
      const { notes, ...kept } = snapshotStore(db);
      return { version: schemaVersion(db), notes, kept };
    } finally {
      db.close();
    }
  })();

  const backupFile = `${file}.v${V}-1736154000000.bak`;
  const backup = new Database(backupFile, { readonly: true, fileMustExist: true });
  let fromBackup: unknown;
  try {
    fromBackup = { version: backup.pragma('user_version', { simple: true }), rows: snapshotStore(backup) };
  } finally {
    backup.close();
  }
  expect({ migrated, fromBackup }).toEqual({
    migrated: { version: V + 1, notes: [], kept: oldRows },
    fromBackup: { version: V, rows: oldRows },
  });
});

test('leaves the store at its version with its data when the next migration fails half-way', () => {
  createStoreAtV(file);
  const oldRows = withStore(file, CURRENT, snapshotStore);
  const broken: Migration = {
    version: V + 1,
    name: 'broken',
    sql: `CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
          INSERT INTO notes (text) VALUES ('half-way');
          DELETE FROM tickets;
          INSERT INTO no_such_table VALUES (1);`,
  };

  const error = openError(file, [...CURRENT, broken]);
  const after = withStore(file, CURRENT, (db) => ({ version: schemaVersion(db), rows: snapshotStore(db) }));
  expect({ error, after }).toEqual({
    error: { name: 'SqliteError', message: 'no such table: no_such_table' },
    after: { version: V, rows: oldRows },
  });
});

test('leaves the store at its old version when a later migration of several fails', () => {
  // All pending migrations commit together: a store stuck between versions would be refused as
  // "newer" by the app the user falls back to.
  createStoreAtV(file);
  const oldRows = withStore(file, CURRENT, snapshotStore);
  const broken: Migration = { version: V + 2, name: 'broken', sql: 'INSERT INTO no_such_table VALUES (1);' };

  const error = openError(file, [...CURRENT, addNotes, broken]);
  const after = withStore(file, CURRENT, (db) => ({ version: schemaVersion(db), rows: snapshotStore(db) }));
  expect({ error, after }).toEqual({
    error: { name: 'SqliteError', message: 'no such table: no_such_table' },
    after: { version: V, rows: oldRows },
  });
});
