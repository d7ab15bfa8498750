import { AppError } from '../../../shared/contract/errors';
import { mutations, type MutationArgs, type MutationName } from '../../../shared/contract/mutations';
import type { Ticket } from '../../../shared/domain/ticket';
import { applyTicketFields, changedTicketFields, TICKET_PATCH_FIELDS } from '../../../shared/domain/ticket-field-change';
import type { Db } from '../../store/db';
import type { OutboxEntry } from '../../store/queries/outbox';
import { agentName, liveAgentExists, liveGroupExists, messageExists, putMessage, putTicket, readTicket, removeMessage } from '../../store/queries/sync-apply';

/** What a local applier may read besides the store: the signed-in agent (the author of re-made messages). */
export interface LocalEnv {
  db: Db;
  agentId: string | null;
}

/**
 * The desktop's side of a mutation, for the sync client: how to make its local effect again on
 * top of newer data from the backend (the rebase), and how to undo it when the backend refuses it.
 * The same rules as the backend's applier, checked against the local copy of the data.
 */
export interface LocalApplier {
  /**
   * Makes the mutation's effect on the current local data and answers the before-image of what it
   * changed (the values just before it, which a rollback restores). Throws an AppError when a rule
   * breaks on the newer data (the ticket is gone, the assignee left): the rebase records that.
   */
  reapply(env: LocalEnv, entry: OutboxEntry): unknown;
  /**
   * Undoes the effect with the entry's before-image (kept true by every rebase). `final` is false
   * when the entry is undone only to be applied again at once (a rollback of an earlier entry of
   * the same ticket): what needs no undoing for that (a message that stays) is left alone.
   */
  rollback(env: LocalEnv, entry: OutboxEntry, final: boolean): void;
}

function parseArgs<N extends MutationName>(name: N, entry: OutboxEntry): MutationArgs<N> {
  const parsed = mutations[name].args.safeParse(entry.args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation', issue?.message ?? 'Invalid args', ['args', ...(issue?.path ?? []).map(String)].join('.'));
  }
  return parsed.data as MutationArgs<N>;
}

function requireTicket(db: Db, ticketId: string): Ticket {
  const ticket = readTicket(db, ticketId);
  if (!ticket) throw new AppError('not-found', `There is no ticket ${ticketId}`, 'args.ticketId');
  return ticket;
}

/** The fields a ticket before-image may restore: the patchable ones and the two the rules derive. */
const RESTORABLE_TICKET_FIELDS = new Set<string>([...TICKET_PATCH_FIELDS, 'updatedAt', 'solvedAt']);

function restoreTicket(db: Db, ticketId: string, before: unknown): void {
  const ticket = readTicket(db, ticketId);
  if (!ticket || typeof before !== 'object' || before === null) return;
  const restored: Record<string, unknown> = { ...ticket };
  for (const [field, value] of Object.entries(before)) if (RESTORABLE_TICKET_FIELDS.has(field)) restored[field] = value;
  putTicket(db, restored as Ticket);
}

const updateFields: LocalApplier = {
  reapply({ db }, entry) {
    const args = parseArgs('ticket/update-fields', entry);
    const ticket = requireTicket(db, args.ticketId);
    const changed = changedTicketFields(ticket, args.patch);
    // Only what changes must name live agents and groups, as on the backend.
    if (changed.assigneeId && !liveAgentExists(db, changed.assigneeId)) {
      throw new AppError('validation', 'There is no such agent', 'args.patch.assigneeId');
    }
    if (changed.groupId && !liveGroupExists(db, changed.groupId)) {
      throw new AppError('validation', 'There is no such group', 'args.patch.groupId');
    }
    const before: Record<string, unknown> = { updatedAt: ticket.updatedAt, solvedAt: ticket.solvedAt };
    for (const field of TICKET_PATCH_FIELDS) if (args.patch[field] !== undefined) before[field] = ticket[field];
    if (Object.keys(changed).length > 0) putTicket(db, applyTicketFields(ticket, changed, args.updatedAt));
    return before;
  },
  rollback({ db }, entry) {
    const args = entry.args as { ticketId?: unknown };
    if (typeof args?.ticketId === 'string') restoreTicket(db, args.ticketId, entry.before);
  },
};

const addMessage: LocalApplier = {
  reapply({ db, agentId }, entry) {
    const args = parseArgs('ticket/add-message', entry);
    const ticket = requireTicket(db, args.ticketId);
    // The message stays in the store while it is pending (the backend never sends it back until it
    // is applied); only after a reset's rebuild may it need making again.
    if (!messageExists(db, args.messageId)) {
      putMessage(db, {
        id: args.messageId,
        ticketId: ticket.id,
        kind: args.kind,
        authorType: 'agent',
        authorId: agentId,
        authorName: (agentId && agentName(db, agentId)) || 'Agent',
        channel: ticket.channel,
        bodyFormat: 'markdown',
        body: args.body,
        attachments: [],
        createdAt: args.createdAt,
      });
    }
    if (args.createdAt > ticket.updatedAt) putTicket(db, { ...ticket, updatedAt: args.createdAt });
    return { updatedAt: ticket.updatedAt };
  },
  rollback({ db }, entry, final) {
    const args = entry.args as { ticketId?: unknown; messageId?: unknown };
    if (final && typeof args?.messageId === 'string') removeMessage(db, args.messageId);
    if (typeof args?.ticketId === 'string') restoreTicket(db, args.ticketId, entry.before);
  },
};

/**
 * The local appliers, by mutation name: every mutation of the shared table
 * (`src/shared/contract/mutations.ts`) has one, so the backend's mutations can be rebased and
 * rolled back. A name the desktop writes that has none (one the backend does not know yet) is
 * still pushed; its effect is not re-made after a pull replaces its ticket, and a rejection of it
 * is recorded without a rollback (the agent sees it and may retry or discard it).
 */
export const localAppliers: { [N in MutationName]: LocalApplier } = {
  'ticket/update-fields': updateFields,
  'ticket/add-message': addMessage,
};

/** The local applier of a mutation name, if the desktop knows how to rebase it. */
export function localApplierOf(name: string): LocalApplier | undefined {
  return Object.hasOwn(localAppliers, name) ? localAppliers[name as MutationName] : undefined;
}
