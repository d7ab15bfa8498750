import { AppError } from '../../../shared/contract/errors';
import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import { newId } from '../../../shared/domain/ids';
import { applyTagEdit, MAX_TICKET_TAGS, type Ticket, type TicketFieldsPatch } from '../../../shared/domain/ticket';
import { changedTicketFields } from '../../../shared/domain/ticket-field-change';
import { describeError, logger } from '../../log';
import { writeTransaction, type Db } from '../../store/db';
import { deleteMeta, getMeta, setMeta } from '../../store/queries/meta';
import { getTicket } from '../../store/queries/tickets';
import { deleteUndoRecord, getUndoRecord, pruneUndoLog, saveUndoRecord, type UndoRecord, type UndoTicketEntry } from '../../store/queries/undo-log';
import type { EventBus } from '../event-bus';
import { DEFAULT_PACING, forEachInSlices, type SlicePacing } from '../sliced-work';
import type { ChangeContext } from '../sync/outbox-writer';
import { checkReferences, requireTicket, writeFieldChange } from './ticket-fields';

/** How many bulk edits stay undoable; older undo records are dropped. */
export const UNDO_RECORDS_KEPT = 20;

/**
 * The meta key naming the undo record of a bulk edit (or undo) that has committed some of its
 * slices but not all: set by a slice that leaves work for the next one, cleared by the last.
 */
export const BULK_IN_PROGRESS_KEY = 'bulk_edit_in_progress';

type BulkInput = MethodInput<'ticket/bulk-update'>;

const log = logger('bulk-edit');

// Bulk edits and their undos run one at a time per store, so a half-done one is always the one
// the marker names and two never interleave their slices.
const queues = new WeakMap<Db, Promise<unknown>>();

function serialised<T>(db: Db, job: () => Promise<T>): Promise<T> {
  const run = (queues.get(db) ?? Promise.resolve()).then(job);
  // The next job waits for this one whether it succeeds or not; its caller sees the failure.
  queues.set(db, run.catch(() => undefined));
  return run;
}

function pick(ticket: Ticket, keys: readonly string[]): TicketFieldsPatch {
  return Object.fromEntries(keys.map((key) => [key, ticket[key as keyof Ticket]])) as TicketFieldsPatch;
}

function emitChanged(events: EventBus, ticketIds: readonly string[]): void {
  for (const ticketId of ticketIds) events.emit({ name: 'ticket/changed', payload: { ticketId } });
}

/**
 * What the edit changes on one ticket: the patch's fields and the ticket's own tags after the tag
 * edit, less what the ticket already holds. Refuses an unknown agent or group and a ticket that
 * would end up with more than MAX_TICKET_TAGS tags.
 */
function plannedChange(db: Db, ticket: Ticket, input: BulkInput): TicketFieldsPatch {
  const patch: TicketFieldsPatch = { ...input.patch };
  if (input.tags) {
    const tags = applyTagEdit(ticket.tags, input.tags);
    if (tags.length > MAX_TICKET_TAGS) {
      throw new AppError('validation', `Ticket ${ticket.number ?? ticket.id} would have more than ${MAX_TICKET_TAGS} tags`, 'tags.add');
    }
    patch.tags = tags;
  }
  const changed = changedTicketFields(ticket, patch);
  checkReferences(db, changed);
  return changed;
}

/**
 * A ticket's tags with one edit's tag changes taken back where they still hold: a tag the edit
 * added goes, a tag it removed comes back, and a tag someone added or removed since stays as it
 * is. When the tags did not change since the edit, this is exactly `before`, in its order.
 */
function revertedTags(current: readonly string[], before: readonly string[], set: readonly string[]): string[] {
  const now = new Set(current);
  const was = new Set(before);
  const setTo = new Set(set);
  // From `before`: what is still there, and what the edit removed.
  const restored = before.filter((tag) => now.has(tag) || !setTo.has(tag));
  // Added since by someone else (neither there before nor set by the edit).
  const later = current.filter((tag) => !was.has(tag) && !setTo.has(tag));
  return [...restored, ...later];
}

