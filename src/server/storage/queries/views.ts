import type { SavedViewScope, SavedViewValue, ViewFilter, ViewSort } from '../../../shared/domain/view';
import type { SqlExecutor } from '../sql-driver';
import { forUpdate, json, parseJson } from './sql';

/** A saved view as the backend keeps it: the synced value and, once deleted, when. */
export interface StoredView {
  view: SavedViewValue;
  deletedAt: number | null;
}

interface ViewRow {
  id: string;
  name: string;
  scope: string;
  owner_id: string;
  filter: string;
  sort: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

const COLUMNS = 'id, name, scope, owner_id, filter, sort, created_at, updated_at, deleted_at';

function viewFromRow(row: ViewRow): StoredView {
  return {
    view: {
      id: row.id,
      name: row.name,
      scope: row.scope as SavedViewScope,
      ownerId: row.owner_id,
      filter: parseJson<ViewFilter>(row.filter),
      sort: parseJson<ViewSort>(row.sort),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
    deletedAt: row.deleted_at,
  };
}

/** A view by id, deleted ones included; with `lock`, its row stays locked until the transaction ends (PostgreSQL). */
export async function getView(db: SqlExecutor, id: string, lock = false): Promise<StoredView | undefined> {
  const row = await db.get<ViewRow>(`SELECT ${COLUMNS} FROM views WHERE id = ?${lock ? forUpdate(db) : ''}`, [id]);
  return row && viewFromRow(row);
}

export async function upsertView(db: SqlExecutor, view: SavedViewValue): Promise<void> {
  await db.run(
    `INSERT INTO views (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, scope = excluded.scope, owner_id = excluded.owner_id,
       filter = excluded.filter, sort = excluded.sort, created_at = excluded.created_at, updated_at = excluded.updated_at, deleted_at = NULL`,
    [view.id, view.name, view.scope, view.ownerId, json(view.filter), json(view.sort), view.createdAt, view.updatedAt],
  );
}

/** Marks a view deleted (its row stays as a tombstone). */
export async function tombstoneView(db: SqlExecutor, id: string, at: number): Promise<void> {
  await db.run('UPDATE views SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL', [at, at, id]);
}

/**
 * Another live view with the same name in the same namespace, in any letter case: shared views
 * share one namespace, personal views have one per owner.
 */
export async function findViewNamed(db: SqlExecutor, name: string, scope: SavedViewScope, ownerId: string, exceptId: string): Promise<string | undefined> {
  const row = await db.get<{ id: string }>(
    `SELECT id FROM views WHERE scope = ? AND lower(name) = lower(?) AND deleted_at IS NULL AND id <> ?
       AND (scope = 'shared' OR owner_id = ?) LIMIT 1`,
    [scope, name, exceptId, ownerId],
  );
  return row?.id;
}
