import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { schemaVersion } from '../db';
import { makeTempDir, removeTempDir } from '../test-builders';
import { migrateFixture } from './test-kit';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  removeTempDir(dir);
});

// Version 3 rows, written with version 3's SQL: a pending outbox row of a ticket.
const FIXTURE_V3 = `
  INSERT INTO outbox (seq, mutation_id, client_id, name, args, before, created_at)
    VALUES (7, '01890a5d-ac96-774b-bcce-b302099a8011', '01890a5d-ac96-774b-bcce-b302099a8010', 'ticket/update-fields',
      '{"ticketId":"01890a5d-ac96-774b-bcce-b302099a8002","patch":{"priority":"high"},"updatedAt":2}', '{"priority":"normal"}', 2);
`;

test('keeps a version 3 outbox and finds its rows by ticket after migrating', () => {
  const { db, backups, file } = migrateFixture(dir, 4, (old) => old.exec(FIXTURE_V3));
  try {
    const byTicket = db
      .prepare("SELECT seq FROM outbox WHERE json_extract(args, '$.ticketId') = ? AND seq > 0 ORDER BY seq")
      .all('01890a5d-ac96-774b-bcce-b302099a8002');
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT seq FROM outbox WHERE json_extract(args, '$.ticketId') = ? AND seq > 0 ORDER BY seq")
      .all('x')
      .map((row) => (row as { detail: string }).detail);
    expect({
      version: schemaVersion(db),
      backups: backups.map((b) => path.basename(b)),
      byTicket,
      usesIndex: plan.some((detail) => detail.includes('outbox_by_ticket')),
      tables: ['sync_rejections', 'ticket_field_changes', 'sync_seen'].map(
        (name) => db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) as { n: number },
      ),
    }).toEqual({
      version: 4,
      backups: [`${path.basename(file)}.v3-1700000000000.bak`],
      byTicket: [{ seq: 7 }],
      usesIndex: true,
      tables: [{ n: 1 }, { n: 1 }, { n: 1 }],
    });
  } finally {
    db.close();
  }
});

test("finds the field changes that replaced a value of one of this desktop's client ids", () => {
  const { db } = migrateFixture(dir, 4, () => {});
  try {
    db.prepare(
      `INSERT INTO ticket_field_changes (id, ticket_id, field, previous_value, value, changed_by, overwritten, applied_at)
       VALUES ('c1', 't1', 'priority', '"high"', '"urgent"', '{"clientId":"other"}', '{"clientId":"mine"}', 5)`,
    ).run();
    expect(db.prepare("SELECT id FROM ticket_field_changes WHERE overwritten_client_id = 'mine'").all()).toEqual([{ id: 'c1' }]);
  } finally {
    db.close();
  }
});
