import type { SqlExecutor } from '../sql-driver';
import { json } from './sql';

/** One audited action of an account (admin actions, sign-ins). */
export interface AuditEvent {
  id: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  at: number;
  data: Record<string, unknown>;
}

export async function insertAuditEvent(db: SqlExecutor, event: AuditEvent): Promise<void> {
  await db.run('INSERT INTO audit_events (id, actor_id, action, entity, entity_id, at, data) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    event.id,
    event.actorId,
    event.action,
    event.entity,
    event.entityId,
    event.at,
    json(event.data),
  ]);
}

export async function listAuditEvents(db: SqlExecutor, entityId: string): Promise<Omit<AuditEvent, 'data'>[]> {
  return (
    await db.all<{ id: string; actor_id: string | null; action: string; entity: string; entity_id: string; at: number }>(
      'SELECT id, actor_id, action, entity, entity_id, at FROM audit_events WHERE entity_id = ? ORDER BY at, id',
      [entityId],
    )
  ).map((row) => ({ id: row.id, actorId: row.actor_id, action: row.action, entity: row.entity, entityId: row.entity_id, at: row.at }));
}
