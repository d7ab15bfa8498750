import { AppError } from '../../../shared/contract/errors';
import { newId } from '../../../shared/domain/ids';
import type { Ticket, TicketFieldsPatch } from '../../../shared/domain/ticket';
import { applyTicketFields, TICKET_PATCH_FIELDS } from '../../../shared/domain/ticket-field-change';
import { authorOf, type ApplyContext } from '../apply-context';

/**
 * Refuses changed fields that name an agent or group the backend does not hold. Only what
 * changes is checked (as on the desktop): keeping an assignee who has left since is not an error.
 */
export async function checkTicketReferences(ctx: ApplyContext, changed: TicketFieldsPatch, fieldPrefix: string): Promise<void> {
  if (changed.assigneeId && !(await ctx.tx.getAgent(changed.assigneeId))) {
    throw new AppError('validation', 'There is no such agent', `${fieldPrefix}.assigneeId`);
  }
  if (changed.groupId && !(await ctx.tx.getGroup(changed.groupId))) {
    throw new AppError('validation', 'There is no such group', `${fieldPrefix}.groupId`);
  }
}

/**
 * Writes a ticket's changed fields at the agent's instant `at` (already clamped), and whatever
 * else the mutation sets (`also`, fields outside the field history such as the merge target).
 * Every changed field goes into the field history with the writer it replaced: fields are
 * last-writer-wins in server order whichever mutation wrote them. Answers the ticket as saved.
 */
export async function writeTicketFields(ctx: ApplyContext, ticket: Ticket, changed: TicketFieldsPatch, at: number, also: Partial<Ticket> = {}): Promise<Ticket> {
  const { tx } = ctx;
  const next: Ticket = { ...applyTicketFields(ticket, changed, at), ...also };
  await tx.saveTicket(next);
  const author = authorOf(ctx, at);
  for (const field of TICKET_PATCH_FIELDS) {
    if (changed[field] === undefined) continue;
    await tx.recordFieldChange({
      id: newId(),
      ticketId: ticket.id,
      field,
      previousValue: ticket[field],
      value: changed[field],
      changedBy: author,
      overwritten: await tx.getFieldWriter(ticket.id, field),
      appliedAt: tx.now,
    });
  }
  return next;
}

/** Locks two tickets in id order (two pushes locking the same pair never wait on each other in a circle). */
export async function lockTicketPair(ctx: ApplyContext, firstId: string, secondId: string): Promise<[Ticket | undefined, Ticket | undefined]> {
  if (firstId < secondId) {
    const first = await ctx.tx.lockTicket(firstId);
    return [first, await ctx.tx.lockTicket(secondId)];
  }
  const second = await ctx.tx.lockTicket(secondId);
  return [await ctx.tx.lockTicket(firstId), second];
}
