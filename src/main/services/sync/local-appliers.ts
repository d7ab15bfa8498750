import { AppError } from '../../../shared/contract/errors';
import { mutations, type MutationArgs, type MutationName } from '../../../shared/contract/mutations';
import type { Customer } from '../../../shared/domain/customer';
import type { Ticket } from '../../../shared/domain/ticket';
import { applyTicketFields, changedTicketFields, TICKET_PATCH_FIELDS } from '../../../shared/domain/ticket-field-change';
import { REVERSE_LINK_KIND, ticketLinkKey } from '../../../shared/domain/ticket-link';
import { escalationNoteBody, mergeNoteBody, NEXT_LEVEL, SYSTEM_AUTHOR_NAME } from '../../../shared/domain/ticket-notes';
import type { TicketLinkKind } from '../../../shared/domain/ticket';
import type { View } from '../../../shared/domain/view';
import type { Db } from '../../store/db';
import { getCustomer, updateCustomerDetails } from '../../store/queries/customers';
import type { OutboxEntry } from '../../store/queries/outbox';
import {
  agentName,
  liveAgentExists,
  liveCustomer,
  liveGroup,
  liveGroupExists,
  messageExists,
  putMessage,
  putTicket,
  readTicket,
  removeMessage,
  removeTicket,
  removeView,
} from '../../store/queries/sync-apply';
import { deleteTicketLink, getTicketLinkKind, ticketLinkToRow, upsertTicketLink } from '../../store/queries/ticket-links';
import { deleteView, findViewNamed, getSavedView, upsertView } from '../../store/queries/views';
import { agentMayChangeView, imageOf, sameViewContent } from '../views/view-service';
import { publishMatrixApplier } from '../matrix/publish-applier';

/** What a local applier may read besides the store: the signed-in agent (the author of re-made messages). */
export interface LocalEnv {
  db: Db;
  agentId: string | null;
}

/**
 * The local data a pending row's effect lives in. Rows of one timeline change the same data, so
 * they are re-applied (after a pull replaced that data) and undone (around a refused row) together,
 * in seq order; rows of other timelines are left alone. A ticket's timeline is its row (and the
 * messages its rows add); a link's is the pair of tickets; a view's and a customer's their row.
 */
export type Timeline = { kind: 'ticket' | 'ticket-link' | 'view' | 'customer'; id: string };

/** What the local data gained or lost, for the events the UI listens to. */
export interface Touched {
  tickets: Set<string>;
  customers: Set<string>;
  views: Set<string>;
}

export function emptyTouched(): Touched {
  return { tickets: new Set(), customers: new Set(), views: new Set() };
}

/**
 * The desktop's side of a mutation, for the sync client: how to make its local effect again on
 * top of newer data from the backend (the rebase), and how to undo it when the backend refuses it.
 * The same rules as the backend's applier, checked against the local copy of the data.
 */
