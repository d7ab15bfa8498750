import type { SyncEntity } from '../../../shared/contract/sync-protocol';
import type { SqlExecutor, SqlValue } from '../sql-driver';
import { insertRows, placeholders, unindexed } from './sql';

/** One row of the change log: an upsert with the value's JSON, or a tombstone. */
export interface ChangeRow {
  id: number;
  entity: SyncEntity;
  entityKey: string;
  op: 'upsert' | 'delete';
  /** JSON text of the value; null for a tombstone. */
  value: string | null;
  committedAt: number;
  /** The one account that may read this change (a personal view); null or absent: every reader of the entity. */
  audience?: string | null;
}

interface ChangeDbRow {
  id: number;
  entity: string;
  entity_key: string;
  op: string;
  value: string | null;
  committed_at: number;
}

/** The change log's columns, in the order {@link insertChanges} binds them. */
export const CHANGE_COLUMNS = ['id', 'entity', 'entity_key', 'op', 'value', 'committed_at', 'audience'];

/** Appends changes to the log (their ids are already taken from the counter). */
export async function insertChanges(db: SqlExecutor, changes: readonly ChangeRow[]): Promise<void> {
  await insertRows(db, 'change_log', CHANGE_COLUMNS, changes.map(changeValues));
}

/** A change's values in {@link CHANGE_COLUMNS} order. */
export function changeValues(change: ChangeRow): SqlValue[] {
  return [change.id, change.entity, change.entityKey, change.op, change.value, change.committedAt, change.audience ?? null];
}

/** The changes after `afterId` of the given entity kinds that `readerId` may read, in commit order. */
export async function listChanges(db: SqlExecutor, afterId: number, entities: readonly SyncEntity[], limit: number, readerId: string): Promise<ChangeRow[]> {
  if (entities.length === 0) return [];
  const rows = await db.all<ChangeDbRow>(
    `SELECT id, entity, entity_key, op, value, committed_at FROM change_log
     WHERE id > ? AND ${unindexed(db, 'entity')} IN (${placeholders(entities.length)}) AND (audience IS NULL OR audience = ?) ORDER BY id LIMIT ?`,
    [afterId, ...entities, readerId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    entity: row.entity as SyncEntity,
    entityKey: row.entity_key,
    op: row.op as ChangeRow['op'],
    value: row.value,
    committedAt: row.committed_at,
  }));
}

/**
 * Removes what a client that is up to date no longer needs, from changes committed before
 * `before`: values a later change of the same key replaced, tombstones, and field-history entries
 * (notices). The latest upsert of every live entity stays, so a pull from the beginning still
 * rebuilds the whole state. Answers the highest position removed (0 if none).
 */
export async function pruneChanges(db: SqlExecutor, before: number): Promise<{ removed: number; highestRemoved: number }> {
  const doomed = `
    committed_at < ? AND (
      op = 'delete'
      OR entity = 'ticket-field-change'
      OR EXISTS (SELECT 1 FROM change_log AS later
                 WHERE later.entity = change_log.entity AND later.entity_key = change_log.entity_key AND later.id > change_log.id)
    )`;
  const highest = await db.get<{ id: number | null }>(`SELECT max(id) AS id FROM change_log WHERE ${doomed}`, [before]);
  const removed = await db.run(`DELETE FROM change_log WHERE ${doomed}`, [before]);
  return { removed, highestRemoved: highest?.id ?? 0 };
}
