import { afterEach, beforeEach, expect, test } from 'vitest';
import { schemaVersion, type Db } from '../db';
import { makeTempDir, removeTempDir } from '../test-builders';
import { migrateFixture } from './test-kit';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  removeTempDir(dir);
});

// Version 4 rows, written with version 4's SQL: three tickets, two of them tagged.
const FIXTURE_V4 = `
  INSERT INTO tickets (id, number, subject, status, priority, channel, category, tags, requester_id, level, created_at, updated_at)
  VALUES
    ('t1', 1, 'Invoice twice', 'open', 'high', 'email', 'billing', '["invoice","vip"]', 'c1', 'L1', 1, 1),
    ('t2', 2, 'Login fails', 'solved', 'normal', 'web', 'account-access', '[]', 'c1', 'L1', 2, 2),
    ('t3', 3, 'VAT missing', 'new', 'low', 'chat', 'billing', '["invoice"]', 'c1', 'L1', 3, 3);
`;

function tags(db: Db): unknown[] {
  return db.prepare('SELECT tag, ticket_id FROM ticket_tags ORDER BY tag, ticket_id').all();
}

test('fills the tag table from the tickets a version 4 store holds', () => {
  const { db } = migrateFixture(dir, 5, (old) => old.exec(FIXTURE_V4));
  try {
    expect({ version: schemaVersion(db), tags: tags(db) }).toEqual({
      version: 5,
      tags: [
        { tag: 'invoice', ticket_id: 't1' },
        { tag: 'invoice', ticket_id: 't3' },
        { tag: 'vip', ticket_id: 't1' },
      ],
    });
  } finally {
    db.close();
  }
});

test('keeps the tag table in step with every write of tickets.tags: insert, update, upsert, delete', () => {
  const { db } = migrateFixture(dir, 5, (old) => old.exec(FIXTURE_V4));
  try {
    const steps: Record<string, unknown[]> = {};
    db.exec(`INSERT INTO tickets (id, subject, status, priority, channel, tags, requester_id, level, created_at, updated_at)
      VALUES ('t4', 'New', 'new', 'low', 'web', '["printer","printer"]', 'c1', 'L1', 4, 4)`);
    steps.inserted = tags(db);
    db.exec(`UPDATE tickets SET tags = '["vip"]' WHERE id = 't3'`);
    db.exec(`UPDATE tickets SET priority = 'urgent' WHERE id = 't1'`); // tags untouched
    steps.updated = tags(db);
    // A pulled ticket is written as an upsert (queries/sync-apply.ts).
    db.exec(`INSERT INTO tickets (id, subject, status, priority, channel, tags, requester_id, level, created_at, updated_at)
      VALUES ('t2', 'Login fails', 'open', 'normal', 'web', '["login"]', 'c1', 'L1', 2, 9)
      ON CONFLICT (id) DO UPDATE SET tags = excluded.tags, status = excluded.status`);
    steps.upserted = tags(db);
    db.exec(`DELETE FROM tickets WHERE id IN ('t1', 't4')`);
    steps.deleted = tags(db);
    expect(steps).toEqual({
      inserted: [
        { tag: 'invoice', ticket_id: 't1' },
        { tag: 'invoice', ticket_id: 't3' },
        { tag: 'printer', ticket_id: 't4' },
        { tag: 'vip', ticket_id: 't1' },
      ],
      updated: [
        { tag: 'invoice', ticket_id: 't1' },
        { tag: 'printer', ticket_id: 't4' },
        { tag: 'vip', ticket_id: 't1' },
        { tag: 'vip', ticket_id: 't3' },
      ],
      upserted: [
        { tag: 'invoice', ticket_id: 't1' },
        { tag: 'login', ticket_id: 't2' },
        { tag: 'printer', ticket_id: 't4' },
        { tag: 'vip', ticket_id: 't1' },
        { tag: 'vip', ticket_id: 't3' },
      ],
      deleted: [
        { tag: 'login', ticket_id: 't2' },
        { tag: 'vip', ticket_id: 't3' },
      ],
    });
  } finally {
    db.close();
  }
});

test('finds the tickets of a category, newest first, in the category index', () => {
  const { db } = migrateFixture(dir, 5, (old) => old.exec(FIXTURE_V4));
  try {
    const sql = 'SELECT id FROM tickets WHERE category = ? AND unsolved = 1 ORDER BY updated_at DESC, id DESC';
    const plan = db.prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all('billing').map((row) => row.detail);
    expect({ rows: db.prepare(sql).all('billing'), plan }).toEqual({
      rows: [{ id: 't3' }, { id: 't1' }],
      plan: ['SEARCH tickets USING INDEX tickets_by_category (category=? AND unsolved=?)'],
    });
  } finally {
    db.close();
  }
});
