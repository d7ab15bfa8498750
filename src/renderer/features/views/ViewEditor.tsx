import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPORT_PLANS, type Customer } from '../../../shared/domain/customer';
import { CHANNELS, SUPPORT_LEVELS, TICKET_PRIORITIES, TICKET_STATUSES, tagSchema } from '../../../shared/domain/ticket';
import {
  DEFAULT_VIEW_SORT,
  SLA_STATES,
  VIEW_SORT_FIELDS,
  viewFilterSchema,
  type View,
  type ViewFilter,
  type ViewSort,
} from '../../../shared/domain/view';
import { dayStartMs } from '../../../shared/search/day-start';
import type { ApiError } from '../../api/api-error';
import { toApiError } from '../../api/api-error';
import { Dialog } from '../../components/Dialog';
import { EnumSelect } from '../../components/EnumSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PickerCombobox } from '../../components/PickerCombobox';
import { useDialogStore } from '../../components/dialog-store';
import { useAgentTimeZone } from '../../i18n/agent-time-zone';
import { useCustomerStore } from '../customer/customer-store';
import { useTeamStore } from '../team/team-store';
import { selectView } from '../workspace/workspace-actions';
import { useViewsStore } from './views-store';

const DAY_MS = 86_400_000;

/** Newest (or highest) first, then oldest first: the order the editor offers them. */
const SORT_DIRECTIONS = ['desc', 'asc'] as const;

/** A day `YYYY-MM-DD` in a time zone, from an instant: the inverse of dayStartMs for the form's date fields. */
function dayOf(instantMs: number | undefined, timeZone: string | undefined): string {
  if (instantMs === undefined) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instantMs);
  return parts;
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + DAY_MS).toISOString().slice(0, 10);
}

function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - DAY_MS).toISOString().slice(0, 10);
}

type ListKey = 'statuses' | 'priorities' | 'channels' | 'levels' | 'plans' | 'slaStates';

interface FormState {
  name: string;
  scope: 'personal' | 'shared';
  lists: Record<ListKey, string[]>;
  unsolved: boolean;
  assignee: string;
  group: string;
  requester: { id: string; name: string } | null;
  organisation: { id: string; name: string } | null;
  tags: string;
  category: string;
  createdFrom: string;
  createdTo: string;
  updatedFrom: string;
  updatedTo: string;
  sort: ViewSort;
}

function initialForm(view: View | undefined, timeZone: string | undefined): FormState {
  const filter = view?.filter ?? {};
  return {
    name: view?.name ?? '',
    scope: view?.scope === 'shared' ? 'shared' : 'personal',
    lists: {
      statuses: filter.statuses ?? [],
      priorities: filter.priorities ?? [],
      channels: filter.channels ?? [],
      levels: filter.levels ?? [],
      plans: filter.plans ?? [],
      slaStates: filter.slaStates ?? [],
    },
    unsolved: filter.unsolved ?? false,
    assignee: filter.assignee ?? '',
    group: filter.groupId === undefined ? '' : filter.groupId === null ? 'none' : filter.groupId,
    requester: filter.requesterId ? { id: filter.requesterId, name: filter.requesterId } : null,
    organisation: filter.organisationId ? { id: filter.organisationId, name: filter.organisationId } : null,
    tags: (filter.tags ?? []).join(', '),
    category: filter.category ?? '',
    createdFrom: dayOf(filter.createdFrom, timeZone),
    createdTo: filter.createdTo === undefined ? '' : previousDay(dayOf(filter.createdTo, timeZone)),
    updatedFrom: dayOf(filter.updatedFrom, timeZone),
    updatedTo: filter.updatedTo === undefined ? '' : previousDay(dayOf(filter.updatedTo, timeZone)),
    sort: view?.sort ?? DEFAULT_VIEW_SORT,
  };
}

type Built = { ok: true; filter: ViewFilter } | { ok: false; problem: 'tags' };

