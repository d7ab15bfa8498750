import type { TFunction } from 'i18next';
import type { ErrorBody } from '../../../shared/contract/errors';
import type { OverriddenNoteView, SyncRejectionView, SyncState } from '../../../shared/contract/sync-methods';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../shared/domain/ticket';
import type { TicketPatchField } from '../../../shared/domain/ticket-field-change';
import type { ApiError } from '../../api/api-error';
import { describeError } from '../../components/describe-error';
import type { Formatters } from '../../i18n/format';
import type { TicketLabel } from './sync-store';

/** Names for the ids a value may hold: agents and groups as the team store knows them. */
export interface Names {
  agent(id: string): string | null;
  group(id: string): string | null;
}

const FIELD_LABEL_KEYS = {
  status: 'ticket.fields.status',
  priority: 'ticket.fields.priority',
  assigneeId: 'ticket.fields.assignee',
  groupId: 'ticket.fields.group',
  level: 'ticket.fields.level',
  category: 'ticket.fields.category',
  tags: 'ticket.fields.tags',
} as const satisfies Record<TicketPatchField, string>;

/** The label of a ticket field, as the ticket pane shows it. */
export function fieldLabel(t: TFunction, field: TicketPatchField): string {
  return t(FIELD_LABEL_KEYS[field]);
}

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** A field's value in words: "Urgent", "Ana de Vries", "Unassigned", "billing, refund". */
export function fieldValueText(t: TFunction, field: TicketPatchField, value: unknown, names: Names): string {
  switch (field) {
    case 'status':
      return isOneOf(TICKET_STATUSES, value) ? t(`status.${value}`) : String(value);
    case 'priority':
      return isOneOf(TICKET_PRIORITIES, value) ? t(`priority.${value}`) : String(value);
    case 'assigneeId':
      if (value === null) return t('ticket.unassigned');
      return (typeof value === 'string' && names.agent(value)) || t('ticket.unknownAgent');
    case 'groupId':
      if (value === null) return t('ticket.none_value');
      return (typeof value === 'string' && names.group(value)) || t('ticket.unknownGroup');
    case 'level':
      return typeof value === 'string' ? value : String(value);
    case 'category':
      return typeof value === 'string' && value !== '' ? value : t('ticket.none_value');
    case 'tags':
      return Array.isArray(value) && value.length > 0 ? value.join(', ') : t('ticket.none_value');
  }
}

/** The sync state in a word or two, for the status bar and the settings. */
export function stateText(t: TFunction, state: SyncState): string {
  return t(`sync.state.${state}`);
}

/** Why sync stopped or fails right now, in words (never the backend's message). */
export function syncErrorText(t: TFunction, error: ErrorBody): string {
  if (error.code === 'validation' && error.field === 'protocolVersion') return t('sync.problem.protocol');
  if (error.code === 'forbidden' && error.field === 'account-disabled') return t('sync.problem.disabled');
  switch (error.code) {
    case 'unauthorized':
      return t('sync.problem.session');
    case 'forbidden':
      return t('sync.problem.forbidden');
    case 'offline':
      return t('sync.problem.offline');
    default:
      return t(`errors.code.${error.code}`);
  }
}

/** Why a sign-in failed, in words that say what to do; `url` is the address the agent typed. */
export function signInErrorText(t: TFunction, error: ApiError, url: string): string {
  if (error.code === 'validation') {
    if (error.field === 'url') return t('settings.errors.url');
    if (error.field === 'email') return t('settings.errors.email');
    if (error.field === 'password') return t('settings.errors.password');
  }
  switch (error.code) {
    case 'unauthorized':
      return t('settings.errors.unauthorized');
    case 'rate-limited':
      return t('settings.errors.rateLimited');
    case 'offline':
      return t('settings.errors.offline', { url });
    case 'forbidden':
      return t('settings.errors.disabled');
    case 'malformed':
    case 'not-found':
    case 'unknown-method':
      return t('settings.errors.notBackend', { url });
    default:
      return describeError(t, error);
  }
}

