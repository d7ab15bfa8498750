import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStore, schemaVersion } from '../db';
import { makeTempDir, removeTempDir } from '../test-builders';
import { migration001 } from './001-initial';
import { migrateFixture, schemaShape, type SchemaShape } from './test-kit';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  removeTempDir(dir);
});

// Migration 001 is shipped: this is its schema, column by column. A change here means the
// migration was edited instead of a new one being added.
const SCHEMA_V1: SchemaShape = {
  tables: {
    agents: ['id', 'name', 'email', 'role', 'group_id', 'time_zone', 'language', 'updated_at', 'deleted_at'],
    audit_events: ['id', 'entity', 'entity_id', 'action', 'actor_id', 'at', 'data'],
    calls: [
      'id',
      'direction',
      'caller_number',
      'customer_id',
      'agent_id',
      'ticket_id',
      'queued_at',
      'answered_at',
      'ended_at',
      'outcome',
      'notes',
      'updated_at',
      'deleted_at',
    ],
    customers: [
      'id',
      'name',
      'email',
      'phones',
      'organisation_id',
      'plan',
      'time_zone',
      'language',
      'proficiency',
      'opt_outs',
      'created_at',
      'updated_at',
      'deleted_at',
    ],
    groups: ['id', 'name', 'level', 'updated_at', 'deleted_at'],
    messages: [
      'id',
      'ticket_id',
      'kind',
      'author_type',
      'author_id',
      'author_name',
      'channel',
      'body_format',
      'body',
      'attachments',
      'created_at',
      'updated_at',
      'deleted_at',
    ],
    meta: ['key', 'value'],
    organisations: ['id', 'name', 'plan', 'domain', 'created_at', 'updated_at', 'deleted_at'],
    outbox: ['seq', 'mutation_id', 'client_id', 'name', 'args', 'before', 'created_at'],
    support_levels: ['level', 'name', 'scope', 'updated_at', 'deleted_at'],
    tickets: [
      'id',
      'number',
      'subject',
      'status',
      'priority',
      'channel',
      'category',
      'tags',
      'requester_id',
      'organisation_id',
      'assignee_id',
      'group_id',
      'level',
      'created_at',
      'updated_at',
      'solved_at',
      'deleted_at',
      'unsolved',
    ],
  },
  indexes: {
    audit_events_by_entity: { table: 'audit_events', columns: ['entity_id', 'at'], unique: false },
    calls_by_ticket: { table: 'calls', columns: ['ticket_id', 'queued_at'], unique: false },
    customers_by_organisation: { table: 'customers', columns: ['organisation_id'], unique: false },
    messages_by_ticket: { table: 'messages', columns: ['ticket_id', 'created_at'], unique: false },
    tickets_by_assignee: { table: 'tickets', columns: ['assignee_id', 'unsolved', 'updated_at', 'id'], unique: false },
    tickets_by_level: { table: 'tickets', columns: ['level', 'unsolved', 'updated_at', 'id'], unique: false },
    tickets_by_requester: { table: 'tickets', columns: ['requester_id', 'updated_at'], unique: false },
    tickets_by_status: { table: 'tickets', columns: ['status', 'updated_at', 'id'], unique: false },
    tickets_by_unsolved: { table: 'tickets', columns: ['unsolved', 'updated_at', 'id'], unique: false },
    tickets_by_updated: { table: 'tickets', columns: ['updated_at', 'id'], unique: false },
  },
};

test('creates every table and index of the initial schema when the file is new', () => {
  const db = openStore(path.join(dir, 'new.db'), { migrations: [migration001] });
  try {
    expect({ version: schemaVersion(db), schema: schemaShape(db) }).toEqual({ version: 1, schema: SCHEMA_V1 });
  } finally {
    db.close();
  }
});

test('migrates a version 0 file to version 1 and backs the version 0 file up first', () => {
  // The fixture of version 0: a valid SQLite file with no schema of ours.
  const { file, db, backups } = migrateFixture(dir, 1, () => {});
  try {
    expect({ version: schemaVersion(db), schema: schemaShape(db), backups: backups.map((b) => path.basename(b)) }).toEqual({
      version: 1,
      schema: SCHEMA_V1,
      backups: [`${path.basename(file)}.v0-1700000000000.bak`],
    });
  } finally {
    db.close();
  }
  const backup = new Database(backups[0] ?? '', { readonly: true, fileMustExist: true });
  try {
    expect({ version: backup.pragma('user_version', { simple: true }), schema: schemaShape(backup) }).toEqual({
      version: 0,
      schema: { tables: {}, indexes: {} },
    });
  } finally {
    backup.close();
  }
  expect(fs.existsSync(file)).toBe(true);
});

test('marks the tickets of open statuses as unsolved through the generated column', () => {
  const db = openStore(path.join(dir, 'unsolved.db'), { migrations: [migration001] });
  try {
    const insert = db.prepare(
      `INSERT INTO tickets (id, subject, status, priority, channel, requester_id, level, created_at, updated_at)
       VALUES (?, 's', ?, 'normal', 'email', 'r', 'L1', 0, 0)`,
    );
    for (const status of ['new', 'open', 'pending', 'on-hold', 'solved', 'closed']) insert.run(status, status);
    expect(db.prepare('SELECT status, unsolved FROM tickets ORDER BY rowid').all()).toEqual([
      { status: 'new', unsolved: 1 },
      { status: 'open', unsolved: 1 },
      { status: 'pending', unsolved: 1 },
      { status: 'on-hold', unsolved: 1 },
      { status: 'solved', unsolved: 0 },
      { status: 'closed', unsolved: 0 },
    ]);
  } finally {
    db.close();
  }
});
