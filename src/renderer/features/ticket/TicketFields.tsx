import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPORT_LEVELS, TICKET_PRIORITIES, TICKET_STATUSES, type Ticket } from '../../../shared/domain/ticket';
import { EnumSelect } from '../../components/EnumSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusTarget } from '../../components/focus-targets';
import { useTeamStore } from '../team/team-store';
import { TagsEditor } from './TagsEditor';
import { useTicketStore } from './ticket-store';

const NOBODY = '__none__';

/** The ticket's fields, each changed in one action as the agent picks a value. */
export function TicketFields({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const id = useId();
  const fieldsError = useTicketStore((s) => s.fieldsError);
  const updateFields = useTicketStore((s) => s.updateFields);
  const agents = useTeamStore((s) => s.agents);
  const groups = useTeamStore((s) => s.groups);
  const statusRef = useFocusTarget<HTMLSelectElement>('status');
  const priorityRef = useFocusTarget<HTMLSelectElement>('priority');
  const assigneeRef = useFocusTarget<HTMLSelectElement>('assignee');
  const groupRef = useFocusTarget<HTMLSelectElement>('group');
  const levelRef = useFocusTarget<HTMLSelectElement>('level');
  const categoryRef = useFocusTarget<HTMLInputElement>('category');
  const agentList = useMemo(() => [...agents.values()].sort((a, b) => a.name.localeCompare(b.name)), [agents]);
  const groupList = useMemo(() => [...groups.values()].sort((a, b) => a.level.localeCompare(b.level) || a.name.localeCompare(b.name)), [groups]);

  return (
    <div className="ticket-fields" role="group" aria-label={t('ticket.fieldsLabel')} data-command-area="fields">
      <EnumSelect
        className="field"
        labelKey="ticket.fields.status"
        ref={statusRef}
        values={TICKET_STATUSES}
        optionKey={(status) => `status.${status}`}
        value={ticket.status}
        onChange={(status) => void updateFields({ status })}
      />
      <EnumSelect
        className="field"
        labelKey="ticket.fields.priority"
        ref={priorityRef}
        values={TICKET_PRIORITIES}
        optionKey={(priority) => `priority.${priority}`}
        value={ticket.priority}
        onChange={(priority) => void updateFields({ priority })}
      />
      <div className="field">
        <label htmlFor={`${id}-assignee`}>{t('ticket.fields.assignee')}</label>
        <select
          id={`${id}-assignee`}
          ref={assigneeRef}
          value={ticket.assigneeId ?? NOBODY}
          onChange={(event) => void updateFields({ assigneeId: event.target.value === NOBODY ? null : event.target.value })}
        >
          <option value={NOBODY}>{t('ticket.unassigned')}</option>
          {ticket.assigneeId !== null && !agents.has(ticket.assigneeId) && <option value={ticket.assigneeId}>{t('ticket.unknownAgent')}</option>}
          {agentList.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-group`}>{t('ticket.fields.group')}</label>
        <select
          id={`${id}-group`}
          ref={groupRef}
          value={ticket.groupId ?? NOBODY}
          onChange={(event) => void updateFields({ groupId: event.target.value === NOBODY ? null : event.target.value })}
        >
          <option value={NOBODY}>{t('ticket.none_value')}</option>
          {ticket.groupId !== null && !groups.has(ticket.groupId) && <option value={ticket.groupId}>{t('ticket.unknownGroup')}</option>}
          {groupList.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </select>
      </div>
      <EnumSelect
        className="field"
        selectClassName="narrow"
        labelKey="ticket.fields.level"
        ref={levelRef}
        values={SUPPORT_LEVELS}
        value={ticket.level}
        onChange={(level) => void updateFields({ level })}
      />
      <CategoryField key={`${ticket.id}-${ticket.category ?? ''}`} ticket={ticket} inputRef={categoryRef} />
      <TagsEditor ticket={ticket} />
      {fieldsError && <ErrorAlert error={fieldsError} />}
    </div>
  );
}

/** The category as a text field, saved when the agent leaves it or presses Enter. */
function CategoryField({ ticket, inputRef }: { ticket: Ticket; inputRef: (element: HTMLInputElement | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const updateFields = useTicketStore((s) => s.updateFields);
  const [value, setValue] = useState(ticket.category ?? '');
  const commit = () => {
    const category = value.trim() === '' ? null : value.trim();
    if (category !== ticket.category) void updateFields({ category });
  };
  return (
    <div className="field">
      <label htmlFor={id}>{t('ticket.fields.category')}</label>
      <input
        id={id}
        ref={inputRef}
        type="text"
        className="category-input"
        maxLength={100}
        value={value}
        placeholder={t('ticket.none_value')}
        onChange={(event) => setValue(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          }
        }}
      />
    </div>
  );
}
