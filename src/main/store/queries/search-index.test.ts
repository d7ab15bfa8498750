import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStore, type Db } from '../db';
import { SEARCH_TRIGGERS } from '../migrations/002-search';
import { addMessage, addWorld, makeTempDir, removeTempDir } from '../test-builders';
import { rebuildSearchIndex, searchIndexingActive, SEARCH_INDEXES } from './search-index';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = makeTempDir('sc-search-index-');
  db = openStore(path.join(dir, 'store.db'));
});

afterEach(() => {
  db.close();
  removeTempDir(dir);
});

function dropTriggers(): void {
  for (const trigger of SEARCH_TRIGGERS) db.exec(`DROP TRIGGER ${trigger.name}`);
}

function messageMatches(query: string): number {
  return db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages_search WHERE messages_search MATCH ?').get(query)!.n;
}

function segments(index: string): number {
  // The index name is one of this module's constants.
  return db.prepare<[], { n: number }>(`SELECT count(DISTINCT segid) AS n FROM ${index}_idx`).get()!.n;
}

test('indexes rows written without triggers and puts the triggers back when rebuilding', () => {
  const world = addWorld(db, { tickets: 3 });
  dropTriggers();
  addMessage(db, { ticketId: world.tickets[0]!.id, body: 'Written while indexing was off: zeppelin' });
  expect({ active: searchIndexingActive(db), found: messageMatches('"zeppelin"') }).toEqual({ active: false, found: 0 });
  rebuildSearchIndex(db);
  expect({ active: searchIndexingActive(db), found: messageMatches('"zeppelin"') }).toEqual({ active: true, found: 1 });
  for (const index of SEARCH_INDEXES) db.exec(`INSERT INTO ${index} (${index}, rank) VALUES ('integrity-check', 1)`);
});

test('leaves each index as one merged segment after a rebuild', () => {
  const world = addWorld(db, { tickets: 20, messagesPerTicket: 3 });
  for (const ticket of world.tickets) addMessage(db, { ticketId: ticket.id, body: 'one more segment' });
  rebuildSearchIndex(db);
  expect(SEARCH_INDEXES.map(segments)).toEqual([1, 1, 1]);
});
