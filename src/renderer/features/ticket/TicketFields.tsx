import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_PRIORITIES, TICKET_STATUSES, type Ticket } from '../../../shared/domain/ticket';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusTarget } from '../../components/focus-targets';
import { useTeamStore } from '../team/team-store';
import { useTicketStore } from './ticket-store';

/** The ticket's fields: status and priority to change, the rest to read. */
export function TicketFields({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const statusId = useId();
  const priorityId = useId();
  const fieldsError = useTicketStore((s) => s.fieldsError);
  const updateFields = useTicketStore((s) => s.updateFields);
  const assignee = useTeamStore((s) => (ticket.assigneeId ? s.agents.get(ticket.assigneeId)?.name : undefined));
  const group = useTeamStore((s) => (ticket.groupId ? s.groups.get(ticket.groupId)?.name : undefined));
  const statusRef = useFocusTarget<HTMLSelectElement>('status');

  return (
    <div className="ticket-fields" role="group" aria-label={t('ticket.fieldsLabel')}>
      <div className="field">
        <label htmlFor={statusId}>{t('ticket.fields.status')}</label>
        <select
          id={statusId}
          ref={statusRef}
          value={ticket.status}
          onChange={(event) => {
            const status = TICKET_STATUSES.find((s) => s === event.target.value);
            if (status) void updateFields({ status });
          }}
        >
          {TICKET_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={priorityId}>{t('ticket.fields.priority')}</label>
        <select
          id={priorityId}
          value={ticket.priority}
          onChange={(event) => {
            const priority = TICKET_PRIORITIES.find((p) => p === event.target.value);
            if (priority) void updateFields({ priority });
          }}
        >
          {TICKET_PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t(`priority.${priority}`)}
            </option>
          ))}
        </select>
      </div>
      <dl className="field-values">
        <div>
          <dt>{t('ticket.fields.level')}</dt>
          <dd>{ticket.level}</dd>
        </div>
        <div>
          <dt>{t('ticket.fields.assignee')}</dt>
          <dd>{assignee ?? <span className="muted">{t('ticket.unassigned')}</span>}</dd>
        </div>
        <div>
          <dt>{t('ticket.fields.group')}</dt>
          <dd>{group ?? <span className="muted">{t('ticket.none_value')}</span>}</dd>
        </div>
        {ticket.tags.length > 0 && (
          <div>
            <dt>{t('ticket.fields.tags')}</dt>
            <dd className="tags">
              {ticket.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      {fieldsError && <ErrorAlert error={fieldsError} />}
    </div>
  );
}
