import { useTranslation } from 'react-i18next';
import type { TicketFieldsPatch } from '../../../shared/domain/ticket';
import { useTeamStore } from '../team/team-store';

/** A macro's field changes in words: "Status → Pending, Tags → billing, refund". */
export function FieldChanges({ fields }: { fields: TicketFieldsPatch | Record<string, never> }) {
  const { t } = useTranslation();
  const agents = useTeamStore((s) => s.agents);
  const groups = useTeamStore((s) => s.groups);
  const patch = fields as TicketFieldsPatch;
  const parts: string[] = [];
  if (patch.status) parts.push(`${t('ticket.fields.status')} → ${t(`status.${patch.status}`)}`);
  if (patch.priority) parts.push(`${t('ticket.fields.priority')} → ${t(`priority.${patch.priority}`)}`);
  if (patch.level) parts.push(`${t('ticket.fields.level')} → ${patch.level}`);
  if (patch.assigneeId !== undefined)
    parts.push(`${t('ticket.fields.assignee')} → ${patch.assigneeId === null ? t('ticket.unassigned') : (agents.get(patch.assigneeId)?.name ?? t('ticket.unknownAgent'))}`);
  if (patch.groupId !== undefined)
    parts.push(`${t('ticket.fields.group')} → ${patch.groupId === null ? t('ticket.none_value') : (groups.get(patch.groupId)?.name ?? t('ticket.unknownGroup'))}`);
  if (patch.category !== undefined) parts.push(`${t('ticket.fields.category')} → ${patch.category ?? t('ticket.none_value')}`);
  if (patch.tags) parts.push(`${t('ticket.fields.tags')} → ${patch.tags.join(', ') || t('ticket.none_value')}`);
  return <span className="field-changes">{parts.join('; ')}</span>;
}