function buildFilter(form: FormState, timeZone: string): Built {
  const filter: ViewFilter = {};
  for (const key of Object.keys(form.lists) as ListKey[]) {
    if (form.lists[key].length > 0) (filter as Record<string, unknown>)[key] = form.lists[key];
  }
  if (form.unsolved) filter.unsolved = true;
  if (form.assignee !== '') filter.assignee = form.assignee;
  if (form.group !== '') filter.groupId = form.group === 'none' ? null : form.group;
  if (form.requester) filter.requesterId = form.requester.id;
  if (form.organisation) filter.organisationId = form.organisation.id;
  const tags = form.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  if (tags.length > 0) {
    const parsed = tags.map((tag) => tagSchema.safeParse(tag));
    if (parsed.some((p) => !p.success)) return { ok: false, problem: 'tags' };
    filter.tags = parsed.map((p) => p.data!);
  }
  if (form.category.trim() !== '') filter.category = form.category.trim();
  // Date fields are days in the agent's zone; a "to" day includes the whole day (the bound is exclusive).
  if (form.createdFrom) filter.createdFrom = dayStartMs(form.createdFrom, timeZone);
  if (form.createdTo) filter.createdTo = dayStartMs(nextDay(form.createdTo), timeZone);
  if (form.updatedFrom) filter.updatedFrom = dayStartMs(form.updatedFrom, timeZone);
  if (form.updatedTo) filter.updatedTo = dayStartMs(nextDay(form.updatedTo), timeZone);
  return { ok: true, filter: viewFilterSchema.parse(filter) };
}

