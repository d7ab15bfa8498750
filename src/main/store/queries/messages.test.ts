import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStore, type Db } from '../db';
import { addMessage, addWorld, FIXTURE_NOW, makeTempDir, removeTempDir } from '../test-builders';
import { COUNT_BEFORE_SQL, countMessagesBefore, THREAD_PAGE_SQL } from './messages';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = makeTempDir();
  db = openStore(path.join(dir, 'support-console.db'));
});
afterEach(() => {
  db.close();
  removeTempDir(dir);
});

function plan(sql: string, params: Record<string, unknown>): string[] {
  return db
    .prepare<[Record<string, unknown>], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(params)
    .map((row) => row.detail);
}

test.each(Object.entries(THREAD_PAGE_SQL))('walks messages_by_ticket for the %s page of a thread, sorting only ties of an instant', (_page, sql) => {
  const params = { ticketId: 'x', createdAt: FIXTURE_NOW, id: 'y', limit: 50 };
  const [search, sort] = plan(sql, params);
  expect({ search: search?.startsWith('SEARCH messages USING INDEX messages_by_ticket (ticket_id=?'), sort }).toEqual({
    search: true,
    // A partial sort: rows arrive in created_at order and only equal instants are ordered by id.
    sort: 'USE TEMP B-TREE FOR LAST TERM OF ORDER BY',
  });
});

test('counts the live messages before a position, ties of an instant by id, tombstones left out', () => {
  const world = addWorld(db, { tickets: 1, messagesPerTicket: 0 });
  const ticketId = world.tickets[0]!.id;
  const messages = [0, 1, 1, 2, 3].map((second) => addMessage(db, { ticketId, createdAt: FIXTURE_NOW + second * 1000 }));
  db.prepare('UPDATE messages SET deleted_at = 1 WHERE id = ?').run(messages[0]!.id);
  const [firstTie, secondTie] = [messages[1]!, messages[2]!].sort((a, b) => (a.id < b.id ? -1 : 1));
  const at = (m: (typeof messages)[0]) => ({ createdAt: m.createdAt, id: m.id });
  expect({
    beforeFirstTie: countMessagesBefore(db, ticketId, at(firstTie!)),
    beforeSecondTie: countMessagesBefore(db, ticketId, at(secondTie!)),
    beforeLast: countMessagesBefore(db, ticketId, at(messages[4]!)),
  }).toEqual({ beforeFirstTie: 0, beforeSecondTie: 1, beforeLast: 3 });
});

test('counts older messages in the indexes, reading message rows only for ties of one instant', () => {
  expect(plan(COUNT_BEFORE_SQL, { ticketId: 'x', createdAt: FIXTURE_NOW, id: 'y' })).toEqual([
    'SCAN CONSTANT ROW',
    'SCALAR SUBQUERY 1',
    'SEARCH messages USING COVERING INDEX messages_by_ticket (ticket_id=? AND created_at<?)',
    'SCALAR SUBQUERY 2',
    'SEARCH messages USING INDEX messages_by_ticket (ticket_id=? AND created_at=?)',
    'SCALAR SUBQUERY 3',
    'SEARCH messages USING INDEX messages_deleted_by_ticket (ticket_id=? AND created_at<?)',
  ]);
});
