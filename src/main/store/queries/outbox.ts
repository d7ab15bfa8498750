import { stmt, type Db } from '../db';

/** A local mutation waiting to be pushed: per-client `seq`, a unique `mutationId`, the before-image. */
export interface OutboxEntry {
  seq: number;
  mutationId: string;
  clientId: string;
  name: string;
  args: unknown;
  before: unknown;
  createdAt: number;
}

interface OutboxDbRow {
  seq: number;
  mutation_id: string;
  client_id: string;
  name: string;
  args: string;
  before: string | null;
  created_at: number;
}

export function insertOutboxEntry(db: Db, entry: OutboxEntry): void {
  stmt(
    db,
    'INSERT INTO outbox (seq, mutation_id, client_id, name, args, before, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    entry.seq,
    entry.mutationId,
    entry.clientId,
    entry.name,
    JSON.stringify(entry.args),
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.createdAt,
  );
}

/** Pending mutations in seq order. */
export function listOutbox(db: Db, limit = 1000): OutboxEntry[] {
  return stmt<[number], OutboxDbRow>(
    db,
    'SELECT seq, mutation_id, client_id, name, args, before, created_at FROM outbox ORDER BY seq LIMIT ?',
  )
    .all(limit)
    .map((row) => ({
      seq: row.seq,
      mutationId: row.mutation_id,
      clientId: row.client_id,
      name: row.name,
      args: JSON.parse(row.args) as unknown,
      before: row.before === null ? null : (JSON.parse(row.before) as unknown),
      createdAt: row.created_at,
    }));
}
