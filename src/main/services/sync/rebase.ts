// The local timeline of pending mutations. The local data is the backend's data (as pulled) with
// the pending outbox rows applied on top in seq order, and each row's before-image holds the
// values just before it in that timeline. Rows belong to the timeline of the data their effect
// lives in (a ticket, a link between two tickets, a saved view, a customer: see Timeline in
// local-appliers.ts). Three operations keep that true:
//   - rebase: the backend's value of a ticket (link, view, customer) replaced the local row, so the
//     pending rows of its timeline are applied again in order, each before-image refreshed;
//   - rollback: a row leaves the timeline (refused): the later rows of its timeline are undone
//     newest first, then the row, then the later rows are applied again on top;
//   - settle: a row the backend answered leaves the outbox (applied: its effect stays until the
//     pull brings the backend's value; rejected: rolled back and recorded for the agent).
import type { ErrorBody } from '../../../shared/contract/errors';
import { AppError } from '../../../shared/contract/errors';
import type { Db } from '../../store/db';
import type { OutboxEntry } from '../../store/queries/outbox';
import { ticketsOfLinkKey } from '../../../shared/domain/ticket-link';
import {
  deleteOutboxEntry,
  deleteProvisionalRejection,
  getRejection,
  listOutboxNaming,
  listOutboxOfTicket,
  setOutboxBefore,
  upsertRejection,
} from '../../store/queries/sync-state';
import { describeError, logger } from '../../log';
import { emptyTouched, localApplierOf, type LocalEnv, type Timeline, type Touched } from './local-appliers';

const log = logger('sync');

/** What the timeline operations need: the store, the signed-in agent and the clock. */
export interface TimelineEnv extends LocalEnv {
  now: () => number;
}

function timelineOf(entry: OutboxEntry): Timeline | null {
  return localApplierOf(entry.name)?.timelineOf(entry.args) ?? null;
}

function sameTimeline(entry: OutboxEntry, timeline: Timeline): boolean {
  const of = timelineOf(entry);
  return of !== null && of.kind === timeline.kind && of.id === timeline.id;
}

/**
 * The pending rows of a timeline after `afterSeq`, in seq order. Rows naming a ticket are found
 * by outbox_by_ticket (a link's by either of its tickets); views' and customers' rows name no
 * ticket and sit under its NULL entry.
 */
export function pendingRowsOf(db: Db, timeline: Timeline, afterSeq = 0): OutboxEntry[] {
  let rows: OutboxEntry[];
  switch (timeline.kind) {
    case 'ticket':
      rows = listOutboxOfTicket(db, timeline.id, afterSeq);
      break;
    case 'ticket-link': {
      const pair = ticketsOfLinkKey(timeline.id);
      rows = pair ? [...listOutboxOfTicket(db, pair[0], afterSeq), ...listOutboxOfTicket(db, pair[1], afterSeq)].sort((a, b) => a.seq - b.seq) : [];
      break;
    }
    case 'view':
      rows = listOutboxNaming(db, 'viewId', timeline.id, afterSeq);
      break;
    case 'customer':
      rows = listOutboxNaming(db, 'customerId', timeline.id, afterSeq);
      break;
  }
  return rows.filter((row) => sameTimeline(row, timeline));
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
 * Re-applies every pending row of a timeline, in seq order, on top of the backend's value that
 * just replaced the local data (none of their effects is in it any more). Answers how many rows
 * there were.
 */
export function rebase(env: TimelineEnv, timeline: Timeline): number {
  const entries = pendingRowsOf(env.db, timeline);
  for (const entry of entries) reapply(env, entry);
  return entries.length;
}

/** {@link rebase} of a ticket's timeline (its row replaced by a pull). */
export function rebaseTicket(env: TimelineEnv, ticketId: string): number {
  return rebase(env, { kind: 'ticket', id: ticketId });
}

/**
 * Takes a row's effect out of the local data, exactly: the later rows of the same timeline are
 * undone newest first (each before-image holds the values just before it), then the row itself,
 * then the later rows are applied again on top. A later row that no longer applies becomes a
 * provisional rejection with its effect gone, never half there. Rows without a local applier are
 * left as they are.
 */
export function rollbackEntry(env: TimelineEnv, entry: OutboxEntry): void {
  const applier = localApplierOf(entry.name);
  if (!applier) return;
  const timeline = applier.timelineOf(entry.args);
  const later = timeline === null ? [] : pendingRowsOf(env.db, timeline, entry.seq);
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
 * What the row named goes into `touched` (its data changed when rolled back; its rejection shows).
 */
export function settleEntry(env: TimelineEnv, entry: OutboxEntry, outcome: Outcome, touched: Touched = emptyTouched()): void {
  deleteOutboxEntry(env.db, entry.seq);
  if (outcome.outcome === 'applied') {
    deleteProvisionalRejection(env.db, entry.mutationId);
    return;
  }
  if (outcome.error.code !== 'unknown-method') rollbackEntry(env, entry);
  const applier = localApplierOf(entry.name);
  if (applier) applier.touch(entry.args, touched);
  else if (typeof (entry.args as { ticketId?: unknown } | null)?.ticketId === 'string') touched.tickets.add((entry.args as { ticketId: string }).ticketId);
  upsertRejection(env.db, {
    mutationId: entry.mutationId,
    seq: entry.seq,
    name: entry.name,
    args: entry.args,
    error: outcome.error,
    final: true,
    at: env.now(),
  });
}