export interface LocalApplier {
  /** The timeline of a row with these args (null when the args name none: such a row is never rebased). */
  timelineOf(args: unknown): Timeline | null;
  /** Notes what a row with these args changes, so the UI hears of a rebase or an undo. */
  touch(args: unknown, touched: Touched): void;
  /**
   * Makes the mutation's effect on the current local data and answers the before-image of what it
   * changed (the values just before it, which a rollback restores). Throws an AppError when a rule
   * breaks on the newer data (the ticket is gone, the assignee left): the rebase records that, and
   * what the effect made outside the replaced data (a note) is taken away first, never half there.
   */
  reapply(env: LocalEnv, entry: OutboxEntry): unknown;
  /**
   * Undoes the effect with the entry's before-image (kept true by every rebase). `final` is false
   * when the entry is undone only to be applied again at once (a rollback of an earlier entry of
   * the same timeline): what needs no undoing for that (a message that stays) is left alone.
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

/** The string args of a row, read without validation (rollbacks and timelines must work for any row). */
function stringArg(args: unknown, key: string): string | null {
  const value = (args as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' ? value : null;
}

function requireTicket(db: Db, ticketId: string, field = 'args.ticketId'): Ticket {
  const ticket = readTicket(db, ticketId);
  if (!ticket) throw new AppError('not-found', `There is no ticket ${ticketId}`, field);
  return ticket;
}

/** The fields a ticket before-image may restore: the patchable ones and the two the rules derive. */
const RESTORABLE_TICKET_FIELDS = new Set<string>([...TICKET_PATCH_FIELDS, 'updatedAt', 'solvedAt']);

function restoreTicket(db: Db, ticketId: string, before: unknown, restorable: ReadonlySet<string> = RESTORABLE_TICKET_FIELDS): void {
  const ticket = readTicket(db, ticketId);
  if (!ticket || typeof before !== 'object' || before === null) return;
  const restored: Record<string, unknown> = { ...ticket };
  for (const [field, value] of Object.entries(before)) if (restorable.has(field)) restored[field] = value;
  putTicket(db, restored as Ticket);
}

/** A rule broke on newer data: the note the row made goes too (pulls never replace messages), then the row is refused. */
function refuse(db: Db, messageId: string, error: AppError): never {
  removeMessage(db, messageId);
  throw error;
}

/** Rows whose effect lives in the ticket named by `args.ticketId`. */
function ticketTimeline(args: unknown): Timeline | null {
  const ticketId = stringArg(args, 'ticketId');
  return ticketId === null ? null : { kind: 'ticket', id: ticketId };
}

function touchTicket(args: unknown, touched: Touched): void {
  const ticketId = stringArg(args, 'ticketId');
  if (ticketId !== null) touched.tickets.add(ticketId);
}

const updateFields: LocalApplier = {
  timelineOf: ticketTimeline,
  touch: touchTicket,
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
    const ticketId = stringArg(entry.args, 'ticketId');
    if (ticketId !== null) restoreTicket(db, ticketId, entry.before);
  },
};

const addMessage: LocalApplier = {
  timelineOf: ticketTimeline,
  touch: touchTicket,
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
    const messageId = stringArg(entry.args, 'messageId');
    const ticketId = stringArg(entry.args, 'ticketId');
    if (final && messageId !== null) removeMessage(db, messageId);
    if (ticketId !== null) restoreTicket(db, ticketId, entry.before);
  },
};

/**
 * A ticket made on this desktop: the backend sends it back only once it has applied the row (with
 * its number), so while the row is pending the local ticket is the only one. Made again only when
 * it is missing (a retry after a refusal); undone by removing the ticket and its first message.
 */
const createTicket: LocalApplier = {
  timelineOf: ticketTimeline,
  touch: touchTicket,
  reapply({ db }, entry) {
    const args = parseArgs('ticket/create', entry);
    if (readTicket(db, args.ticketId)) return null;
    const requester = liveCustomer(db, args.requesterId);
    if (!requester) throw new AppError('validation', 'There is no such customer', 'args.requesterId');
    if (args.assigneeId && !liveAgentExists(db, args.assigneeId)) throw new AppError('validation', 'There is no such agent', 'args.assigneeId');
    if (args.groupId && !liveGroupExists(db, args.groupId)) throw new AppError('validation', 'There is no such group', 'args.groupId');
    putTicket(db, {
      id: args.ticketId,
      number: null,
      subject: args.subject,
      status: args.assigneeId ? 'open' : 'new',
      priority: args.priority,
      channel: args.channel,
      category: args.category || null,
      tags: [...new Set(args.tags)],
      requesterId: requester.id,
      organisationId: requester.organisationId,
      assigneeId: args.assigneeId,
      groupId: args.groupId,
      level: args.level,
      createdAt: args.createdAt,
      updatedAt: args.createdAt,
      solvedAt: null,
      dueAt: null,
      mergedIntoId: null,
    });
    if (!messageExists(db, args.message.messageId)) {
      putMessage(db, {
        id: args.message.messageId,
        ticketId: args.ticketId,
        kind: 'reply',
        authorType: 'customer',
        authorId: requester.id,
        authorName: requester.name,
        channel: args.channel,
        bodyFormat: 'markdown',
        body: args.message.body,
        attachments: [],
        createdAt: args.createdAt,
      });
    }
    return null;
  },
  rollback({ db }, entry, final) {
    // Never undone to be made again: a create is the first row of its ticket's timeline.
    if (!final) return;
    const ticketId = stringArg(entry.args, 'ticketId');
    const messageId = stringArg((entry.args as { message?: unknown } | null)?.message, 'messageId');
    if (messageId !== null) removeMessage(db, messageId);
    if (ticketId !== null) removeTicket(db, ticketId);
  },
};