/** The fields of an entry that go back on the ticket as it is now (see undoBulkUpdate). */
function restoreOf(ticket: Ticket, entry: UndoTicketEntry): TicketFieldsPatch {
  const restore: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry.set) as [keyof TicketFieldsPatch, unknown][]) {
    if (key === 'tags') continue;
    if (JSON.stringify(ticket[key]) === JSON.stringify(value)) restore[key] = entry.before[key];
  }
  if (entry.set.tags !== undefined && entry.before.tags !== undefined) {
    const tags = revertedTags(ticket.tags, entry.before.tags, entry.set.tags);
    // Tags added since may leave no room for the removed ones: then the tags stay as they are.
    if (tags.length <= MAX_TICKET_TAGS) restore.tags = tags;
  }
  return restore as TicketFieldsPatch;
}

/**
 * Reverts an undo record in slices, each one transaction that writes its reverts and shrinks the
 * record to the entries still to go (so the record always describes what is still applied). The
 * last slice deletes the record and clears the in-progress marker. Answers how many tickets changed.
 */
async function revertRecord(ctx: ChangeContext, events: EventBus, record: UndoRecord, pacing: SlicePacing): Promise<number> {
  const { db } = ctx;
  const at = ctx.now();
  if (record.entries.length === 0) {
    writeTransaction(db, () => deleteUndoRecord(db, record.id));
    return 0;
  }
  let reverted = 0;
  let sliceIds: string[] = [];
  await forEachInSlices(
    record.entries,
    pacing,
    {
      each: (entry) => {
        const ticket = getTicket(db, entry.ticketId);
        if (!ticket) return;
        // Before-values were valid once: an agent deleted since is still restored, as a single edit would allow.
        const changed = changedTicketFields(ticket, restoreOf(ticket, entry));
        if (Object.keys(changed).length === 0) return;
        writeFieldChange(ctx, ticket, changed, at);
        sliceIds.push(ticket.id);
      },
      end: (_from, to, last) => {
        if (last) {
          deleteUndoRecord(db, record.id);
          if (getMeta(db, BULK_IN_PROGRESS_KEY) === record.id) deleteMeta(db, BULK_IN_PROGRESS_KEY);
        } else {
          saveUndoRecord(db, { ...record, entries: record.entries.slice(to) });
          setMeta(db, BULK_IN_PROGRESS_KEY, record.id);
        }
      },
      done: () => {
        reverted += sliceIds.length;
        emitChanged(events, sliceIds);
        sliceIds = [];
      },
    },
    db,
  );
  return reverted;
}

/** Finishes the bulk edit or undo the marker names (one a crash or a failure left half done) by reverting what it applied. */
async function finishInterrupted(ctx: ChangeContext, events: EventBus, pacing: SlicePacing, except?: string): Promise<void> {
  const undoId = getMeta(ctx.db, BULK_IN_PROGRESS_KEY);
  if (undoId === undefined || undoId === except) return;
  const record = getUndoRecord(ctx.db, undoId);
  if (record) {
    const reverted = await revertRecord(ctx, events, record, pacing);
    log.info('reverted a bulk edit left half done', { undoId, reverted });
  } else {
    deleteMeta(ctx.db, BULK_IN_PROGRESS_KEY);
  }
}

/**
 * Reverts a bulk edit left half done by a crash or by a failure whose own revert failed (see
 * bulkUpdate). Runs when the store opens, before any other bulk edit.
 */
export function recoverBulkEdit(ctx: ChangeContext, events: EventBus, pacing: SlicePacing = DEFAULT_PACING): Promise<void> {
  return serialised(ctx.db, () => finishInterrupted(ctx, events, pacing));
}

/**
 * Changes many tickets as one action: the patch's fields, and the tag edit applied to each
 * ticket's own tags. Per changed ticket it writes one `ticket/update-fields` mutation with the
 * changed fields (for tags: that ticket's resulting full list), exactly what a single edit writes:
 * the backend applies them, resolves conflicts per field of each ticket (last writer wins in server
 * order) and rejects a ticket it cannot change without rejecting the other 999.
 *
 * All or nothing, in slices. First every ticket is checked without writing (an unknown ticket,
 * agent or group, or too many tags, refuses the whole edit). Then the changes are written in
 * slices of ≤ ~10 ms, each one transaction with its outbox rows (in ticket order) and the undo
 * record so far, yielding to the event loop between them so the UI never waits long. If a later
 * slice fails, the slices already committed are reverted through the undo record (ordinary
 * changes, pushed after the edit's own) and the error is answered: the agent sees the edit whole
 * or not at all. A crash between slices leaves the in-progress marker, and the next start (or
 * the next bulk edit) reverts the part that committed. The answer's undoId reverts the edit (null
 * when nothing changed).
 */