/** The "New view" / "Edit view" dialog: a name, who sees it, the filters and the sort. */
export function ViewEditor() {
  const { t } = useTranslation();
  const id = useId();
  const close = useDialogStore((s) => s.close);
  const editViewId = useDialogStore((s) => s.editViewId);
  const view = useViewsStore((s) => s.views.find((v) => v.id === editViewId && v.scope !== 'built-in'));
  const save = useViewsStore((s) => s.save);
  const remove = useViewsStore((s) => s.remove);
  const timeZone = useAgentTimeZone((s) => s.timeZone);
  const agents = useTeamStore((s) => s.agents);
  const groups = useTeamStore((s) => s.groups);
  const find = useCustomerStore((s) => s.find);
  const [form, setForm] = useState<FormState>(() => initialForm(view, timeZone));
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<'name' | 'tags' | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  const agentList = useMemo(() => [...agents.values()].sort((a, b) => a.name.localeCompare(b.name)), [agents]);
  const groupList = useMemo(() => [...groups.values()].sort((a, b) => a.name.localeCompare(b.name)), [groups]);

  const toggle = (key: ListKey, value: string) =>
    setForm((f) => {
      const list = f.lists[key].includes(value) ? f.lists[key].filter((v) => v !== value) : [...f.lists[key], value];
      return { ...f, lists: { ...f.lists, [key]: list } };
    });

  const onSave = async () => {
    if (form.name.trim() === '') {
      setProblem('name');
      return;
    }
    const built = buildFilter(form, zone);
    if (!built.ok) {
      setProblem(built.problem);
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const saved = await save({
        ...(view ? { id: view.id } : {}),
        name: form.name.trim(),
        scope: form.scope,
        filter: built.filter,
        sort: form.sort,
      });
      close();
      selectView(saved.id);
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  const onDelete = async () => {
    if (!view) return;
    setBusy(true);
    try {
      await remove(view.id);
      close();
      if (useViewsStore.getState().activeViewId === view.id) selectView('all-unsolved');
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  const checkboxGroup = (key: ListKey, legend: string, values: readonly string[], label: (value: string) => string) => (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value} className="check">
          <input type="checkbox" checked={form.lists[key].includes(value)} onChange={() => toggle(key, value)} />
          {label(value)}
        </label>
      ))}
    </fieldset>
  );

  const dateRange = (legend: string, fromKey: 'createdFrom' | 'updatedFrom', toKey: 'createdTo' | 'updatedTo') => (
    <fieldset className="date-range">
      <legend>{legend}</legend>
      <label>
        {t('viewEditor.from')}
        <input type="date" value={form[fromKey]} onChange={(e) => setForm((f) => ({ ...f, [fromKey]: e.target.value }))} />
      </label>
      <label>
        {t('viewEditor.to')}
        <input type="date" value={form[toKey]} onChange={(e) => setForm((f) => ({ ...f, [toKey]: e.target.value }))} />
      </label>
    </fieldset>
  );

  return (
    <Dialog
      title={view ? t('viewEditor.editTitle', { name: view.name ?? '' }) : t('viewEditor.newTitle')}
      onClose={close}
      closeLabel={t('common.close')}
      className="view-editor"
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onSave();
        }}
      >
        <div className="form-row">
          <div className="form-field grow">
            <label htmlFor={`${id}-name`}>{t('viewEditor.name')}</label>
            <input
              id={`${id}-name`}
              type="text"
              data-autofocus=""
              maxLength={80}
              value={form.name}
              aria-invalid={problem === 'name' || undefined}
              aria-describedby={problem === 'name' ? `${id}-name-error` : undefined}
              onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
            />
            {problem === 'name' && (
              <p id={`${id}-name-error`} role="alert" className="alert inline">
                {t('viewEditor.nameMissing')}
              </p>
            )}
          </div>
          <fieldset className="radio-group">
            <legend>{t('viewEditor.scope')}</legend>
            {(['personal', 'shared'] as const).map((scope) => (
              <label key={scope} className="check">
                <input type="radio" name={`${id}-scope`} checked={form.scope === scope} onChange={() => setForm((f) => ({ ...f, scope }))} />
                {t(`viewEditor.scopes.${scope}`)}
              </label>
            ))}
          </fieldset>
        </div>

        <h3 className="form-section">{t('viewEditor.filters')}</h3>
        <div className="filter-grid">
          {checkboxGroup('statuses', t('ticket.fields.status'), TICKET_STATUSES, (v) => t(`status.${v as 'open'}`))}
          <fieldset className="checkbox-group">
            <legend>{t('viewEditor.unsolvedLegend')}</legend>
            <label className="check">
              <input type="checkbox" checked={form.unsolved} onChange={(e) => setForm((f) => ({ ...f, unsolved: e.target.checked }))} />
              {t('viewEditor.unsolved')}
            </label>
          </fieldset>
          {checkboxGroup('priorities', t('ticket.fields.priority'), TICKET_PRIORITIES, (v) => t(`priority.${v as 'low'}`))}
          {checkboxGroup('channels', t('ticket.fields.channel'), CHANNELS, (v) => t(`channel.${v as 'email'}`))}
          {checkboxGroup('levels', t('ticket.fields.level'), SUPPORT_LEVELS, (v) => v)}
          {checkboxGroup('plans', t('ticket.requester.plan'), SUPPORT_PLANS, (v) => t(`plan.${v as 'basic'}`))}
          {checkboxGroup('slaStates', t('viewEditor.sla'), SLA_STATES, (v) => t(`slaState.${v as 'ok'}`))}
        </div>

        <div className="form-row wrap">
          <div className="form-field">
            <label htmlFor={`${id}-assignee`}>{t('ticket.fields.assignee')}</label>
            <select id={`${id}-assignee`} value={form.assignee} onChange={(e) => setForm((f) => ({ ...f, assignee: e.target.value }))}>
              <option value="">{t('viewEditor.anyone')}</option>
              <option value="me">{t('viewEditor.me')}</option>
              <option value="none">{t('ticket.unassigned')}</option>
              {agentList.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-group`}>{t('ticket.fields.group')}</label>
            <select id={`${id}-group`} value={form.group} onChange={(e) => setForm((f) => ({ ...f, group: e.target.value }))}>
              <option value="">{t('viewEditor.anyGroup')}</option>
              <option value="none">{t('ticket.none_value')}</option>
              {groupList.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-tags`}>{t('ticket.fields.tags')}</label>
            <input
              id={`${id}-tags`}
              type="text"
              value={form.tags}
              placeholder={t('viewEditor.tagsPlaceholder')}
              aria-invalid={problem === 'tags' || undefined}
              onChange={(e) => setForm((f) => ({ ...f, tags: e.target.value }))}
            />
            {problem === 'tags' && (
              <p role="alert" className="alert inline">
                {t('viewEditor.tagsInvalid')}
              </p>
            )}
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-category`}>{t('ticket.fields.category')}</label>
            <input id={`${id}-category`} type="text" maxLength={100} value={form.category} onChange={(e) => setForm((f) => ({ ...f, category: e.target.value }))} />
          </div>
        </div>

        <div className="form-row wrap">
          <CustomerFilter
            label={t('viewEditor.requester')}
            value={form.requester}
            clearLabel={t('viewEditor.clearRequester')}
            search={find}
            pick={(customer) => ({ id: customer.id, name: customer.name })}
            onChange={(requester) => setForm((f) => ({ ...f, requester }))}
          />
          <CustomerFilter
            label={t('viewEditor.organisation')}
            hint={t('viewEditor.organisationHint')}
            value={form.organisation}
            clearLabel={t('viewEditor.clearOrganisation')}
            search={async (text) => (await find(text)).filter((c) => c.organisationId !== null)}
            pick={(customer) => ({ id: customer.organisationId!, name: t('viewEditor.organisationOf', { name: customer.name }) })}
            onChange={(organisation) => setForm((f) => ({ ...f, organisation }))}
          />
        </div>

        <div className="form-row wrap">
          {dateRange(t('viewEditor.created'), 'createdFrom', 'createdTo')}
          {dateRange(t('viewEditor.updated'), 'updatedFrom', 'updatedTo')}
        </div>

        <h3 className="form-section">{t('viewEditor.sortTitle')}</h3>
        <div className="form-row">
          <EnumSelect
            className="form-field"
            labelKey="viewEditor.sortBy"
            values={VIEW_SORT_FIELDS}
            optionKey={(field) => `sort.${field}`}
            value={form.sort.field}
            onChange={(field) => setForm((f) => ({ ...f, sort: { ...f.sort, field } }))}
          />
          <EnumSelect
            className="form-field"
            labelKey="viewEditor.direction"
            values={SORT_DIRECTIONS}
            optionKey={(direction) => `sort.${direction}`}
            value={form.sort.direction}
            onChange={(direction) => setForm((f) => ({ ...f, sort: { ...f.sort, direction } }))}
          />
        </div>

        {error && <ErrorAlert error={error} />}
        <div className="dialog-actions">
          {view &&
            (confirmDelete ? (
              <span className="confirm-inline" role="group" aria-label={t('viewEditor.confirmDelete')}>
                <span>{t('viewEditor.confirmDelete')}</span>
                <button type="button" className="button danger" disabled={busy} onClick={() => void onDelete()}>
                  {t('viewEditor.deleteConfirmed')}
                </button>
                <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
                  {t('common.cancel')}
                </button>
              </span>
            ) : (
              <button type="button" className="button danger-subtle" onClick={() => setConfirmDelete(true)}>
                {t('viewEditor.delete')}
              </button>
            ))}
          <span className="spacer" />
          <button type="button" className="button" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {t('viewEditor.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function CustomerFilter(props: {
  label: string;
  hint?: string;
  value: { id: string; name: string } | null;
  clearLabel: string;
  search: (text: string) => Promise<Customer[]>;
  pick: (customer: Customer) => { id: string; name: string };
  onChange: (value: { id: string; name: string } | null) => void;
}) {
  if (props.value) {
    return (
      <div className="form-field">
        <span className="field-label">{props.label}</span>
        <span className="chip">
          {props.value.name}
          <button type="button" className="icon-button" aria-label={props.clearLabel} onClick={() => props.onChange(null)}>
            <span aria-hidden="true">×</span>
          </button>
        </span>
      </div>
    );
  }
  return (
    <div className="form-field">
      <PickerCombobox<Customer>
        label={props.label}
        hint={props.hint}
        search={props.search}
        optionKey={(c) => c.id}
        optionLabel={(c) => (c.email ? `${c.name} <${c.email}>` : c.name)}
        onPick={(customer) => props.onChange(props.pick(customer))}
      />
    </div>
  );
}