/** An escalation: applied only while the ticket is still at `from` (as on the backend). */
const escalate: LocalApplier = {
  timelineOf: ticketTimeline,
  touch: touchTicket,
  reapply({ db, agentId }, entry) {
    const args = parseArgs('ticket/escalate', entry);
    const ticket = readTicket(db, args.ticketId);
    if (!ticket) refuse(db, args.messageId, new AppError('not-found', `There is no ticket ${args.ticketId}`, 'args.ticketId'));
    if (ticket.mergedIntoId) refuse(db, args.messageId, new AppError('validation', 'This ticket was merged into another: escalate that one', 'args.ticketId'));
    if (NEXT_LEVEL[args.from] !== args.to) refuse(db, args.messageId, new AppError('validation', `An escalation from ${args.from} goes one level up`, 'args.to'));
    if (ticket.level !== args.from) {
      refuse(db, args.messageId, new AppError('conflict', `The ticket is at ${ticket.level} now, not ${args.from}: it was escalated or moved first`, 'args.from'));
    }
    const group = args.groupId ? liveGroup(db, args.groupId) : null;
    if (group === undefined) refuse(db, args.messageId, new AppError('validation', 'There is no such group', 'args.groupId'));
    if (group && group.level !== args.to) refuse(db, args.messageId, new AppError('validation', `That group works at ${group.level}, not ${args.to}`, 'args.groupId'));
    const before = { level: ticket.level, groupId: ticket.groupId, assigneeId: ticket.assigneeId, status: ticket.status, updatedAt: ticket.updatedAt, solvedAt: ticket.solvedAt };
    const changed = changedTicketFields(ticket, { level: args.to, groupId: args.groupId, assigneeId: null, status: ticket.status === 'new' ? 'open' : ticket.status });
    putTicket(db, applyTicketFields(ticket, changed, args.escalatedAt));
    if (!messageExists(db, args.messageId)) {
      putMessage(db, {
        id: args.messageId,
        ticketId: ticket.id,
        kind: 'note',
        authorType: 'agent',
        authorId: agentId,
        authorName: (agentId && agentName(db, agentId)) || 'Agent',
        channel: ticket.channel,
        bodyFormat: 'markdown',
        body: escalationNoteBody(args.from, args.to, group?.name ?? null, args.reason),
        attachments: [],
        createdAt: args.escalatedAt,
      });
    }
    return before;
  },
  rollback({ db }, entry, final) {
    const messageId = stringArg(entry.args, 'messageId');
    const ticketId = stringArg(entry.args, 'ticketId');
    if (final && messageId !== null) removeMessage(db, messageId);
    if (ticketId !== null) restoreTicket(db, ticketId, entry.before);
  },
};

/** What a merge replaced: the merged ticket's closing fields, and the target's `updatedAt`. */
interface MergeBefore {
  source: { status: Ticket['status']; solvedAt: number | null; mergedIntoId: string | null; updatedAt: number };
  target: { updatedAt: number };
}

const MERGE_RESTORABLE = new Set(['status', 'solvedAt', 'mergedIntoId', 'updatedAt']);

/**
 * A merge, in the timeline of the ticket merged away (`ticketId`). The target's only change is its
 * `updatedAt`: a pull that replaces the target does not rebase the merge, so its undo lowers the
 * target's `updatedAt` only while it is still the one the merge set.
 */
