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

// Version 1 rows, written with version 1's SQL.
const FIXTURE_V1 = `
  INSERT INTO customers (id, name, email, plan, time_zone, language, proficiency, created_at, updated_at)
    VALUES ('01890a5d-ac96-774b-bcce-b302099a8001', 'Ana Müller', 'ana@example.com', 'business', 'UTC', 'en', 'beginner', 1, 1);
  INSERT INTO tickets (id, subject, status, priority, channel, requester_id, level, created_at, updated_at)
    VALUES ('01890a5d-ac96-774b-bcce-b302099a8002', 'Refund for a double charge', 'open', 'normal', 'email', '01890a5d-ac96-774b-bcce-b302099a8001', 'L1', 1, 1);
  INSERT INTO messages (id, ticket_id, kind, author_type, author_name, channel, body_format, body, created_at, updated_at)
    VALUES ('01890a5d-ac96-774b-bcce-b302099a8003', '01890a5d-ac96-774b-bcce-b302099a8002', 'reply', 'customer', 'Ana', 'email', 'markdown', 'I cannot log in to the café portal', 1, 1);
`;

function matches(db: ReturnType<typeof migrateFixture>['db'], index: string, query: string): number[] {
  // Index names are this test's constants.
  return db
    .prepare<[string], { rowid: number }>(`SELECT rowid FROM ${index} WHERE ${index} MATCH ? ORDER BY rowid`)
    .all(query)
    .map((row) => row.rowid);
}

test('indexes the subjects, messages and customers a version 1 store already holds', () => {
  const { db, backups, file } = migrateFixture(dir, 2, (old) => old.exec(FIXTURE_V1));
  try {
    expect({
      version: schemaVersion(db),
      backups: backups.map((b) => path.basename(b)),
      subject: matches(db, 'tickets_search', '"refund"'),
      message: matches(db, 'messages_search', '"cafe"'),
      customerByName: matches(db, 'customers_search', '"muller"'),
      customerByEmail: matches(db, 'customers_search', '"ana@example.com"'),
    }).toEqual({
      version: 2,
      backups: [`${path.basename(file)}.v1-1700000000000.bak`],
      subject: [1],
      message: [1],
      customerByName: [1],
      customerByEmail: [1],
    });
  } finally {
    db.close();
  }
});

test('keeps the indexes in step with inserts, subject edits and deletes after migrating', () => {
  const { db } = migrateFixture(dir, 2, (old) => old.exec(FIXTURE_V1));
  try {
    db.exec(`UPDATE tickets SET subject = 'Invoice shows the wrong VAT rate' WHERE rowid = 1`);
    db.exec(`INSERT INTO messages (id, ticket_id, kind, author_type, author_name, channel, body_format, body, created_at, updated_at)
      VALUES ('01890a5d-ac96-774b-bcce-b302099a8004', '01890a5d-ac96-774b-bcce-b302099a8002', 'note', 'agent', 'Ada', 'email', 'markdown', 'Refund started', 2, 2)`);
    db.exec(`DELETE FROM messages WHERE rowid = 1`);
    expect({
      oldSubject: matches(db, 'tickets_search', '"refund"'),
      newSubject: matches(db, 'tickets_search', '"vat"'),
      deletedMessage: matches(db, 'messages_search', '"cafe"'),
      newMessage: matches(db, 'messages_search', '"refund"'),
    }).toEqual({ oldSubject: [], newSubject: [1], deletedMessage: [], newMessage: [2] });
    for (const index of ['tickets_search', 'messages_search', 'customers_search']) {
      db.exec(`INSERT INTO ${index} (${index}, rank) VALUES ('integrity-check', 1)`);
    }
  } finally {
    db.close();
  }
});
