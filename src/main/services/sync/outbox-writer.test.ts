import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { BugError } from '../../../shared/contract/errors';
import { openStore, type Db } from '../../store/db';
import { listAuditEvents } from '../../store/queries/audit';
import { getMeta } from '../../store/queries/meta';
import { listOutbox } from '../../store/queries/outbox';
import { makeTempDir, removeTempDir } from '../../store/test-builders';
import { ensureClientId, recordChange, type ChangeContext, type RecordedChange } from './outbox-writer';

let dir: string;
let file: string;
let db: Db;
beforeEach(() => {
  dir = makeTempDir();
  file = path.join(dir, 'support-console.db');
  db = openStore(file);
});
afterEach(() => {
  db.close();
  removeTempDir(dir);
});

const change: RecordedChange = {
  name: 'ticket/update-fields',
  args: { ticketId: 't1', patch: { priority: 'high' }, updatedAt: 2000 },
  before: { priority: 'normal', updatedAt: 1000, solvedAt: null },
  entity: 'ticket',
  entityId: 't1',
  action: 'fields-updated',
  at: 2000,
};

test('keeps the client id it made when the store is opened again', () => {
  const first = ensureClientId(db);
  db.close();
  db = openStore(file);
  expect({ again: ensureClientId(db), nextSeq: getMeta(db, 'next_seq') }).toEqual({ again: first, nextSeq: '1' });
});

test('refuses to record a change outside a transaction, writing nothing', () => {
  const ctx: ChangeContext = { db, clientId: ensureClientId(db), agentId: null, now: () => 2000 };
  let error: unknown;
  try {
    recordChange(ctx, change);
  } catch (caught) {
    error = caught;
  }
  expect({ isBug: error instanceof BugError, outbox: listOutbox(db), audit: listAuditEvents(db, 't1') }).toEqual({
    isBug: true,
    outbox: [],
    audit: [],
  });
});

test('writes the outbox row and the audit event with the same seq and mutation id', () => {
  const ctx: ChangeContext = { db, clientId: ensureClientId(db), agentId: 'agent-1', now: () => 2000 };
  const recorded = db.transaction(() => recordChange(ctx, change))();
  expect({ recorded, outbox: listOutbox(db), audit: listAuditEvents(db, 't1') }).toEqual({
    recorded: { seq: 1, mutationId: expect.any(String) },
    outbox: [
      {
        seq: 1,
        mutationId: recorded.mutationId,
        clientId: ctx.clientId,
        name: 'ticket/update-fields',
        args: change.args,
        before: change.before,
        createdAt: 2000,
      },
    ],
    audit: [
      {
        entity: 'ticket',
        entityId: 't1',
        action: 'fields-updated',
        actorId: 'agent-1',
        at: 2000,
        data: { args: change.args, before: change.before, seq: 1, mutationId: recorded.mutationId },
      },
    ],
  });
});

test('gives back the seq of a change that was rolled back, so seqs stay gapless', () => {
  // The counter lives in the same transaction as the change: a rolled-back change takes no seq.
  const ctx: ChangeContext = { db, clientId: ensureClientId(db), agentId: null, now: () => 2000 };
  expect(() =>
    db.transaction(() => {
      recordChange(ctx, change);
      throw new Error('the effect failed');
    })(),
  ).toThrow('the effect failed');
  const recorded = db.transaction(() => recordChange(ctx, change))();
  expect({ seq: recorded.seq, seqs: listOutbox(db).map((row) => row.seq) }).toEqual({ seq: 1, seqs: [1] });
});