const merge: LocalApplier = {
  timelineOf: ticketTimeline,
  touch(args, touched) {
    touchTicket(args, touched);
    const targetId = stringArg(args, 'targetId');
    if (targetId !== null) touched.tickets.add(targetId);
  },
  reapply({ db }, entry) {
    const args = parseArgs('ticket/merge', entry);
    if (args.ticketId === args.targetId) throw new AppError('validation', 'A ticket cannot be merged into itself', 'args.targetId');
    const source = readTicket(db, args.ticketId);
    if (!source) refuse(db, args.messageId, new AppError('not-found', `There is no ticket ${args.ticketId}`, 'args.ticketId'));
    const target = readTicket(db, args.targetId);
    if (!target) refuse(db, args.messageId, new AppError('not-found', `There is no ticket ${args.targetId}`, 'args.targetId'));
    if (source.mergedIntoId) refuse(db, args.messageId, new AppError('conflict', 'This ticket was merged into another already', 'args.ticketId'));
    if (target.mergedIntoId) refuse(db, args.messageId, new AppError('conflict', 'That ticket was merged into another: merge into that one', 'args.targetId'));
    // The target was not replaced when only the merged ticket was: the merge's own bump may be there.
    const previous = (entry.before as Partial<MergeBefore> | null)?.target?.updatedAt;
    const before: MergeBefore = {
      source: { status: source.status, solvedAt: source.solvedAt, mergedIntoId: source.mergedIntoId, updatedAt: source.updatedAt },
      target: { updatedAt: target.updatedAt === args.mergedAt && previous !== undefined ? previous : target.updatedAt },
    };
    putTicket(db, {
      ...source,
      status: 'closed',
      solvedAt: source.solvedAt ?? args.mergedAt,
      mergedIntoId: target.id,
      updatedAt: Math.max(source.updatedAt, args.mergedAt),
    });
    if (target.updatedAt < args.mergedAt) putTicket(db, { ...target, updatedAt: args.mergedAt });
    if (!messageExists(db, args.messageId)) {
      putMessage(db, {
        id: args.messageId,
        ticketId: target.id,
        kind: 'note',
        authorType: 'system',
        authorId: null,
        authorName: SYSTEM_AUTHOR_NAME,
        channel: target.channel,
        bodyFormat: 'markdown',
        body: mergeNoteBody(source),
        attachments: [],
        createdAt: args.mergedAt,
      });
    }
    return before;
  },
  rollback({ db }, entry, final) {
    // Rows written before the merged ticket was `ticketId` named it `sourceId`: refused, they are undone too.
    const ticketId = stringArg(entry.args, 'ticketId') ?? stringArg(entry.args, 'sourceId');
    const targetId = stringArg(entry.args, 'targetId');
    const messageId = stringArg(entry.args, 'messageId');
    const mergedAt = (entry.args as { mergedAt?: unknown } | null)?.mergedAt;
    const before = entry.before as Partial<MergeBefore> | null;
    if (final && messageId !== null) removeMessage(db, messageId);
    if (ticketId !== null && before?.source) restoreTicket(db, ticketId, before.source, MERGE_RESTORABLE);
    const target = targetId === null ? undefined : readTicket(db, targetId);
    if (target && before?.target && target.updatedAt === mergedAt) putTicket(db, { ...target, updatedAt: before.target.updatedAt });
  },
};

/** Rows whose effect lives in the link of the pair `args.ticketId`, `args.otherId`. */
function linkTimeline(args: unknown): Timeline | null {
  const ticketId = stringArg(args, 'ticketId');
  const otherId = stringArg(args, 'otherId');
  return ticketId === null || otherId === null ? null : { kind: 'ticket-link', id: ticketLinkKey(ticketId, otherId) };
}

function touchLink(args: unknown, touched: Touched): void {
  touchTicket(args, touched);
  const otherId = stringArg(args, 'otherId');
  if (otherId !== null) touched.tickets.add(otherId);
}

/** Sets the link of a pair from `ticketId`'s side (the other side reads the reverse), or removes it (`kind` null). */
function setLink(db: Db, ticketId: string, otherId: string, kind: TicketLinkKind | null, at: number): void {
  if (kind === null) {
    deleteTicketLink(db, ticketId, otherId, at);
    deleteTicketLink(db, otherId, ticketId, at);
    return;
  }
  upsertTicketLink(db, ticketLinkToRow({ ticketId, otherId, kind, createdAt: at }, at));
  upsertTicketLink(db, ticketLinkToRow({ ticketId: otherId, otherId: ticketId, kind: REVERSE_LINK_KIND[kind], createdAt: at }, at));
}

