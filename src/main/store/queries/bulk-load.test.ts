import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStore, type Db } from '../db';
import { addMessage, addWorld, makeTempDir, removeTempDir } from '../test-builders';
import { BULK_LOAD_META_KEY, detachForBulkLoad, enterBulkWriteMode, reattachAfterBulkLoad } from './bulk-load';
import { getMeta } from './meta';

const PLAN = { tables: ['customers', 'tickets', 'messages', 'calls'], indexes: ['tickets_by_requester'] };

let dir: string;
let file: string;
let db: Db;

beforeEach(() => {
  dir = makeTempDir('sc-bulk-');
  file = path.join(dir, 'store.db');
  db = openStore(file);
});

afterEach(() => {
  db.close();
  removeTempDir(dir);
});

function schemaOf(store: Db): unknown[] {
  return store.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all();
}

function objectNames(store: Db, type: 'index' | 'trigger'): string[] {
  return (store.prepare('SELECT name FROM sqlite_schema WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((r) => r.name);
}

/** Runs FTS5's own check of every full-text index against its content table; throws on a mismatch. */
function checkSearchIndexes(store: Db): number {
  const tables = store.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%USING fts5%'").all() as { name: string }[];
  for (const { name } of tables) store.exec(`INSERT INTO ${name} (${name}) VALUES ('integrity-check')`);
  return tables.length;
}

test('takes off only the planned indexes and the search triggers when detaching', () => {
  const before = { indexes: objectNames(db, 'index'), triggers: objectNames(db, 'trigger') };
  const detached = db.transaction(() => detachForBulkLoad(db, PLAN))();
  expect(detached.indexes.map((i) => i.name)).toEqual(['tickets_by_requester']);
  expect(objectNames(db, 'index')).toEqual(before.indexes.filter((name) => name !== 'tickets_by_requester'));
  // Every trigger on the loaded tables feeds a search index today; none may remain.
  expect(objectNames(db, 'trigger')).toEqual(before.triggers.filter((name) => !detached.triggers.some((t) => t.name === name)));
  expect(JSON.parse(getMeta(db, BULK_LOAD_META_KEY)!)).toEqual(detached);
});

test('puts the schema back and indexes rows written meanwhile when reattaching', () => {
  const fresh = schemaOf(db);
  const world = addWorld(db, { tickets: 2 });
  db.transaction(() => detachForBulkLoad(db, PLAN))();
  addMessage(db, { ticketId: world.tickets[0]!.id, body: 'Written while the search triggers were away' });
  reattachAfterBulkLoad(db);
  expect(schemaOf(db)).toEqual(fresh);
  expect(getMeta(db, BULK_LOAD_META_KEY)).toBeUndefined();
  expect(checkSearchIndexes(db)).toBeGreaterThan(0);
});

test('finishes a bulk load when reattaching after a crash interrupted it', () => {
  const fresh = schemaOf(db);
  db.transaction(() => detachForBulkLoad(db, PLAN))();
  db.close(); // the process died here: what was taken is only in meta
  db = openStore(file);
  expect(getMeta(db, BULK_LOAD_META_KEY)).toBeDefined();
  reattachAfterBulkLoad(db);
  expect(schemaOf(db)).toEqual(fresh);
});

test('does nothing when reattaching with no bulk load pending', () => {
  const fresh = schemaOf(db);
  reattachAfterBulkLoad(db);
  expect(schemaOf(db)).toEqual(fresh);
});

test('restores the durability settings when leaving bulk-write mode', () => {
  const settings = () => ({ synchronous: db.pragma('synchronous', { simple: true }), checkpoint: db.pragma('wal_autocheckpoint', { simple: true }) });
  const before = settings();
  const leave = enterBulkWriteMode(db);
  expect(settings()).not.toEqual(before);
  leave();
  expect(settings()).toEqual(before);
});