/** The input field a sign-in error is about, if it is about one. */
export function signInErrorField(error: ApiError): 'url' | 'email' | 'password' | null {
  if (error.code === 'validation' && (error.field === 'url' || error.field === 'email' || error.field === 'password')) return error.field;
  if (error.code === 'offline' || error.code === 'malformed' || error.code === 'not-found' || error.code === 'unknown-method') return 'url';
  if (error.code === 'unauthorized') return 'password';
  return null;
}

const MUTATION_KEYS = {
  'ticket/create': 'rejections.mutation.create',
  'ticket/escalate': 'rejections.mutation.escalate',
  'ticket/merge': 'rejections.mutation.merge',
  'ticket/link': 'rejections.mutation.link',
  'ticket/unlink': 'rejections.mutation.unlink',
  'customer/update': 'rejections.mutation.customer',
  'view/save': 'rejections.mutation.viewSave',
  'view/delete': 'rejections.mutation.viewDelete',
} as const;

function isPatchField(field: string): field is TicketPatchField {
  return Object.hasOwn(FIELD_LABEL_KEYS, field);
}

/** The ticket a change was made on, as the agent knows it: "#1042 Export fails", or that it is gone. */
export function ticketText(t: TFunction, format: Formatters, label: TicketLabel | undefined): string | null {
  if (label === undefined) return null;
  if (label.kind === 'missing') return t('rejections.missingTicket');
  const number = label.number === null ? t('ticket.newNumber') : t('ticket.number', { number: format.ticketNumber(label.number) });
  return `${number} ${label.subject}`;
}

/** What a refused change was, in words: "Priority → High, Status → Open on #1042 Export fails". */
export function changeText(t: TFunction, rejection: SyncRejectionView, names: Names, ticket: string | null): string {
  const args = (typeof rejection.args === 'object' && rejection.args !== null ? rejection.args : {}) as Record<string, unknown>;
  let what: string;
  if (rejection.name === 'ticket/update-fields' && typeof args.patch === 'object' && args.patch !== null) {
    what = Object.entries(args.patch as Record<string, unknown>)
      .filter(([field]) => isPatchField(field))
      .map(([field, value]) => t('rejections.set', { field: fieldLabel(t, field as TicketPatchField), value: fieldValueText(t, field as TicketPatchField, value, names) }))
      .join(', ');
  } else if (rejection.name === 'ticket/add-message') {
    what = args.kind === 'note' ? t('rejections.note') : t('rejections.reply');
  } else if (Object.hasOwn(MUTATION_KEYS, rejection.name)) {
    what = t(MUTATION_KEYS[rejection.name as keyof typeof MUTATION_KEYS]);
  } else {
    what = rejection.name;
  }
  return ticket === null ? what : t('rejections.onTicket', { change: what, ticket });
}

/** Why the backend refused a change, in words the agent understands. */
export function reasonText(t: TFunction, error: ErrorBody): string {
  switch (error.code) {
    case 'forbidden':
      return t('rejections.reason.forbidden');
    case 'not-found':
      return t('rejections.reason.notFound');
    case 'validation':
      return t('rejections.reason.validation');
    case 'conflict':
      return t('rejections.reason.conflict');
    case 'unknown-method':
      return t('rejections.reason.unknownMethod');
    default:
      return t(`errors.code.${error.code}`);
  }
}

/** "10:42" for an instant of today, else date and time. */
export function whenText(format: Formatters, atMs: number, nowMs: number): string {
  const day = (ms: number) => format.date(ms);
  if (day(atMs) !== day(nowMs)) return format.dateTime(atMs);
  return format.timeIn(atMs, format.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** "Priority was set to Urgent by Ana at 10:42; your change to High was overridden." */
export function noteText(t: TFunction, format: Formatters, note: OverriddenNoteView, names: Names, nowMs: number): string {
  return t('overridden.note', {
    field: fieldLabel(t, note.field),
    value: fieldValueText(t, note.field, note.value, names),
    name: note.changedBy.agentName,
    when: whenText(format, note.appliedAt, nowMs),
    yours: fieldValueText(t, note.field, note.yourValue, names),
  });
}