function restoreLink(entry: OutboxEntry, db: Db): void {
  const ticketId = stringArg(entry.args, 'ticketId');
  const otherId = stringArg(entry.args, 'otherId');
  const before = entry.before as { kind?: TicketLinkKind | null } | null;
  if (ticketId === null || otherId === null || before === null || before.kind === undefined) return;
  setLink(db, ticketId, otherId, before.kind, entry.createdAt);
}

const link: LocalApplier = {
  timelineOf: linkTimeline,
  touch: touchLink,
  reapply({ db }, entry) {
    const args = parseArgs('ticket/link', entry);
    if (args.ticketId === args.otherId) throw new AppError('validation', 'A ticket cannot be linked to itself', 'args.otherId');
    requireTicket(db, args.ticketId);
    requireTicket(db, args.otherId, 'args.otherId');
    const current = getTicketLinkKind(db, args.ticketId, args.otherId) ?? null;
    if (current !== args.kind) setLink(db, args.ticketId, args.otherId, args.kind, args.linkedAt);
    return { kind: current };
  },
  rollback({ db }, entry) {
    restoreLink(entry, db);
  },
};

const unlink: LocalApplier = {
  timelineOf: linkTimeline,
  touch: touchLink,
  reapply({ db }, entry) {
    const args = parseArgs('ticket/unlink', entry);
    requireTicket(db, args.ticketId);
    const current = getTicketLinkKind(db, args.ticketId, args.otherId) ?? null;
    if (current !== null) setLink(db, args.ticketId, args.otherId, null, args.unlinkedAt);
    return { kind: current };
  },
  rollback({ db }, entry) {
    restoreLink(entry, db);
  },
};

function viewTimeline(args: unknown): Timeline | null {
  const viewId = stringArg(args, 'viewId');
  return viewId === null ? null : { kind: 'view', id: viewId };
}

function touchView(args: unknown, touched: Touched): void {
  const viewId = stringArg(args, 'viewId');
  if (viewId !== null) touched.views.add(viewId);
}

/** A saved view as a before-image holds it (see imageOf in the view service). */
type ViewImage = ReturnType<typeof imageOf>;

function restoreView(db: Db, viewId: string, image: ViewImage): void {
  // Images written before they held the owner keep the owner of the row as it is.
  const ownerId = image.ownerId ?? getSavedView(db, viewId)?.view.ownerId ?? null;
  const view: View = { id: viewId, name: image.name, scope: image.scope, ownerId, filter: image.filter, sort: image.sort };
  upsertView(db, { view, createdAt: image.createdAt ?? image.updatedAt, updatedAt: image.updatedAt });
}

/** Refuses a change of a view the agent may not change (the rule of the view service and the backend). */
function checkMayChange(db: Db, view: View, agentId: string, field: string): void {
  if (agentMayChangeView(db, view, agentId)) return;
  if (view.scope === 'personal') throw new AppError('not-found', `There is no view ${view.id}`, field);
  throw new AppError('forbidden', 'Only the agent who made a shared view, a lead or an admin can change it', field);
}

function requireAgent(agentId: string | null): string {
  if (agentId === null) throw new AppError('forbidden', 'Sign in to save views');
  return agentId;
}

