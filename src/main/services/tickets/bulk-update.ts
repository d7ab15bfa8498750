import { AppError } from '../../../shared/contract/errors';
import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import { newId } from '../../../shared/domain/ids';
import type { Ticket, TicketFieldsPatch } from '../../../shared/domain/ticket';
import { writeTransaction } from '../../store/db';
import { getTicket } from '../../store/queries/tickets';
import { deleteUndoRecord, getUndoRecord, insertUndoRecord, pruneUndoLog, type UndoTicketEntry } from '../../store/queries/undo-log';
import type { EventBus } from '../event-bus';
import type { ChangeContext } from '../sync/outbox-writer';
import { changedTicketFields } from '../../../shared/domain/ticket-field-change';
import { checkReferences, requireTicket, writeFieldChange } from './ticket-fields';

/** How many bulk edits stay undoable; older undo records are dropped. */
export const UNDO_RECORDS_KEPT = 20;

function pick(ticket: Ticket, keys: readonly string[]): TicketFieldsPatch {
  return Object.fromEntries(keys.map((key) => [key, ticket[key as keyof Ticket]])) as TicketFieldsPatch;
}

function emitChanged(events: EventBus, ticketIds: readonly string[]): void {
  for (const ticketId of ticketIds) events.emit({ name: 'ticket/changed', payload: { ticketId } });
}

/**
 * Sets the same fields on many tickets as one action: one transaction (all or nothing; an
 * unknown ticket refuses the whole edit), and per changed ticket one `ticket/update-fields`
 * mutation, exactly what a single edit writes. Per-ticket mutations, not one batch mutation:
 * the backend already applies them, resolves conflicts per field of each ticket (last writer
 * wins in server order), and rejects a ticket it cannot change (deleted there, say) without
 * rejecting the other 999. The before-images go to the local undo log; the answer's undoId
 * reverts the edit (null when nothing changed).
 */
export function bulkUpdate(ctx: ChangeContext, events: EventBus, input: MethodInput<'ticket/bulk-update'>): MethodOutput<'ticket/bulk-update'> {
  const { db } = ctx;
  const result = writeTransaction(db, () => {
    const at = ctx.now();
    const entries: UndoTicketEntry[] = [];
    const seen = new Set<string>();
    input.ticketIds.forEach((ticketId, i) => {
      const ticket = requireTicket(db, ticketId, `ticketIds.${i}`);
      if (seen.has(ticketId)) return;
      seen.add(ticketId);
      const changed = changedTicketFields(ticket, input.patch);
      if (Object.keys(changed).length === 0) return;
      checkReferences(db, changed);
      writeFieldChange(ctx, ticket, changed, at);
      entries.push({ ticketId, set: changed, before: pick(ticket, Object.keys(changed)) });
    });
    if (entries.length === 0) return { changed: 0, undoId: null, ticketIds: [] };
    const undoId = newId();
    insertUndoRecord(db, { id: undoId, entries, createdAt: at });
    pruneUndoLog(db, UNDO_RECORDS_KEPT);
    return { changed: entries.length, undoId, ticketIds: entries.map((entry) => entry.ticketId) };
  });
  emitChanged(events, result.ticketIds);
  return { changed: result.changed, undoId: result.undoId };
}

/**
 * Reverts a bulk edit in one transaction: each field goes back to its before-value only where
 * the ticket still holds the value the edit set, so a later change (by this agent or synced from
 * another) stays. The revert is an ordinary change: one `ticket/update-fields` mutation per
 * ticket it touches. An undo record is used once.
 */
export function undoBulkUpdate(ctx: ChangeContext, events: EventBus, input: MethodInput<'ticket/undo-bulk-update'>): MethodOutput<'ticket/undo-bulk-update'> {
  const { db } = ctx;
  const reverted = writeTransaction(db, () => {
    const record = getUndoRecord(db, input.undoId);
    if (!record) throw new AppError('not-found', 'This bulk edit can no longer be undone', 'undoId');
    const at = ctx.now();
    const ticketIds: string[] = [];
    for (const entry of record.entries) {
      const ticket = getTicket(db, entry.ticketId);
      if (!ticket) continue;
      const restore: TicketFieldsPatch = {};
      for (const [key, value] of Object.entries(entry.set) as [keyof TicketFieldsPatch, unknown][]) {
        if (JSON.stringify(ticket[key]) === JSON.stringify(value)) Object.assign(restore, { [key]: entry.before[key] });
      }
      // Before-values were valid once: an agent deleted since is still restored, as a single edit would allow.
      const changed = changedTicketFields(ticket, restore);
      if (Object.keys(changed).length === 0) continue;
      writeFieldChange(ctx, ticket, changed, at);
      ticketIds.push(ticket.id);
    }
    deleteUndoRecord(db, record.id);
    return ticketIds;
  });
  emitChanged(events, reverted);
  return { reverted: reverted.length };
}
