import { assert } from '../../../shared/contract/errors';
import { newId } from '../../../shared/domain/ids';
import type { Db } from '../../store/db';
import { getMeta, setMeta } from '../../store/queries/meta';
import { insertOutboxEntry } from '../../store/queries/outbox';
import { insertAuditEvent } from '../../store/queries/audit';

/** Who makes local changes: this desktop's client id and the signed-in agent. */
export interface ChangeContext {
  db: Db;
  clientId: string;
  agentId: string | null;
  now: () => number;
}

/** What one local change records besides its effect. */
export interface RecordedChange {
  /** The mutation's name, as the backend will apply it (e.g. `ticket/update-fields`). */
  name: string;
  args: unknown;
  /** The changed rows' fields as they were before, so a rejected change can be rolled back. */
  before: unknown;
  entity: string;
  entityId: string;
  action: string;
  at: number;
  /**
   * Other entities the change touched, each with its own audit event (same data): a merge shows
   * in the history of both tickets, a link in the history of both ends.
   */
  alsoAudits?: readonly { entity: string; entityId: string; action: string }[];
  /** What the audit event records besides the mutation (say, the macro a change came from); never pushed. */
  auditData?: Record<string, unknown>;
}

/** This desktop's client id, made on first use and kept in the store. */
export function ensureClientId(db: Db): string {
  const existing = getMeta(db, 'client_id');
  if (existing) return existing;
  const clientId = newId();
  setMeta(db, 'client_id', clientId);
  setMeta(db, 'next_seq', '1');
  return clientId;
}

/**
 * Writes a change's audit event and outbox mutation. Must run inside the transaction that
 * applies the change's effect, so all three commit together or not at all.
 */
export function recordChange(ctx: ChangeContext, change: RecordedChange): { seq: number; mutationId: string } {
  assert(ctx.db.inTransaction, 'recordChange runs inside the change transaction');
  // Seq numbers are never reused, even after confirmed rows leave the outbox.
  const seq = Number(getMeta(ctx.db, 'next_seq') ?? '1');
  setMeta(ctx.db, 'next_seq', String(seq + 1));
  const mutationId = newId();
  insertOutboxEntry(ctx.db, {
    seq,
    mutationId,
    clientId: ctx.clientId,
    name: change.name,
    args: change.args,
    before: change.before,
    createdAt: change.at,
  });
  const data = { ...change.auditData, args: change.args, before: change.before, seq, mutationId };
  for (const audited of [change, ...(change.alsoAudits ?? [])]) {
    insertAuditEvent(ctx.db, {
      entity: audited.entity,
      entityId: audited.entityId,
      action: audited.action,
      actorId: ctx.agentId,
      at: change.at,
      data,
    });
  }
  return { seq, mutationId };
}