export function bulkUpdate(ctx: ChangeContext, events: EventBus, input: BulkInput, pacing: SlicePacing = DEFAULT_PACING): Promise<MethodOutput<'ticket/bulk-update'>> {
  const { db } = ctx;
  return serialised(db, async () => {
    await finishInterrupted(ctx, events, pacing);
    const ticketIds = [...new Set(input.ticketIds)];
    await forEachInSlices(input.ticketIds, pacing, {
      each: (ticketId, index) => {
        plannedChange(db, requireTicket(db, ticketId, `ticketIds.${index}`), input);
      },
    });

    const at = ctx.now();
    const undoId = newId();
    const entries: UndoTicketEntry[] = [];
    let sliceIds: string[] = [];
    try {
      await forEachInSlices(
        ticketIds,
        pacing,
        {
          each: (ticketId) => {
            // Gone since the check (erased through sync, say): as if it went just after the edit.
            const ticket = getTicket(db, ticketId);
            if (!ticket) return;
            const changed = plannedChange(db, ticket, input);
            if (Object.keys(changed).length === 0) return;
            writeFieldChange(ctx, ticket, changed, at);
            entries.push({ ticketId, set: changed, before: pick(ticket, Object.keys(changed)) });
            sliceIds.push(ticketId);
          },
          end: (_from, _to, last) => {
            if (entries.length > 0) saveUndoRecord(db, { id: undoId, entries, createdAt: at });
            if (last) {
              deleteMeta(db, BULK_IN_PROGRESS_KEY);
              pruneUndoLog(db, UNDO_RECORDS_KEPT);
            } else if (entries.length > 0) {
              setMeta(db, BULK_IN_PROGRESS_KEY, undoId);
            }
          },
          done: () => {
            emitChanged(events, sliceIds);
            sliceIds = [];
          },
        },
        db,
      );
    } catch (error) {
      // The failed slice rolled back; what earlier slices committed is in the undo record.
      await revertAfterFailure(ctx, events, undoId, pacing);
      throw error;
    }
    return { changed: entries.length, undoId: entries.length > 0 ? undoId : null };
  });
}

async function revertAfterFailure(ctx: ChangeContext, events: EventBus, undoId: string, pacing: SlicePacing): Promise<void> {
  const record = getUndoRecord(ctx.db, undoId);
  if (!record) return;
  try {
    await revertRecord(ctx, events, record, pacing);
  } catch (error) {
    // The marker stays: the next start or bulk edit finishes the revert.
    log.error('a failed bulk edit could not be reverted yet', { undoId, ...describeError(error) });
  }
}

/**
 * Reverts a bulk edit: each field goes back to its before-value only where the ticket still holds
 * the value the edit set, so a later change (by this agent or synced from another) stays. Tags go
 * back tag by tag: a tag the edit added is removed and one it removed comes back, while tags
 * changed since stay. The revert is an ordinary change (one `ticket/update-fields` mutation per
 * ticket it touches), written in slices like the edit. An undo that fails midway keeps the rest
 * of its record: undoing again (or the next start) finishes it. An undo record is used once.
 */
export function undoBulkUpdate(
  ctx: ChangeContext,
  events: EventBus,
  input: MethodInput<'ticket/undo-bulk-update'>,
  pacing: SlicePacing = DEFAULT_PACING,
): Promise<MethodOutput<'ticket/undo-bulk-update'>> {
  return serialised(ctx.db, async () => {
    await finishInterrupted(ctx, events, pacing, input.undoId);
    const record = getUndoRecord(ctx.db, input.undoId);
    if (!record) throw new AppError('not-found', 'This bulk edit can no longer be undone', 'undoId');
    return { reverted: await revertRecord(ctx, events, record, pacing) };
  });
}
