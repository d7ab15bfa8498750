import { stmt, type Db } from '../db';
import type { View, ViewFilter, ViewSort } from '../../../shared/domain/view';

/** A saved view as stored; filter and sort are JSON. */
export interface ViewDbRow {
  id: string;
  name: string;
  scope: string;
  owner_id: string | null;
  filter: string;
  sort: string;
  position: number;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, name, scope, owner_id, filter, sort, position, created_at, updated_at';

/** A saved view as the service handles it: the view and when it was made and last changed. */
export interface SavedView {
  view: View;
  createdAt: number;
  updatedAt: number;
}

export function viewFromRow(row: ViewDbRow): SavedView {
  return {
    view: {
      id: row.id,
      name: row.name,
      scope: row.scope as View['scope'],
      ownerId: row.owner_id,
      filter: JSON.parse(row.filter) as ViewFilter,
      sort: JSON.parse(row.sort) as ViewSort,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function viewToRow(saved: SavedView): ViewDbRow {
  return {
    id: saved.view.id,
    name: saved.view.name ?? '',
    scope: saved.view.scope,
    owner_id: saved.view.ownerId,
    filter: JSON.stringify(saved.view.filter),
    sort: JSON.stringify(saved.view.sort),
    position: 0,
    created_at: saved.createdAt,
    updated_at: saved.updatedAt,
  };
}

/** The saved views an agent sees: the team's shared ones and their own personal ones, by name. */
export function listVisibleViews(db: Db, agentId: string | null): SavedView[] {
  return stmt<[string], ViewDbRow>(
    db,
    `SELECT ${COLUMNS} FROM views WHERE deleted_at IS NULL AND (scope = 'shared' OR (scope = 'personal' AND owner_id = ?))
     ORDER BY position, name COLLATE NOCASE, id`,
  )
    .all(agentId ?? '')
    .map(viewFromRow);
}

/** A live saved view by id, whoever owns it. */
export function getSavedView(db: Db, id: string): SavedView | undefined {
  const row = stmt<[string], ViewDbRow>(db, `SELECT ${COLUMNS} FROM views WHERE id = ? AND deleted_at IS NULL`).get(id);
  return row && viewFromRow(row);
}

/**
 * The id of another live view in the same namespace with the same name, in any letter case:
 * shared views share one namespace, personal views one per owner.
 */
export function findViewNamed(db: Db, name: string, scope: 'personal' | 'shared', ownerId: string | null, exceptId: string): string | undefined {
  return stmt<[{ name: string; scope: string; ownerId: string; exceptId: string }], { id: string }>(
    db,
    `SELECT id FROM views WHERE name = @name COLLATE NOCASE AND scope = @scope AND deleted_at IS NULL AND id <> @exceptId
       AND (@scope = 'shared' OR owner_id = @ownerId) LIMIT 1`,
  ).get({ name, scope, ownerId: ownerId ?? '', exceptId })?.id;
}

/** Inserts a saved view, or rewrites it when its id exists. */
export function upsertView(db: Db, saved: SavedView): void {
  stmt<[ViewDbRow]>(
    db,
    `INSERT INTO views (${COLUMNS}) VALUES (@id, @name, @scope, @owner_id, @filter, @sort, @position, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, scope = excluded.scope, owner_id = excluded.owner_id,
       filter = excluded.filter, sort = excluded.sort, updated_at = excluded.updated_at, deleted_at = NULL`,
  ).run(viewToRow(saved));
}

/** Tombstones a saved view. */
export function deleteView(db: Db, id: string, at: number): void {
  stmt(db, 'UPDATE views SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, at, id);
}
