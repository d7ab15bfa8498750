// Everything sync keeps equal between a desktop and the backend, read from a desktop store in the
// shapes the backend syncs, so a convergence test compares them whole: tickets (number, level,
// merge target included), messages, the field history, customers, ticket links and saved views.
// The backend's side is backend-truth.ts. Imports no backend code: desktop processes use it too.
import type { Db } from '../../../src/main/store/db';
import { listAllCustomers } from '../../../src/main/store/queries/customers';
import { MESSAGE_COLUMNS, messageFromRow, type MessageDbRow } from '../../../src/main/store/queries/messages';
import { listAllTickets } from '../../../src/main/store/queries/tickets';
import type { Customer } from '../../../src/shared/domain/customer';
import type { Message } from '../../../src/shared/domain/message';
import type { Ticket } from '../../../src/shared/domain/ticket';
import type { TicketFieldChange } from '../../../src/shared/domain/ticket-field-change';
import { orientLink, type SyncedTicketLink } from '../../../src/shared/domain/ticket-link';
import type { SavedViewValue } from '../../../src/shared/domain/view';

/** The synced data one account holds, each list by id (links by their pair). */
export interface SyncedData {
  tickets: Ticket[];
  messages: Message[];
  fieldChanges: TicketFieldChange[];
  customers: Customer[];
  links: SyncedTicketLink[];
  views: SavedViewValue[];
}

// Plain code-unit order, as SQLite's ORDER BY sorts the ids.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const byId = <T extends { id: string }>(a: T, b: T) => compare(a.id, b.id);
export const byPair = (a: SyncedTicketLink, b: SyncedTicketLink) => compare(`${a.ticketId}:${a.otherId}`, `${b.ticketId}:${b.otherId}`);

interface LinkDbRow {
  ticket_id: string;
  other_id: string;
  kind: SyncedTicketLink['kind'];
  created_at: number;
  updated_at: number;
}

/**
 * The live links of a desktop store as the backend keeps them (one per pair, from the lower id).
 * Each pair is stored once per direction: read from the higher end (and turned around) too, so a
 * half-written pair shows as a difference.
 */
function localLinks(db: Db): { links: SyncedTicketLink[]; readFromOtherEnd: SyncedTicketLink[] } {
  const rows = db.prepare<[], LinkDbRow>('SELECT ticket_id, other_id, kind, created_at, updated_at FROM ticket_links WHERE deleted_at IS NULL').all();
  const asValue = (row: LinkDbRow): SyncedTicketLink => ({
    ...orientLink(row.ticket_id, row.other_id, row.kind),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  return {
    links: rows.filter((row) => row.ticket_id < row.other_id).map(asValue).sort(byPair),
    readFromOtherEnd: rows.filter((row) => row.ticket_id > row.other_id).map(asValue).sort(byPair),
  };
}

interface FieldChangeDbRow {
  id: string;
  ticket_id: string;
  field: TicketFieldChange['field'];
  previous_value: string | null;
  value: string | null;
  changed_by: string;
  overwritten: string | null;
  applied_at: number;
}

function localFieldChanges(db: Db): TicketFieldChange[] {
  return db
    .prepare<[], FieldChangeDbRow>('SELECT id, ticket_id, field, previous_value, value, changed_by, overwritten, applied_at FROM ticket_field_changes ORDER BY id')
    .all()
    .map((row) => ({
      id: row.id,
      ticketId: row.ticket_id,
      field: row.field,
      previousValue: row.previous_value === null ? null : JSON.parse(row.previous_value),
      value: row.value === null ? null : JSON.parse(row.value),
      changedBy: JSON.parse(row.changed_by),
      overwritten: row.overwritten === null ? null : JSON.parse(row.overwritten),
      appliedAt: row.applied_at,
    }));
}

interface ViewDbRow {
  id: string;
  name: string;
  scope: SavedViewValue['scope'];
  owner_id: string;
  filter: string;
  sort: string;
  created_at: number;
  updated_at: number;
}

/** Every live saved view in the store, whoever owns it (another agent's personal view must not be there). */
function localViews(db: Db): SavedViewValue[] {
  return db
    .prepare<[], ViewDbRow>('SELECT id, name, scope, owner_id, filter, sort, created_at, updated_at FROM views WHERE deleted_at IS NULL ORDER BY id')
    .all()
    .map((row) => ({
      id: row.id,
      name: row.name,
      scope: row.scope,
      ownerId: row.owner_id,
      filter: JSON.parse(row.filter),
      sort: JSON.parse(row.sort),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
}

/**
 * The synced data of a desktop store, with the link pairs read from their other end beside them.
 * `dueAt` is left out when `withDueAt` is false: a desktop running the SLA clock derives it itself.
 */
export function localSyncedData(db: Db, options: { withDueAt?: boolean } = {}): SyncedData & { linksReadFromOtherEnd: SyncedTicketLink[] } {
  const { links, readFromOtherEnd } = localLinks(db);
  const tickets = listAllTickets(db).sort(byId);
  return {
    tickets: options.withDueAt === false ? tickets.map(withoutDueAt) : tickets,
    messages: db.prepare<[], MessageDbRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE deleted_at IS NULL ORDER BY id`).all().map(messageFromRow),
    fieldChanges: localFieldChanges(db),
    customers: listAllCustomers(db).sort(byId),
    links,
    linksReadFromOtherEnd: readFromOtherEnd,
    views: localViews(db),
  };
}

/** A ticket without its SLA due time (derived on each side, never compared). */
export function withoutDueAt(ticket: Ticket): Ticket {
  return { ...ticket, dueAt: null };
}
