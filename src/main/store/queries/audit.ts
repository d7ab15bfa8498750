import { stmt, type Db } from '../db';

/** One change, as the audit log keeps it. */
export interface AuditEvent {
  entity: string;
  entityId: string;
  action: string;
  actorId: string | null;
  at: number;
  data: unknown;
}

export function insertAuditEvent(db: Db, event: AuditEvent): void {
  stmt(db, 'INSERT INTO audit_events (entity, entity_id, action, actor_id, at, data) VALUES (?, ?, ?, ?, ?, ?)').run(
    event.entity,
    event.entityId,
    event.action,
    event.actorId,
    event.at,
    JSON.stringify(event.data),
  );
}

/** The audit trail of one entity, oldest first. */
export function listAuditEvents(db: Db, entityId: string): AuditEvent[] {
  return stmt<[string], { entity: string; entity_id: string; action: string; actor_id: string | null; at: number; data: string }>(
    db,
    'SELECT entity, entity_id, action, actor_id, at, data FROM audit_events WHERE entity_id = ? ORDER BY at, id',
  )
    .all(entityId)
    .map((row) => ({
      entity: row.entity,
      entityId: row.entity_id,
      action: row.action,
      actorId: row.actor_id,
      at: row.at,
      data: JSON.parse(row.data) as unknown,
    }));
}
