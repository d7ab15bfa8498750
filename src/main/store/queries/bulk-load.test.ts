import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStore, type Db } from '../db';
import { BulkLoadWorker, bulkLoadScratchFile, finishBulkLoad } from '../bulk-load-worker';
import { SEARCH_TRIGGERS } from '../migrations/002-search';
import { TICKET_TAGS_TRIGGERS } from '../migrations/005-view-indexes';
import { newId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/message';
import { addMessage, addTicket, addWorld, makeTempDir, removeTempDir, type World } from '../test-builders';
import { MESSAGE_COLUMNS, messageToRow, prepareInsertMessageWithRowid, type MessageDbRow } from './messages';
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

test('takes off only the planned indexes and the triggers that feed search indexes and the tag table when detaching', () => {
  const before = { indexes: objectNames(db, 'index'), triggers: objectNames(db, 'trigger') };
  const detached = db.transaction(() => detachForBulkLoad(db, PLAN))();
  expect(detached.indexes.map((i) => i.name)).toEqual(['tickets_by_requester']);
  expect(objectNames(db, 'index')).toEqual(before.indexes.filter((name) => name !== 'tickets_by_requester'));
  expect({ triggers: detached.triggers.map((t) => t.name).sort(), derived: detached.derivedTables }).toEqual({
    triggers: [...SEARCH_TRIGGERS, ...TICKET_TAGS_TRIGGERS].map((t) => t.name).sort(),
    derived: ['ticket_tags'],
  });
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

test('finishes a bulk load a crash interrupted when the store opens again, rows written meanwhile included', () => {
  // Regression: nothing called reattachAfterBulkLoad at start, so a crash during a load left a
  // store without its search triggers and indexes for good.
  const fresh = schemaOf(db);
  const world = addWorld(db, { tickets: 2 });
  db.transaction(() => detachForBulkLoad(db, PLAN))();
  const late = addTicket(db, { requesterId: world.customer.id, subject: 'Printer zeppelin', tags: ['printer', 'vip'] });
  addMessage(db, { ticketId: late.id, body: 'Written while the search triggers were away: dirigible' });
  fs.writeFileSync(bulkLoadScratchFile(file), 'what a worker left behind');
  db.close(); // the process died here: what was taken is only in meta
  db = openStore(file);
  expect({
    pending: getMeta(db, BULK_LOAD_META_KEY),
    schema: schemaOf(db),
    scratchLeft: fs.existsSync(bulkLoadScratchFile(file)),
    searchIndexes: checkSearchIndexes(db),
    subject: db.prepare("SELECT count(*) AS n FROM tickets_search WHERE tickets_search MATCH 'zeppelin'").get(),
    body: db.prepare("SELECT count(*) AS n FROM messages_search WHERE messages_search MATCH 'dirigible'").get(),
    tags: db.prepare('SELECT tag FROM ticket_tags WHERE ticket_id = ? ORDER BY tag').all(late.id),
  }).toEqual({
    pending: undefined,
    schema: fresh,
    scratchLeft: false,
    searchIndexes: 3,
    subject: { n: 1 },
    body: { n: 1 },
    tags: [{ tag: 'printer' }, { tag: 'vip' }],
  });
});

const MESSAGE_FIELDS = MESSAGE_COLUMNS.split(', ') as (keyof MessageDbRow)[];

/** Hands messages to the worker as the seed does: column by column, numbered from `firstRowid`. */
function stageMessages(worker: BulkLoadWorker, firstRowid: number, messages: Message[]): number {
  const rows = messages.map(messageToRow);
  worker.stage('messages', MESSAGE_FIELDS, firstRowid, MESSAGE_FIELDS.map((column) => rows.map((row) => row[column])));
  return firstRowid + messages.length;
}

/** Fifty tickets of one slice, written into the store, and their messages (one each, not written). */
function sliceOf(store: Db, world: World, slice: number): Message[] {
  return Array.from({ length: 50 }, (_, i) => {
    const ticket = addTicket(store, { requesterId: world.customer.id, subject: `Slice ${slice} ticket ${i}`, tags: i % 10 === 0 ? ['rare'] : ['common'] });
    return { ...world.messages[0]!, id: newId(), ticketId: ticket.id, body: i === 7 ? `kumquat in slice ${slice}` : 'nothing special' };
  });
}

test('writes the staged messages and their search index on a worker and copies them in at the end of a load', () => {
  const fresh = schemaOf(db);
  const world = addWorld(db, { tickets: 3 });
  const leave = enterBulkWriteMode(db);
  const detached = db.transaction(() => detachForBulkLoad(db, PLAN))();
  const worker = BulkLoadWorker.start(db, detached, ['messages'])!;
  let rowid = worker.firstRowidOf('messages');
  for (let slice = 0; slice < 3; slice++) {
    db.transaction(() => {
      rowid = stageMessages(worker, rowid, sliceOf(db, world, slice));
      expect(worker.commitSlice()).toBe(true);
    })();
  }
  const usedWorker = finishBulkLoad(db, worker);
  leave();
  expect({
    usedWorker,
    journal: db.pragma('journal_mode', { simple: true }),
    pending: getMeta(db, BULK_LOAD_META_KEY),
    schema: schemaOf(db),
    scratchLeft: fs.existsSync(bulkLoadScratchFile(file)),
    searchIndexes: checkSearchIndexes(db),
    messages: db.prepare('SELECT count(*) AS n, max(rowid) AS last FROM messages').get(),
    kumquat: db.prepare("SELECT count(*) AS n FROM messages_search WHERE messages_search MATCH 'kumquat'").get(),
    slices: db.prepare("SELECT count(*) AS n FROM tickets_search WHERE tickets_search MATCH 'slice'").get(),
    tags: db.prepare('SELECT tag, count(*) AS n FROM ticket_tags GROUP BY tag ORDER BY tag').all(),
  }).toEqual({
    usedWorker: true,
    journal: 'wal',
    pending: undefined,
    schema: fresh,
    scratchLeft: false,
    searchIndexes: 3,
    messages: { n: 153, last: 153 },
    kumquat: { n: 3 },
    slices: { n: 150 },
    tags: [
      { tag: 'common', n: 135 },
      { tag: 'rare', n: 15 },
    ],
  });
});

test('copies in what the worker committed and rebuilds the rest when the worker fails midway', () => {
  const world = addWorld(db, { tickets: 3 });
  const detached = db.transaction(() => detachForBulkLoad(db, PLAN))();
  const worker = BulkLoadWorker.start(db, detached, ['messages'])!;
  const first = worker.firstRowidOf('messages');
  db.transaction(() => {
    stageMessages(worker, first, sliceOf(db, world, 0));
    expect(worker.commitSlice()).toBe(true);
  })();
  // The second slice hands over rowids the worker already has: it fails, and keeps nothing of the slice.
  const second = sliceOf(db, world, 1);
  stageMessages(worker, first, second);
  const committed = worker.commitSlice();
  // What the seed then does: the rows the worker lost go into the store, numbered on.
  const insert = prepareInsertMessageWithRowid(db);
  db.transaction(() => second.map(messageToRow).forEach((row, i) => insert.run(first + 50 + i, ...MESSAGE_FIELDS.map((column) => row[column]))))();
  const usedWorker = finishBulkLoad(db, worker);
  expect({
    committed,
    usedWorker,
    pending: getMeta(db, BULK_LOAD_META_KEY),
    scratchLeft: fs.existsSync(bulkLoadScratchFile(file)),
    searchIndexes: checkSearchIndexes(db),
    messages: db.prepare('SELECT count(*) AS n FROM messages').get(),
    kumquat: db.prepare("SELECT count(*) AS n FROM messages_search WHERE messages_search MATCH 'kumquat'").get(),
  }).toEqual({
    committed: false,
    usedWorker: false,
    pending: undefined,
    scratchLeft: false,
    searchIndexes: 3,
    messages: { n: 103 },
    kumquat: { n: 2 },
  });
});

test('copies in the staged rows of the slices the store committed, and no others, when a store opens after a crash', () => {
  const world = addWorld(db, { tickets: 3 });
  const detached = db.transaction(() => detachForBulkLoad(db, PLAN))();
  const worker = BulkLoadWorker.start(db, detached, ['messages'])!;
  let rowid = worker.firstRowidOf('messages');
  db.transaction(() => {
    rowid = stageMessages(worker, rowid, sliceOf(db, world, 0));
    worker.commitSlice();
  })();
  // The second slice commits on the worker, then the process dies before the store commits it.
  const dies = db.transaction(() => {
    stageMessages(worker, rowid, sliceOf(db, world, 1));
    worker.commitSlice();
    throw new Error('the process died here');
  });
  expect(dies).toThrow('the process died here');
  db.close();
  db = openStore(file);
  worker.stop();
  expect({
    pending: getMeta(db, BULK_LOAD_META_KEY),
    scratchLeft: fs.existsSync(bulkLoadScratchFile(file)),
    searchIndexes: checkSearchIndexes(db),
    tickets: db.prepare('SELECT count(*) AS n FROM tickets').get(),
    messages: db.prepare('SELECT count(*) AS n FROM messages').get(),
    orphans: db.prepare('SELECT count(*) AS n FROM messages WHERE ticket_id NOT IN (SELECT id FROM tickets)').get(),
    kumquat: db.prepare("SELECT body FROM messages_search WHERE messages_search MATCH 'kumquat'").all(),
  }).toEqual({
    pending: undefined,
    scratchLeft: false,
    searchIndexes: 3,
    tickets: { n: 53 },
    messages: { n: 53 },
    orphans: { n: 0 },
    kumquat: [{ body: 'kumquat in slice 0' }],
  });
});

test('does nothing when reattaching with no bulk load pending', () => {
  const fresh = schemaOf(db);
  reattachAfterBulkLoad(db);
  expect(schemaOf(db)).toEqual(fresh);
});

test('loads with a rollback journal and no fsync, and restores the WAL and the durability settings when leaving bulk-write mode', () => {
  const settings = () => ({
    journal: db.pragma('journal_mode', { simple: true }),
    synchronous: db.pragma('synchronous', { simple: true }),
    checkpoint: db.pragma('wal_autocheckpoint', { simple: true }),
  });
  const before = settings();
  const leave = enterBulkWriteMode(db);
  const during = settings();
  leave();
  expect({ before, during, after: settings() }).toEqual({
    before: { journal: 'wal', synchronous: 1, checkpoint: 1000 },
    during: { journal: 'truncate', synchronous: 0, checkpoint: 16384 },
    after: { journal: 'wal', synchronous: 1, checkpoint: 1000 },
  });
});

test('keeps the WAL during a bulk load while another connection has the store open', () => {
  const other = openStore(file);
  try {
    const leave = enterBulkWriteMode(db);
    const during = db.pragma('journal_mode', { simple: true });
    leave();
    expect({ during, after: db.pragma('journal_mode', { simple: true }) }).toEqual({ during: 'wal', after: 'wal' });
  } finally {
    other.close();
  }
});
