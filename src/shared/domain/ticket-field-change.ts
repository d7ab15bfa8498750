import { z } from 'zod';
import { idSchema, instantSchema } from './ids';
import type { Ticket, TicketFieldsPatch } from './ticket';

/** The ticket fields an agent changes directly, in the order the ticket pane shows them. */
export const TICKET_PATCH_FIELDS = ['status', 'priority', 'assigneeId', 'groupId', 'level', 'category', 'tags'] as const;
/** One directly changeable ticket field. */
export const ticketPatchFieldSchema = z.enum(TICKET_PATCH_FIELDS);
export type TicketPatchField = z.infer<typeof ticketPatchFieldSchema>;

/** Who made a change: the agent (null for imports and the system), the desktop and its mutation. */
export const changeAuthorSchema = z.object({
  agentId: idSchema.nullable(),
  agentName: z.string(),
  clientId: idSchema.nullable(),
  mutationId: idSchema.nullable(),
  /** When the agent made the change on their desktop (epoch ms), which may be long before it synced. */
  changedAt: instantSchema,
});
export type ChangeAuthor = z.infer<typeof changeAuthorSchema>;

/**
 * One entry of a ticket's field history, written by the backend whenever a field's value changes.
 * Ticket fields are last-writer-wins per field in server order; when the value replaced was set
 * by someone else, `overwritten` names them, so the desktop that lost can say "priority was set to
 * urgent by Bo at 10:42; your change to high was overridden".
 */
export const ticketFieldChangeSchema = z.object({
  /** Server-made id, unique across the team. */
  id: idSchema,
  ticketId: idSchema,
  field: ticketPatchFieldSchema,
  /** The value before this change (JSON as the ticket holds it). */
  previousValue: z.unknown(),
  /** The value after this change. */
  value: z.unknown(),
  changedBy: changeAuthorSchema,
  /** Who set `previousValue`, when the backend knows it (null for imported values). */
  overwritten: changeAuthorSchema.nullable(),
  /** When the backend applied the change (epoch ms, server clock). */
  appliedAt: instantSchema,
});
export type TicketFieldChange = z.infer<typeof ticketFieldChangeSchema>;

/**
 * The fields of a patch whose value differs from the ticket's (values compared as JSON). Tags are
 * a set: a tag named twice counts once (as in a bulk tag edit), so the desktop and the backend
 * store the same list, and a pulled ticket never carries a tag twice.
 */
export function changedTicketFields(ticket: Ticket, patch: TicketFieldsPatch): TicketFieldsPatch {
  const changed: Record<string, unknown> = {};
  for (const field of TICKET_PATCH_FIELDS) {
    const value = field === 'tags' && patch.tags !== undefined ? [...new Set(patch.tags)] : patch[field];
    if (value === undefined) continue;
    if (JSON.stringify(ticket[field]) !== JSON.stringify(value)) changed[field] = value;
  }
  return changed as TicketFieldsPatch;
}

/**
 * The ticket after a patch of changed fields at instant `at`: `solvedAt` is set when the ticket
 * becomes solved or closed (kept if it already was) and cleared when it reopens. The same rule
 * the desktop applies locally, so both sides agree on the result.
 */
export function applyTicketFields(ticket: Ticket, changed: TicketFieldsPatch, at: number): Ticket {
  const next: Ticket = { ...ticket, ...changed, updatedAt: Math.max(ticket.updatedAt, at) };
  if (changed.status !== undefined) {
    next.solvedAt = changed.status === 'solved' || changed.status === 'closed' ? (ticket.solvedAt ?? at) : null;
  }
  return next;
}
