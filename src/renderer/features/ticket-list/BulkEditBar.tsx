import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SUPPORT_LEVELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  tagSchema,
  type TicketFieldsPatch,
} from '../../../shared/domain/ticket';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusTarget } from '../../components/focus-targets';
import { useFormat } from '../../i18n/format';
import { useTeamStore } from '../team/team-store';
import { applyBulkEdit } from '../workspace/workspace-actions';
import { useTicketListStore } from './ticket-list-store';

const KEEP = '';
const NOBODY = '__none__';

function tagList(text: string): string[] | null {
  const tags = text
    .split(/[,\s]+/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  const parsed = tags.map((tag) => tagSchema.safeParse(tag));
  return parsed.every((p) => p.success) ? parsed.map((p) => p.data!) : null;
}

/** The bulk-edit bar over the picked tickets: set fields and tags on all of them as one action. */
export function BulkEditBar() {
  const { t } = useTranslation();
  const id = useId();
  const format = useFormat();
  const count = useTicketListStore((s) => s.picked.size);
  const busy = useTicketListStore((s) => s.bulkBusy);
  const error = useTicketListStore((s) => s.bulkError);
  const clearPicked = useTicketListStore((s) => s.clearPicked);
  const agents = useTeamStore((s) => s.agents);
  const groups = useTeamStore((s) => s.groups);
  const focusRef = useFocusTarget<HTMLSelectElement>('bulk');
  const [status, setStatus] = useState(KEEP);
  const [priority, setPriority] = useState(KEEP);
  const [assignee, setAssignee] = useState(KEEP);
  const [group, setGroup] = useState(KEEP);
  const [level, setLevel] = useState(KEEP);
  const [addTags, setAddTags] = useState('');
  const [removeTags, setRemoveTags] = useState('');
  const [tagsInvalid, setTagsInvalid] = useState(false);

  const agentList = useMemo(() => [...agents.values()].sort((a, b) => a.name.localeCompare(b.name)), [agents]);
  const groupList = useMemo(() => [...groups.values()].sort((a, b) => a.name.localeCompare(b.name)), [groups]);

  const patch: Omit<TicketFieldsPatch, 'tags'> = {};
  const statusValue = TICKET_STATUSES.find((s) => s === status);
  if (statusValue) patch.status = statusValue;
  const priorityValue = TICKET_PRIORITIES.find((p) => p === priority);
  if (priorityValue) patch.priority = priorityValue;
  const levelValue = SUPPORT_LEVELS.find((l) => l === level);
  if (levelValue) patch.level = levelValue;
  if (assignee !== KEEP) patch.assigneeId = assignee === NOBODY ? null : assignee;
  if (group !== KEEP) patch.groupId = group === NOBODY ? null : group;
  const adding = tagList(addTags);
  const removing = tagList(removeTags);
  const hasChange = Object.keys(patch).length > 0 || (adding?.length ?? 0) > 0 || (removing?.length ?? 0) > 0;

  const apply = async () => {
    if (adding === null || removing === null) {
      setTagsInvalid(true);
      return;
    }
    setTagsInvalid(false);
    if (!hasChange) return;
    const done = await applyBulkEdit(patch, { add: adding, remove: removing });
    if (done) {
      setStatus(KEEP);
      setPriority(KEEP);
      setAssignee(KEEP);
      setGroup(KEEP);
      setLevel(KEEP);
      setAddTags('');
      setRemoveTags('');
    }
  };

  const select = (
    key: string,
    label: string,
    value: string,
    onChange: (value: string) => void,
    options: { value: string; label: string }[],
    ref?: (element: HTMLSelectElement | null) => void,
  ) => (
    <div className="bulk-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} ref={ref} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value={KEEP}>{t('bulk.keep')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form
      className="bulk-bar"
      aria-label={t('bulk.label', { count: format.count(count) })}
      onSubmit={(event) => {
        event.preventDefault();
        void apply();
      }}
    >
      <p className="bulk-count">{t('bulk.selected', { count: format.count(count) })}</p>
      <div className="bulk-fields">
        {select('status', t('ticket.fields.status'), status, setStatus, TICKET_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })), focusRef)}
        {select('priority', t('ticket.fields.priority'), priority, setPriority, TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) })))}
        {select('assignee', t('ticket.fields.assignee'), assignee, setAssignee, [
          { value: NOBODY, label: t('ticket.unassigned') },
          ...agentList.map((agent) => ({ value: agent.id, label: agent.name })),
        ])}
        {select('group', t('ticket.fields.group'), group, setGroup, [
          { value: NOBODY, label: t('ticket.none_value') },
          ...groupList.map((g) => ({ value: g.id, label: g.name })),
        ])}
        {select('level', t('ticket.fields.level'), level, setLevel, SUPPORT_LEVELS.map((l) => ({ value: l, label: l })))}
        <div className="bulk-field">
          <label htmlFor={`${id}-add`}>{t('bulk.addTags')}</label>
          <input id={`${id}-add`} type="text" size={10} value={addTags} aria-invalid={(tagsInvalid && adding === null) || undefined} onChange={(e) => setAddTags(e.target.value)} />
        </div>
        <div className="bulk-field">
          <label htmlFor={`${id}-remove`}>{t('bulk.removeTags')}</label>
          <input id={`${id}-remove`} type="text" size={10} value={removeTags} aria-invalid={(tagsInvalid && removing === null) || undefined} onChange={(e) => setRemoveTags(e.target.value)} />
        </div>
      </div>
      <div className="bulk-actions">
        <button type="submit" className="button primary small" disabled={busy || !hasChange}>
          {busy ? t('bulk.applying') : t('bulk.apply', { count: format.count(count) })}
        </button>
        <button type="button" className="button small" onClick={clearPicked}>
          {t('bulk.clear')}
        </button>
      </div>
      {tagsInvalid && (
        <p role="alert" className="alert inline">
          {t('bulk.tagsInvalid')}
        </p>
      )}
      {error && <ErrorAlert error={error} />}
    </form>
  );
}
