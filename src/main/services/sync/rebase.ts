// The local timeline of pending mutations. The local data is the backend's data (as pulled) with
// the pending outbox rows applied on top in seq order, and each row's before-image holds the
// values just before it in that timeline. Three operations keep that true:
//   - rebase: the backend's value of a ticket replaced the local row, so its pending rows are
//     applied again in order, each before-image refreshed;
//   - rollback: a row leaves the timeline (refused): the later rows of its ticket are undone
//     newest first, then the row, then the later rows are applied again on top;
//   - settle: a row the backend answered leaves the outbox (applied: its effect stays until the
//     pull brings the backend's value; rejected: rolled back and recorded for the agent).
import type { ErrorBody } from '../../../shared/contract/errors';
import { AppError } from '../../../shared/contract/errors';
import type { Db } from '../../store/db';
import type { OutboxEntry } from '../../store/queries/outbox';
import {
  deleteOutboxEntry,
  deleteProvisionalRejection,
  getRejection,
  listOutboxOfTicket,
  setOutboxBefore,
  upsertRejection,
} from '../../store/queries/sync-state';
import { describeError, logger } from '../../log';
import { localApplierOf, type LocalEnv } from './local-appliers';

const log = logger('sync');

/** What the timeline operations need: the store, the signed-in agent and the clock. */
export interface TimelineEnv extends LocalEnv {
  now: () => number;
}

function ticketIdOf(entry: OutboxEntry): string | null {
  const ticketId = (entry.args as { ticketId?: unknown } | null)?.ticketId;
  return typeof ticketId === 'string' ? ticketId : null;
}

/** Whether a row's effect is in the local data (false after it could not be re-applied). */
function inEffect(db: Db, entry: OutboxEntry): boolean {
  const rejection = getRejection(db, entry.mutationId);
  return !rejection || rejection.final;
}

/**
 * Applies one pending row again on the current local data, refreshing its before-image. A rule it
 * breaks now becomes a provisional rejection the agent sees (the row still goes to the backend,
 * which decides for good); a row that applies again loses its provisional rejection.
 */
function reapply(env: TimelineEnv, entry: OutboxEntry): void {
  const applier = localApplierOf(entry.name);
  if (!applier) return;
  try {
    const before = applier.reapply(env, entry);
    setOutboxBefore(env.db, entry.seq, before);
    deleteProvisionalRejection(env.db, entry.mutationId);
  } catch (error) {
    if (!(error instanceof AppError)) {
      // A bug met by one row must not stop the pull: the row stays pending, the backend decides.
      log.error('a pending change could not be re-applied', { name: entry.name, mutationId: entry.mutationId, ...describeError(error) });
    }
    const body: ErrorBody = error instanceof AppError ? error.toBody() : { code: 'internal', message: 'This change could not be re-applied.' };
    upsertRejection(env.db, { mutationId: entry.mutationId, seq: entry.seq, name: entry.name, args: entry.args, error: body, final: false, at: env.now() });
  }
}

/**
 * Re-applies every pending row of a ticket, in seq order, on top of the backend's value of the
 * ticket that just replaced the local row (none of their effects is in it any more). Answers how
 * many rows there were.
 */
export function rebaseTicket(env: TimelineEnv, ticketId: string): number {
  const entries = listOutboxOfTicket(env.db, ticketId, 0);
  for (const entry of entries) reapply(env, entry);
  return entries.length;
}

/**
 * Takes a row's effect out of the local data, exactly: the later rows of the same ticket are
 * undone newest first (each before-image holds the values just before it), then the row itself,
 * then the later rows are applied again on top. A later row that no longer applies becomes a
 * provisional rejection with its effect gone, never half there. Rows without a local applier are
 * left as they are.
 */
export function rollbackEntry(env: TimelineEnv, entry: OutboxEntry): void {
  const applier = localApplierOf(entry.name);
  if (!applier) return;
  const ticketId = ticketIdOf(entry);
  const later = ticketId === null ? [] : listOutboxOfTicket(env.db, ticketId, entry.seq);
  for (const row of [...later].reverse()) {
    if (inEffect(env.db, row)) localApplierOf(row.name)?.rollback(env, row, false);
  }
  if (inEffect(env.db, entry)) applier.rollback(env, entry, true);
  for (const row of later) reapply(env, row);
}

/** The backend's answer for one mutation, as push and pull report it. */
export type Outcome = { outcome: 'applied' } | { outcome: 'rejected'; error: ErrorBody };

/**
 * Takes in the backend's answer for a pending row: it leaves the outbox; a rejection is rolled back
 * and recorded for the agent. `unknown-method` (a backend older than this desktop) is recorded but
 * not rolled back: the agent's work stays, and they can retry it once the backend knows it.
 * Answers the ticket the row named (its data changed when rolled back).
 */
export function settleEntry(env: TimelineEnv, entry: OutboxEntry, outcome: Outcome): string | null {
  deleteOutboxEntry(env.db, entry.seq);
  if (outcome.outcome === 'applied') {
    deleteProvisionalRejection(env.db, entry.mutationId);
    return null;
  }
  if (outcome.error.code !== 'unknown-method') rollbackEntry(env, entry);
  upsertRejection(env.db, {
    mutationId: entry.mutationId,
    seq: entry.seq,
    name: entry.name,
    args: entry.args,
    error: outcome.error,
    final: true,
    at: env.now(),
  });
  return ticketIdOf(entry);
}
