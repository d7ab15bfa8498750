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

// Version 2 rows, written with version 2's SQL: an urgent numbered ticket, a low one without a number.
const FIXTURE_V2 = `
  INSERT INTO customers (id, name, email, plan, time_zone, language, proficiency, created_at, updated_at)
    VALUES ('01890a5d-ac96-774b-bcce-b302099a8001', 'Ana Müller', 'ana@example.com', 'business', 'UTC', 'en', 'beginner', 1, 1);
  INSERT INTO tickets (id, number, subject, status, priority, channel, requester_id, level, created_at, updated_at)
    VALUES ('01890a5d-ac96-774b-bcce-b302099a8002', 7, 'Refund for a double charge', 'open', 'urgent', 'email', '01890a5d-ac96-774b-bcce-b302099a8001', 'L1', 1, 2),
           ('01890a5d-ac96-774b-bcce-b302099a8003', NULL, 'Export is slow', 'solved', 'low', 'web', '01890a5d-ac96-774b-bcce-b302099a8001', 'L2', 3, 4);
`;

test('adds the workspace columns with sort keys computed for the tickets a version 2 store holds', () => {
  const { db, backups, file } = migrateFixture(dir, 3, (old) => old.exec(FIXTURE_V2));
  try {
    expect({
      version: schemaVersion(db),
      backups: backups.map((b) => path.basename(b)),
      tickets: db.prepare('SELECT number, due_at, merged_into_id, priority_rank, due_key, number_key, unsolved FROM tickets ORDER BY created_at').all(),
    }).toEqual({
      version: 3,
      backups: [`${path.basename(file)}.v2-1700000000000.bak`],
      tickets: [
        { number: 7, due_at: null, merged_into_id: null, priority_rank: 3, due_key: Number.MAX_SAFE_INTEGER, number_key: 7, unsolved: 1 },
        { number: null, due_at: null, merged_into_id: null, priority_rank: 0, due_key: Number.MAX_SAFE_INTEGER, number_key: Number.MAX_SAFE_INTEGER, unsolved: 0 },
      ],
    });
  } finally {
    db.close();
  }
});

test('creates the workspace tables empty and the indexes the views, threads and pickers walk', () => {
  const { db } = migrateFixture(dir, 3, (old) => old.exec(FIXTURE_V2));
  try {
    const shape = schemaShape(db);
    const added = ['ticket_links', 'views', 'macros', 'drafts', 'undo_log'];
    expect({
      tables: Object.fromEntries(added.map((table) => [table, shape.tables[table]])),
      rows: added.map((table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n),
      indexes: Object.fromEntries(
        Object.entries(shape.indexes).filter(([name]) =>
          [
            'tickets_by_unsolved_created',
            'tickets_by_unsolved_due',
            'tickets_by_unsolved_priority',
            'tickets_by_number',
            'tickets_by_group',
            'tickets_by_organisation',
            'tickets_by_merged_into',
            'tickets_deleted',
            'messages_deleted_by_ticket',
            'customers_by_name',
          ].includes(name),
        ),
      ),
    }).toEqual({
      tables: {
        ticket_links: ['ticket_id', 'other_id', 'kind', 'created_at', 'updated_at', 'deleted_at'],
        views: ['id', 'name', 'scope', 'owner_id', 'filter', 'sort', 'position', 'created_at', 'updated_at', 'deleted_at'],
        macros: ['id', 'name', 'body', 'kind', 'fields', 'language', 'updated_at', 'deleted_at'],
        drafts: ['ticket_id', 'kind', 'body', 'updated_at'],
        undo_log: ['id', 'entries', 'created_at'],
      },
      rows: [0, 0, 0, 0, 0],
      indexes: {
        tickets_by_unsolved_created: { table: 'tickets', columns: ['unsolved', 'created_at', 'id'], unique: false },
        tickets_by_unsolved_due: { table: 'tickets', columns: ['unsolved', 'due_key', 'id'], unique: false },
        tickets_by_unsolved_priority: { table: 'tickets', columns: ['unsolved', 'priority_rank', 'updated_at', 'id'], unique: false },
        tickets_by_number: { table: 'tickets', columns: ['number_key', 'id'], unique: false },
        tickets_by_group: { table: 'tickets', columns: ['group_id', 'unsolved', 'updated_at', 'id'], unique: false },
        tickets_by_organisation: { table: 'tickets', columns: ['organisation_id', 'updated_at', 'id'], unique: false },
        tickets_by_merged_into: { table: 'tickets', columns: ['merged_into_id'], unique: false },
        tickets_deleted: { table: 'tickets', columns: ['deleted_at'], unique: false },
        messages_deleted_by_ticket: { table: 'messages', columns: ['ticket_id', 'created_at'], unique: false },
        customers_by_name: { table: 'customers', columns: ['name'], unique: false },
      },
    });
  } finally {
    db.close();
  }
});
