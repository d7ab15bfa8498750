import type { SyncEntity } from '../../../shared/contract/sync-protocol';
import type { SqlExecutor, SqlValue } from '../sql-driver';
import { placeholders } from './sql';

/** One row of the change log: an upsert with the value's JSON, or a tombstone. */
export interface ChangeRow {
  id: number;
  entity: SyncEntity;
  entityKey: string;
  op: 'upsert' | 'delete';
  /** JSON text of the value; null for a tombstone. */
  value: string | null;
  committedAt: number;
}

interface ChangeDbRow {
  id: number;
  entity: string;
  entity_key: string;
  op: string;
  value: string | null;
  committed_at: number;
}

/** Rows per multi-row INSERT (well under both engines' limits on bound values). */
const ROWS_PER_INSERT = 200;

/** Appends changes to the log (their ids are already taken from the counter). */
export async function insertChanges(db: SqlExecutor, changes: readonly ChangeRow[]): Promise<void> {
  for (let start = 0; start < changes.length; start += ROWS_PER_INSERT) {
    const chunk = changes.slice(start, start + ROWS_PER_INSERT);
    const values: SqlValue[] = [];
    for (const change of chunk) values.push(change.id, change.entity, change.entityKey, change.op, change.value, change.committedAt);
    const rows = chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
    await db.run(`INSERT INTO change_log (id, entity, entity_key, op, value, committed_at) VALUES ${rows}`, values);
  }
}

/** The changes after `afterId` of the given entity kinds, in commit order. */
export async function listChanges(db: SqlExecutor, afterId: number, entities: readonly SyncEntity[], limit: number): Promise<ChangeRow[]> {
  if (entities.length === 0) return [];
  const rows = await db.all<ChangeDbRow>(
    `SELECT id, entity, entity_key, op, value, committed_at FROM change_log
     WHERE id > ? AND entity IN (${placeholders(entities.length)}) ORDER BY id LIMIT ?`,
    [afterId, ...entities, limit],
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
