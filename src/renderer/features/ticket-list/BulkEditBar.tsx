import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SUPPORT_LEVELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  tagSchema,
  type SupportLevel,
  type TicketFieldsPatch,
  type TicketPriority,
  type TicketStatus,
  type TicketTagEdit,
} from '../../../shared/domain/ticket';
import { EnumSelect } from '../../components/EnumSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusTarget } from '../../components/focus-targets';
import { useFormat } from '../../i18n/format';
import { useTeamStore } from '../team/team-store';
import { applyBulkEdit } from '../workspace/workspace-actions';
import { useTicketListStore } from './ticket-list-store';

const KEEP = '';
const NOBODY = '__none__';

/** The tags typed in a field, normalised as the store keeps them; null when one is not a valid tag. */
function tagList(text: string): string[] | null {
  const tags = text
    .split(/[,\s]+/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  const parsed = tags.map((tag) => tagSchema.safeParse(tag));
  return parsed.every((p) => p.success) ? [...new Set(parsed.map((p) => p.data!))] : null;
}

/** The bulk-edit bar over the picked tickets: set fields, add and remove tags on all of them as one action. */
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
  const addTagsRef = useFocusTarget<HTMLInputElement>('bulk-add-tags');
  const removeTagsRef = useFocusTarget<HTMLInputElement>('bulk-remove-tags');
  const [status, setStatus] = useState<TicketStatus | null>(null);
  const [priority, setPriority] = useState<TicketPriority | null>(null);
  const [assignee, setAssignee] = useState(KEEP);
  const [group, setGroup] = useState(KEEP);
  const [level, setLevel] = useState<SupportLevel | null>(null);
  const [addTags, setAddTags] = useState('');
  const [removeTags, setRemoveTags] = useState('');
  const [tagProblem, setTagProblem] = useState<'invalid' | 'both' | null>(null);

  const agentList = useMemo(() => [...agents.values()].sort((a, b) => a.name.localeCompare(b.name)), [agents]);
  const groupList = useMemo(() => [...groups.values()].sort((a, b) => a.name.localeCompare(b.name)), [groups]);

  const patch: Omit<TicketFieldsPatch, 'tags'> = {};
  if (status) patch.status = status;
  if (priority) patch.priority = priority;
  if (level) patch.level = level;
  if (assignee !== KEEP) patch.assigneeId = assignee === NOBODY ? null : assignee;
  if (group !== KEEP) patch.groupId = group === NOBODY ? null : group;
  const adding = tagList(addTags);
  const removing = tagList(removeTags);
  // Typed tags count even when invalid, so Apply (and Enter) can say what is wrong with them.
  const hasChange = Object.keys(patch).length > 0 || addTags.trim() !== '' || removeTags.trim() !== '';

  const apply = async () => {
    if (adding === null || removing === null) {
      setTagProblem('invalid');
      return;
    }
    if (adding.some((tag) => removing.includes(tag))) {
      setTagProblem('both');
      return;
    }
    setTagProblem(null);
    const tags: TicketTagEdit | null = adding.length + removing.length > 0 ? { add: adding, remove: removing } : null;
    if (Object.keys(patch).length === 0 && tags === null) return;
    const done = await applyBulkEdit(patch, tags);
    if (done) {
      setStatus(null);
      setPriority(null);
      setAssignee(KEEP);
      setGroup(KEEP);
      setLevel(null);
      setAddTags('');
      setRemoveTags('');
    }
  };

  // Agents and groups are not a fixed set: their selects are written out here.
  const entitySelect = (key: string, label: string, value: string, onChange: (value: string) => void, options: { value: string; label: string }[]) => (
    <div className="bulk-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={value} onChange={(event) => onChange(event.target.value)}>
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
        <EnumSelect
          className="bulk-field"
          labelKey="ticket.fields.status"
          ref={focusRef}
          values={TICKET_STATUSES}
          optionKey={(value) => `status.${value}`}
          emptyKey="bulk.keep"
          value={status}
          onChange={setStatus}
        />
        <EnumSelect
          className="bulk-field"
          labelKey="ticket.fields.priority"
          values={TICKET_PRIORITIES}
          optionKey={(value) => `priority.${value}`}
          emptyKey="bulk.keep"
          value={priority}
          onChange={setPriority}
        />
        {entitySelect('assignee', t('ticket.fields.assignee'), assignee, setAssignee, [
          { value: NOBODY, label: t('ticket.unassigned') },
          ...agentList.map((agent) => ({ value: agent.id, label: agent.name })),
        ])}
        {entitySelect('group', t('ticket.fields.group'), group, setGroup, [
          { value: NOBODY, label: t('ticket.none_value') },
          ...groupList.map((g) => ({ value: g.id, label: g.name })),
        ])}
        <EnumSelect className="bulk-field" labelKey="ticket.fields.level" values={SUPPORT_LEVELS} emptyKey="bulk.keep" value={level} onChange={setLevel} />
        <div className="bulk-field">
          <label htmlFor={`${id}-add`}>{t('bulk.addTags')}</label>
          <input
            id={`${id}-add`}
            ref={addTagsRef}
            type="text"
            size={10}
            value={addTags}
            aria-invalid={(tagProblem === 'invalid' && adding === null) || tagProblem === 'both' || undefined}
            aria-describedby={tagProblem ? `${id}-tag-problem` : undefined}
            onChange={(e) => setAddTags(e.target.value)}
          />
        </div>
        <div className="bulk-field">
          <label htmlFor={`${id}-remove`}>{t('bulk.removeTags')}</label>
          <input
            id={`${id}-remove`}
            ref={removeTagsRef}
            type="text"
            size={10}
            value={removeTags}
            aria-invalid={(tagProblem === 'invalid' && removing === null) || tagProblem === 'both' || undefined}
            aria-describedby={tagProblem ? `${id}-tag-problem` : undefined}
            onChange={(e) => setRemoveTags(e.target.value)}
          />
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
      {tagProblem && (
        <p id={`${id}-tag-problem`} role="alert" className="alert inline">
          {t(tagProblem === 'both' ? 'bulk.tagsBoth' : 'bulk.tagsInvalid')}
        </p>
      )}
      {error && <ErrorAlert error={error} />}
    </form>
  );
}
