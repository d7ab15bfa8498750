import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { schemaVersion } from '../db';
import { makeTempDir, removeTempDir } from '../test-builders';
import { migrateFixture, schemaShape } from './test-kit';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  removeTempDir(dir);
});

// Version 5 rows, written with version 5's SQL: an open, a solved and a pending ticket.
const FIXTURE_V5 = `
  INSERT INTO tickets (id, number, subject, status, priority, channel, tags, requester_id, level, created_at, updated_at)
  VALUES
    ('t2', 2, 'Login fails', 'solved', 'normal', 'web', '[]', 'c1', 'L1', 2, 2),
    ('t3', 3, 'VAT missing', 'pending', 'low', 'chat', '[]', 'c1', 'L1', 3, 3),
    ('t1', 1, 'Invoice twice', 'open', 'high', 'email', '[]', 'c1', 'L1', 1, 1);
`;

test('adds the matrix tables and walks a version 5 store\'s unsolved tickets in id order through their own index', () => {
  const { db, backups, file } = migrateFixture(dir, 6, (old) => old.exec(FIXTURE_V5));
  try {
    // The walk of queries/sla-inputs.ts (it names the index: a store without statistics may not pick it).
    const walk = 'SELECT id FROM tickets INDEXED BY tickets_unsolved_by_id WHERE unsolved = 1 AND id > ? ORDER BY id LIMIT 10';
    const shape = schemaShape(db);
    expect({
      version: schemaVersion(db),
      backups: backups.map((backup) => path.basename(backup)),
      tables: ['matrix_versions', 'matrix_drafts', 'notifications'].map((name) => shape.tables[name]),
      index: shape.indexes.tickets_unsolved_by_id,
      walk: db.prepare(walk).all(''),
      plan: (db.prepare(`EXPLAIN QUERY PLAN ${walk}`).all('') as { detail: string }[]).map((row) => row.detail),
    }).toEqual({
      version: 6,
      backups: [`${path.basename(file)}.v5-1700000000000.bak`],
      tables: [
        ['version', 'author_id', 'author_name', 'saved_at', 'published_at', 'change_summary', 'based_on_version', 'document', 'origin', 'mutation_id'],
        ['agent_id', 'document', 'based_on_version', 'saved_at'],
        ['id', 'recipient_id', 'ticket_id', 'created_at', 'value'],
      ],
      index: { table: 'tickets', columns: ['id'], unique: false },
      walk: [{ id: 't1' }, { id: 't3' }],
      plan: ['SEARCH tickets USING INDEX tickets_unsolved_by_id (id>?)'],
    });
  } finally {
    db.close();
  }
});