const saveView: LocalApplier = {
  timelineOf: viewTimeline,
  touch: touchView,
  reapply({ db, agentId }, entry) {
    const args = parseArgs('view/save', entry);
    const agent = requireAgent(agentId);
    const existing = getSavedView(db, args.viewId);
    // A row that changed a view which is gone now (deleted meanwhile) does not bring it back.
    if (!existing && entry.before !== null && entry.before !== undefined) throw new AppError('not-found', 'This view was deleted', 'args.viewId');
    if (existing) {
      checkMayChange(db, existing.view, agent, 'args.viewId');
      if (existing.view.ownerId !== agent && existing.view.scope !== args.scope) {
        throw new AppError('forbidden', 'Only the agent who made a view can change who sees it', 'args.scope');
      }
    }
    const ownerId = existing?.view.ownerId ?? agent;
    if (findViewNamed(db, args.name, args.scope, ownerId, args.viewId)) {
      throw new AppError('validation', `There is already a ${args.scope} view named "${args.name}"`, 'args.name');
    }
    const view: View = { id: args.viewId, name: args.name, scope: args.scope, ownerId, filter: args.filter, sort: args.sort };
    // The same content pulled meanwhile (another desktop saved it so): the backend changes nothing, nor does this.
    if (existing && sameViewContent(existing.view, view)) return imageOf(existing);
    upsertView(db, { view, createdAt: existing?.createdAt ?? args.updatedAt, updatedAt: args.updatedAt });
    return existing ? imageOf(existing) : null;
  },
  rollback({ db }, entry) {
    const viewId = stringArg(entry.args, 'viewId');
    if (viewId === null) return;
    const image = entry.before as ViewImage | null;
    if (image === null || image === undefined) removeView(db, viewId);
    else restoreView(db, viewId, image);
  },
};

const deleteSavedView: LocalApplier = {
  timelineOf: viewTimeline,
  touch: touchView,
  reapply({ db, agentId }, entry) {
    const args = parseArgs('view/delete', entry);
    const agent = requireAgent(agentId);
    const existing = getSavedView(db, args.viewId);
    // Gone already (deleted meanwhile, or its save refused): what the agent wanted is done, as on
    // the backend. Nothing was there before it, so a refusal of it must bring nothing back.
    if (!existing) return null;
    checkMayChange(db, existing.view, agent, 'args.viewId');
    deleteView(db, args.viewId, args.deletedAt);
    return imageOf(existing);
  },
  rollback({ db }, entry) {
    const viewId = stringArg(entry.args, 'viewId');
    const image = entry.before as ViewImage | null;
    if (viewId !== null && image) restoreView(db, viewId, image);
  },
};

type CustomerDetails = Pick<Customer, 'proficiency' | 'language' | 'timeZone' | 'phones' | 'optOuts'>;

const updateCustomer: LocalApplier = {
  timelineOf(args) {
    const customerId = stringArg(args, 'customerId');
    return customerId === null ? null : { kind: 'customer', id: customerId };
  },
  touch(args, touched) {
    const customerId = stringArg(args, 'customerId');
    if (customerId !== null) touched.customers.add(customerId);
  },
  reapply({ db }, entry) {
    const args = parseArgs('customer/update', entry);
    const customer = liveCustomer(db, args.customerId) && getCustomer(db, args.customerId);
    if (!customer) throw new AppError('not-found', `There is no customer ${args.customerId}`, 'args.customerId');
    const keys = Object.keys(args.patch) as (keyof CustomerDetails)[];
    const before = Object.fromEntries(keys.map((key) => [key, customer[key]]));
    if (keys.some((key) => JSON.stringify(customer[key]) !== JSON.stringify(args.patch[key]))) {
      updateCustomerDetails(db, { ...customer, ...args.patch }, args.updatedAt);
    }
    return before;
  },
  rollback({ db }, entry) {
    const customerId = stringArg(entry.args, 'customerId');
    const customer = customerId === null ? undefined : getCustomer(db, customerId);
    const before = entry.before as Partial<CustomerDetails> | null;
    if (!customer || !before) return;
    updateCustomerDetails(db, { ...customer, ...before }, entry.createdAt);
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
  'ticket/create': createTicket,
  'ticket/escalate': escalate,
  'ticket/merge': merge,
  'ticket/link': link,
  'ticket/unlink': unlink,
  'view/save': saveView,
  'view/delete': deleteSavedView,
  'customer/update': updateCustomer,
  'matrix/publish': publishMatrixApplier,
};

/** The local applier of a mutation name, if the desktop knows how to rebase it. */
export function localApplierOf(name: string): LocalApplier | undefined {
  return Object.hasOwn(localAppliers, name) ? localAppliers[name as MutationName] : undefined;
}
