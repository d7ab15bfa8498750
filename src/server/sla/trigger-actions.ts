// What a time trigger does when its moment comes, inside the transaction that recorded the firing:
// escalate (the ticket's level and group change through the field history, with a system note in
// the thread, as pull carries every ticket change to the desktops) and notify the recipients the
// rule names (a notification each, synced to that agent only).
import type { Message } from '../../shared/domain/message';
import { newId } from '../../shared/domain/ids';
import type { MatrixDocument, TriggerAction, TriggerRecipient } from '../../shared/domain/escalation-matrix/schema';
import { SYSTEM_AUTHOR } from '../../shared/domain/matrix-versions';
import type { Notification, SlaEscalation } from '../../shared/domain/notification';
import { SUPPORT_LEVELS, type SupportLevel, type Ticket } from '../../shared/domain/ticket';
import { applyTicketFields, changedTicketFields, TICKET_PATCH_FIELDS, type ChangeAuthor } from '../../shared/domain/ticket-field-change';
import { escalationNoteBody, NEXT_LEVEL, SYSTEM_AUTHOR_NAME } from '../../shared/domain/ticket-notes';
import type { TeamMember } from '../storage/sla-storage';
import type { WriteTx } from '../storage/storage';
import type { DueFiring } from './ticket-schedule';

/** The team as triggers see it: enabled members and the groups. */
export interface Team {
  members: TeamMember[];
  groups: { id: string; name: string; level: string }[];
}

/** What one firing did. */
export interface FiringOutcome {
  escalation: SlaEscalation | null;
  notified: string[];
}

/** The author of the changes the SLA scheduler makes. */
function systemAuthor(at: number): ChangeAuthor {
  return { agentId: null, agentName: SYSTEM_AUTHOR.name, clientId: null, mutationId: null, changedAt: at };
}

/** The level that lists a group (by name) in the matrix, if any. */
function levelOfGroup(matrix: MatrixDocument, groupName: string): SupportLevel | null {
  return SUPPORT_LEVELS.find((level) => matrix.levels[level].groups.includes(groupName)) ?? null;
}

/** Where an escalation action sends the ticket: null when it goes nowhere (at L4 already, in that group already). */
function escalationTarget(matrix: MatrixDocument, team: Team, ticket: Ticket, action: TriggerAction): { level: SupportLevel; group: Team['groups'][number] | null; groupName: string | null } | null {
  if (action.type === 'escalate-next-level') {
    const level = NEXT_LEVEL[ticket.level];
    if (!level) return null;
    const groupName = matrix.levels[level].groups[0] ?? null;
    return { level, group: team.groups.find((group) => group.name === groupName) ?? null, groupName };
  }
  if (action.type === 'escalate-to-group') {
    const group = team.groups.find((candidate) => candidate.name === action.group) ?? null;
    if (group && group.id === ticket.groupId) return null;
    const level = levelOfGroup(matrix, action.group) ?? (group ? (group.level as SupportLevel) : null);
    if (!level) return null;
    return { level, group, groupName: action.group };
  }
  return null;
}

/** Writes an escalation: level, group, no assignee, `new` becomes `open`; the field history and a system note. */
async function escalate(tx: WriteTx, ticket: Ticket, target: NonNullable<ReturnType<typeof escalationTarget>>, reason: string): Promise<Ticket> {
  const at = tx.now;
  const changed = changedTicketFields(ticket, {
    level: target.level,
    groupId: target.group?.id ?? null,
    assigneeId: null,
    status: ticket.status === 'new' ? 'open' : ticket.status,
  });
  const next = applyTicketFields(ticket, changed, at);
  await tx.saveTicket(next);
  for (const field of TICKET_PATCH_FIELDS) {
    if (changed[field] === undefined) continue;
    await tx.recordFieldChange({
      id: newId(),
      ticketId: ticket.id,
      field,
      previousValue: ticket[field],
      value: changed[field],
      changedBy: systemAuthor(at),
      overwritten: await tx.getFieldWriter(ticket.id, field),
      appliedAt: at,
    });
  }
  const note: Message = {
    id: newId(),
    ticketId: ticket.id,
    kind: 'note',
    authorType: 'system',
    authorId: null,
    authorName: SYSTEM_AUTHOR_NAME,
    channel: ticket.channel,
    bodyFormat: 'markdown',
    body: escalationNoteBody(ticket.level, target.level, target.group?.name ?? target.groupName, reason),
    attachments: [],
    createdAt: at,
  };
  await tx.addMessage(note);
  return next;
}

/** The members a notification goes to: the assignee as it was when the moment came, the group's members or leads (the team's leads when the group has none), the team's leads. */
function recipientsOf(team: Team, recipients: readonly TriggerRecipient[], assigneeBefore: string | null, groupId: string | null): string[] {
  const chosen = new Set<string>();
  const leads = team.members.filter((member) => member.role === 'lead');
  for (const recipient of recipients) {
    switch (recipient) {
      case 'assignee':
        if (assigneeBefore && team.members.some((member) => member.id === assigneeBefore)) chosen.add(assigneeBefore);
        break;
      case 'group':
        for (const member of team.members) if (groupId !== null && member.groupId === groupId) chosen.add(member.id);
        break;
      case 'group-lead': {
        const groupLeads = leads.filter((member) => groupId !== null && member.groupId === groupId);
        for (const member of groupLeads.length > 0 ? groupLeads : leads) chosen.add(member.id);
        break;
      }
      case 'team-leads':
        for (const member of leads) chosen.add(member.id);
        break;
    }
  }
  return [...chosen];
}

/**
 * Runs a firing's actions in order on the locked ticket: escalations first change the ticket,
 * notifications then go to the people of where it is now (and to the assignee it had). Answers
 * the ticket as it is after them and what was done.
 */
export async function runActions(
  tx: WriteTx,
  matrix: { version: number; document: MatrixDocument },
  team: Team,
  ticket: Ticket,
  firing: DueFiring,
  dueAt: number | null,
): Promise<{ ticket: Ticket; outcome: FiringOutcome }> {
  const assigneeBefore = ticket.assigneeId;
  let current = ticket;
  let escalation: SlaEscalation | null = null;
  for (const action of firing.trigger.actions) {
    const target = escalationTarget(matrix.document, team, current, action);
    if (!target) continue;
    const from = current.level;
    current = await escalate(tx, current, target, firing.trigger.triggerName);
    escalation = { from, to: target.level, groupId: target.group?.id ?? null, groupName: target.group?.name ?? target.groupName };
  }
  const notified: string[] = [];
  const recipients = new Set<string>();
  for (const action of firing.trigger.actions) {
    if (action.type !== 'notify') continue;
    for (const id of recipientsOf(team, action.recipients, assigneeBefore, current.groupId)) recipients.add(id);
  }
  for (const recipientId of recipients) {
    const notification: Notification = {
      id: newId(),
      recipientId,
      ticketId: current.id,
      ticketNumber: current.number,
      subject: current.subject,
      triggerId: firing.trigger.triggerId,
      triggerName: firing.trigger.triggerName,
      clock: firing.trigger.clock,
      moment: firing.moment,
      occurrence: firing.occurrence,
      dueAt,
      escalation,
      matrixVersion: matrix.version,
      createdAt: tx.now,
    };
    await tx.sla.addNotification(notification);
    notified.push(recipientId);
  }
  return { ticket: current, outcome: { escalation, notified } };
}
