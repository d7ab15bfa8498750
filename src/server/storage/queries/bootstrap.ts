import type { SyncEntity } from '../../../shared/contract/sync-protocol';
import { UNSOLVED_STATUSES } from '../../../shared/domain/ticket';
import type { SqlExecutor, SqlValue } from '../sql-driver';
import type { ChangeRow } from './change-log';
import { placeholders, unindexed } from './sql';

/**
 * The steps of a bootstrap (a pull from the beginning), in the order a new desktop receives them:
 * what the agent needs first comes first. The team (names on everything) and the escalation
 * matrix in force, then the agent's own
 * queue: unsolved tickets assigned to them and unassigned ones of their group, their requesters
 * and organisations, their threads; then everything, the queue again included.
 */
export const BOOTSTRAP_STEPS = ['team', 'queue-tickets', 'queue-customers', 'queue-organisations', 'queue-messages', 'everything'] as const;
export type BootstrapStep = (typeof BOOTSTRAP_STEPS)[number];

// The matrix in force comes with the team: the queue's due times are computed under it.
const TEAM: readonly SyncEntity[] = ['level', 'group', 'agent', 'matrix-version'];

/** The entity kinds each step sends (a role that does not read one skips it). */
const STEP_ENTITIES: Record<Exclude<BootstrapStep, 'everything'>, readonly SyncEntity[]> = {
  team: TEAM,
  'queue-tickets': ['ticket'],
  'queue-customers': ['customer'],
  'queue-organisations': ['organisation'],
  'queue-messages': ['message'],
};

/**
 * The agent's queue: unsolved tickets assigned to them, and unassigned ones of their group (two
 * branches, each served by `tickets_by_queue`). Binds the statuses, the agent's id, the statuses
 * again and the agent's id again.
 */
const QUEUE = `SELECT t.id, t.requester_id, t.organisation_id FROM tickets t
    WHERE t.assignee_id = ? AND t.status IN (${placeholders(UNSOLVED_STATUSES.length)})
  UNION ALL
  SELECT t.id, t.requester_id, t.organisation_id FROM tickets t
    WHERE t.assignee_id IS NULL AND t.group_id = (SELECT a.group_id FROM agents a WHERE a.id = ?) AND t.status IN (${placeholders(UNSOLVED_STATUSES.length)})`;

/** The keys of a queue step, from the queue `q`. */
const QUEUE_KEYS: Record<Exclude<BootstrapStep, 'team' | 'everything'>, string> = {
  'queue-tickets': 'SELECT q.id AS entity_key FROM queue q',
  'queue-customers': 'SELECT DISTINCT q.requester_id AS entity_key FROM queue q',
  'queue-organisations': 'SELECT DISTINCT q.organisation_id AS entity_key FROM queue q WHERE q.organisation_id IS NOT NULL',
  'queue-messages': 'SELECT m.id AS entity_key FROM queue q JOIN messages m ON m.ticket_id = q.id',
};

/**
 * A change `readerId` receives that no later change they receive replaces: the latest value of
 * each key as this reader sees it (a personal view's owner and everyone else may see different
 * latest changes of one key).
 */
const LATEST_FOR_READER = `(c.audience IS NULL OR c.audience = ?)
  AND NOT EXISTS (SELECT 1 FROM change_log later WHERE later.entity = c.entity AND later.entity_key = c.entity_key
                  AND later.id > c.id AND (later.audience IS NULL OR later.audience = ?))`;

interface ChangeDbRow {
  id: number;
  entity: string;
  entity_key: string;
  op: string;
  value: string | null;
  committed_at: number;
}

/**
 * One step's changes after log position `afterId`, in log order: the latest value of each key of
 * the step that `readerId` may read. The queue steps send upserts only (a desktop that bootstraps
 * has nothing to delete; a rebuild sweeps what it did not receive); "everything" sends deletes too,
 * because a bootstrap spans many pages, each read in its own snapshot: a key sent on one page and
 * deleted before the last one has a tombstone as its latest change, and without it the desktop
 * would keep the key for good (the cursor ends at the head, past the tombstone). `entities` are
 * the kinds the reader's role receives.
 */
export async function listBootstrapChanges(
  db: SqlExecutor,
  step: BootstrapStep,
  afterId: number,
  entities: readonly SyncEntity[],
  limit: number,
  readerId: string,
): Promise<ChangeRow[]> {
  const kinds = step === 'everything' ? entities : STEP_ENTITIES[step].filter((entity) => entities.includes(entity));
  if (kinds.length === 0) return [];
  const columns = 'c.id, c.entity, c.entity_key, c.op, c.value, c.committed_at';
  const tail = `c.id > ? ${step === 'everything' ? '' : "AND c.op = 'upsert' "}AND ${LATEST_FOR_READER} ORDER BY c.id LIMIT ?`;
  let sql: string;
  let params: SqlValue[];
  if (step === 'team' || step === 'everything') {
    sql = `SELECT ${columns} FROM change_log c WHERE ${unindexed(db, 'c.entity')} IN (${placeholders(kinds.length)}) AND ${tail}`;
    params = [...kinds, afterId, readerId, readerId, limit];
  } else {
    // The agent's few keys first, each looked up in the log (a CROSS JOIN keeps that order on SQLite).
    sql = `WITH queue AS MATERIALIZED (${QUEUE}), queue_keys AS MATERIALIZED (${QUEUE_KEYS[step]})
      SELECT ${columns} FROM queue_keys k CROSS JOIN change_log c
      WHERE c.entity = ? AND c.entity_key = k.entity_key AND ${tail}`;
    params = [readerId, ...UNSOLVED_STATUSES, readerId, ...UNSOLVED_STATUSES, kinds[0]!, afterId, readerId, readerId, limit];
  }
  const rows = await db.all<ChangeDbRow>(sql, params);
  return rows.map((row) => ({
    id: row.id,
    entity: row.entity as SyncEntity,
    entityKey: row.entity_key,
    op: row.op as ChangeRow['op'],
    value: row.value,
    committedAt: row.committed_at,
  }));
}
