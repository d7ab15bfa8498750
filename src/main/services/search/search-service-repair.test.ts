import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStore, type Db } from '../../store/db';
import { SEARCH_TRIGGERS } from '../../store/migrations/002-search';
import { searchIndexingActive } from '../../store/queries/search-index';
import { addMessage, addWorld, makeTempDir, removeTempDir } from '../../store/test-builders';
import { SearchService } from './search-service';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = makeTempDir('sc-search-repair-');
  db = openStore(path.join(dir, 'store.db'));
});

afterEach(() => {
  db.close();
  removeTempDir(dir);
});

test('rebuilds the index on start when its triggers went missing outside a bulk load', () => {
  const world = addWorld(db, { tickets: 1 });
  for (const trigger of SEARCH_TRIGGERS) db.exec(`DROP TRIGGER ${trigger.name}`);
  addMessage(db, { ticketId: world.tickets[0]!.id, body: 'zeppelin' });
  const search = new SearchService({ db, agentId: null });
  expect({ active: searchIndexingActive(db), hits: search.search({ query: 'zeppelin', sort: 'newest' }).hits.length }).toEqual({
    active: true,
    hits: 1,
  });
});

test('finds a message as soon as it is written', () => {
  const world = addWorld(db, { tickets: 1 });
  const search = new SearchService({ db, agentId: null });
  addMessage(db, { ticketId: world.tickets[0]!.id, body: 'The blimp landed' });
  expect(search.search({ query: 'blimp', sort: 'newest' }).hits.map((hit) => hit.matchedIn)).toEqual(['message']);
});

test('does not find a message once it is deleted (tombstoned)', () => {
  const world = addWorld(db, { tickets: 1 });
  const search = new SearchService({ db, agentId: null });
  const message = addMessage(db, { ticketId: world.tickets[0]!.id, body: 'The blimp landed' });
  db.prepare('UPDATE messages SET deleted_at = 1 WHERE id = ?').run(message.id);
  expect(search.search({ query: 'blimp', sort: 'newest' }).hits).toEqual([]);
  expect(search.search({ query: 'blimp', sort: 'ranked' }).hits).toEqual([]);
});
