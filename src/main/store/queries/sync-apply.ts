// How pulled changes land in the local tables, and the reads and writes the rebase needs. Kept
// apart from the tables' own query files: these write the backend's authoritative values as they
// come (an upsert replaces the whole row; a tombstone removes it, so an erase reaches the desktop).
import type { SyncEntity, SyncEntityValue } from '../../../shared/contract/sync-protocol';
import type { Customer, Organisation } from '../../../shared/domain/customer';
import type { Message } from '../../../shared/domain/message';
import type { Agent, Group, SupportLevelInfo } from '../../../shared/domain/team';
import type { Ticket } from '../../../shared/domain/ticket';
import { REVERSE_LINK_KIND, ticketsOfLinkKey, type SyncedTicketLink } from '../../../shared/domain/ticket-link';
import type { SavedViewValue } from '../../../shared/domain/view';
import { assert } from '../../../shared/contract/errors';
import { stmt, type Db } from '../db';
import { deleteFieldChange, upsertFieldChange } from './sync-state';
import { getTicket, insertTicket, TICKET_COLUMNS, ticketFromRow, updateTicket, type TicketDbRow } from './tickets';
import { MESSAGE_COLUMNS, messageToRow, type MessageDbRow } from './messages';
import { customerToRow } from './customers';
import { agentToRow } from './team';
import { putMatrixVersion, putNotification } from './matrix';

/**
 * Writes a ticket whole: inserted, or its row made equal to `ticket`. An existing row gets an
 * UPDATE of only the columns whose value differs (so rowid and search index stay, and of the
 * dozen indexes on tickets only those on changed columns are rewritten: a catch-up into a large
 * store is mostly that).
 */
export function putTicket(db: Db, ticket: Ticket): void {
  const existing = stmt<[string], TicketDbRow & { deleted_at: number | null }>(db, `SELECT ${TICKET_COLUMNS}, deleted_at FROM tickets WHERE id = ?`).get(ticket.id);
  // Numbers come from the backend and never move; a stale local holder of the number (a store
  // that once synced with another backend) gives it up rather than failing the whole page.
  if (ticket.number !== null && existing?.number !== ticket.number) {
    stmt(db, 'UPDATE tickets SET number = NULL WHERE number = ? AND id <> ?').run(ticket.number, ticket.id);
  }
  if (!existing) {
    insertTicket(db, ticket);
    return;
  }
  updateTicket(db, ticketFromRow(existing), ticket);
  if (existing.deleted_at !== null) stmt(db, 'UPDATE tickets SET deleted_at = NULL WHERE id = ?').run(ticket.id);
}

/** A live local ticket, as the rebase reads it. */
export const readTicket = getTicket;

export function removeTicket(db: Db, id: string): void {
  stmt(db, 'DELETE FROM tickets WHERE id = ?').run(id);
}

/** Writes a message whole (inserted, or replaced in place so its search entry follows). */
export function putMessage(db: Db, message: Message): void {
  stmt<[MessageDbRow]>(
    db,
    `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (@id, @ticket_id, @kind, @author_type, @author_id, @author_name, @channel,
       @body_format, @body, @attachments, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET ticket_id = excluded.ticket_id, kind = excluded.kind, author_type = excluded.author_type,
       author_id = excluded.author_id, author_name = excluded.author_name, channel = excluded.channel,
       body_format = excluded.body_format, body = excluded.body, attachments = excluded.attachments,
       created_at = excluded.created_at, updated_at = excluded.updated_at, deleted_at = NULL`,
  ).run(messageToRow(message));
}

/** Whether a live message with this id is in the store. */
export function messageExists(db: Db, id: string): boolean {
  return stmt<[string]>(db, 'SELECT 1 FROM messages WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

export function removeMessage(db: Db, id: string): void {
  stmt(db, 'DELETE FROM messages WHERE id = ?').run(id);
}

function putCustomer(db: Db, customer: Customer, at: number): void {
  stmt(
    db,
    `INSERT INTO customers (id, name, email, phones, organisation_id, plan, time_zone, language, proficiency, opt_outs, created_at, updated_at)
     VALUES (@id, @name, @email, @phones, @organisation_id, @plan, @time_zone, @language, @proficiency, @opt_outs, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, phones = excluded.phones,
       organisation_id = excluded.organisation_id, plan = excluded.plan, time_zone = excluded.time_zone, language = excluded.language,
       proficiency = excluded.proficiency, opt_outs = excluded.opt_outs, created_at = excluded.created_at,
       updated_at = excluded.updated_at, deleted_at = NULL`,
  ).run({ ...customerToRow(customer), updated_at: at });
}

function putOrganisation(db: Db, organisation: Organisation, at: number): void {
  stmt(
    db,
    `INSERT INTO organisations (id, name, plan, domain, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, plan = excluded.plan, domain = excluded.domain,
       created_at = excluded.created_at, updated_at = excluded.updated_at, deleted_at = NULL`,
  ).run(organisation.id, organisation.name, organisation.plan, organisation.domain, organisation.createdAt, at);
}

function putAgent(db: Db, agent: Agent, at: number): void {
  stmt(
    db,
    `INSERT INTO agents (id, name, email, role, group_id, time_zone, language, updated_at)
     VALUES (@id, @name, @email, @role, @group_id, @time_zone, @language, @updated_at)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role, group_id = excluded.group_id,
       time_zone = excluded.time_zone, language = excluded.language, updated_at = excluded.updated_at, deleted_at = NULL`,
  ).run(agentToRow(agent, at));
}

function putGroup(db: Db, group: Group, at: number): void {
  stmt(
    db,
    `INSERT INTO groups (id, name, level, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, updated_at = excluded.updated_at, deleted_at = NULL`,
  ).run(group.id, group.name, group.level, at);
}

function putLevel(db: Db, level: SupportLevelInfo, at: number): void {
  stmt(
    db,
    `INSERT INTO support_levels (level, name, scope, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (level) DO UPDATE SET name = excluded.name, scope = excluded.scope, updated_at = excluded.updated_at, deleted_at = NULL`,
  ).run(level.level, level.name, level.scope, at);
}

/**
 * Writes the backend's value of a ticket link: both directions (the other ticket reads the reverse
 * kind), live, with the backend's times.
 */
export function putTicketLinkPair(db: Db, link: SyncedTicketLink): void {
  const put = stmt(
    db,
    `INSERT INTO ticket_links (ticket_id, other_id, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (ticket_id, other_id) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at,
       updated_at = excluded.updated_at, deleted_at = NULL`,
  );
  put.run(link.ticketId, link.otherId, link.kind, link.createdAt, link.updatedAt);
  put.run(link.otherId, link.ticketId, REVERSE_LINK_KIND[link.kind], link.createdAt, link.updatedAt);
}

/** Removes the link between two tickets, both directions. */
export function removeTicketLinkPair(db: Db, ticketId: string, otherId: string): void {
  const remove = stmt(db, 'DELETE FROM ticket_links WHERE ticket_id = ? AND other_id = ?');
  remove.run(ticketId, otherId);
  remove.run(otherId, ticketId);
}

/** Writes the backend's value of a saved view, replacing the local row (a tombstoned one comes back). */
export function putView(db: Db, view: SavedViewValue): void {
  stmt(
    db,
    `INSERT INTO views (id, name, scope, owner_id, filter, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, scope = excluded.scope, owner_id = excluded.owner_id,
       filter = excluded.filter, sort = excluded.sort, created_at = excluded.created_at, updated_at = excluded.updated_at, deleted_at = NULL`,
  ).run(view.id, view.name, view.scope, view.ownerId, JSON.stringify(view.filter), JSON.stringify(view.sort), view.createdAt, view.updatedAt);
}

export function removeView(db: Db, id: string): void {
  stmt(db, 'DELETE FROM views WHERE id = ?').run(id);
}

/**
 * The local table and key column of each synced entity (constants: safe to put into SQL). A ticket
 * link's key is the pair (`<lower id>:<higher id>`, both directions stored): it has its own delete
 * and sweep below.
 */
export const ENTITY_TABLES: Record<SyncEntity, { table: string; key: string }> = {
  ticket: { table: 'tickets', key: 'id' },
  message: { table: 'messages', key: 'id' },
  'ticket-field-change': { table: 'ticket_field_changes', key: 'id' },
  customer: { table: 'customers', key: 'id' },
  organisation: { table: 'organisations', key: 'id' },
  agent: { table: 'agents', key: 'id' },
  group: { table: 'groups', key: 'id' },
  level: { table: 'support_levels', key: 'level' },
  'ticket-link': { table: 'ticket_links', key: 'ticket_id' },
  view: { table: 'views', key: 'id' },
  'matrix-version': { table: 'matrix_versions', key: 'version' },
  notification: { table: 'notifications', key: 'id' },
};

/** Writes the backend's value of one entity, replacing the local row. `at` stamps rows whose value carries no time. */
export function upsertEntity<E extends SyncEntity>(db: Db, entity: E, value: SyncEntityValue<E>, at: number): void {
  switch (entity) {
    case 'ticket':
      return putTicket(db, value as Ticket);
    case 'message':
      return putMessage(db, value as Message);
    case 'ticket-field-change':
      return upsertFieldChange(db, value as SyncEntityValue<'ticket-field-change'>);
    case 'customer':
      return putCustomer(db, value as Customer, at);
    case 'organisation':
      return putOrganisation(db, value as Organisation, at);
    case 'agent':
      return putAgent(db, value as Agent, at);
    case 'group':
      return putGroup(db, value as Group, at);
    case 'level':
      return putLevel(db, value as SupportLevelInfo, at);
    case 'ticket-link':
      return putTicketLinkPair(db, value as SyncedTicketLink);
    case 'view':
      return putView(db, value as SavedViewValue);
    case 'matrix-version':
      // The backend's version replaces whatever this desktop held under its number (its own pending one, the default).
      return putMatrixVersion(db, value as SyncEntityValue<'matrix-version'>, 'backend');
    case 'notification':
      return putNotification(db, value as SyncEntityValue<'notification'>);
  }
  assert(false, `an entity of the sync table: ${String(entity)}`);
}

/** Removes one entity the backend deleted (an erase must leave nothing behind on the desktop). */
export function deleteEntity(db: Db, entity: SyncEntity, key: string): void {
  if (entity === 'ticket-field-change') return deleteFieldChange(db, key);
  if (entity === 'ticket-link') {
    const pair = ticketsOfLinkKey(key);
    if (pair) removeTicketLinkPair(db, pair[0], pair[1]);
    return;
  }
  const { table, key: column } = ENTITY_TABLES[entity];
  stmt(db, `DELETE FROM ${table} WHERE ${column} = ?`).run(key);
}

/** Notes that a rebuild delivered this key (a reset's sweep keeps it). */
export function markSeen(db: Db, entity: SyncEntity, key: string): void {
  stmt(db, 'INSERT OR IGNORE INTO sync_seen (entity, key) VALUES (?, ?)').run(entity, key);
}

export function clearSeen(db: Db): void {
  stmt(db, 'DELETE FROM sync_seen').run();
}

/**
 * One step of a reset's sweep over one entity's table: looks at up to `limit` keys after
 * `afterKey` and removes those the rebuild did not deliver, except `keep` (what pending local
 * mutations made). Answers the last key looked at, or null when the table is done, and the keys removed.
 */
export function sweepUnseen(db: Db, entity: SyncEntity, afterKey: string, limit: number, keep: ReadonlySet<string>): { lastKey: string | null; removed: string[] } {
  if (entity === 'ticket-link') return sweepUnseenLinks(db, afterKey, limit, keep);
  const { table, key } = ENTITY_TABLES[entity];
  const rows = stmt<[string, string, number], { key: string; seen: number }>(
    db,
    `SELECT t.${key} AS key, EXISTS (SELECT 1 FROM sync_seen s WHERE s.entity = ? AND s.key = t.${key}) AS seen
     FROM ${table} t WHERE t.${key} > ? ORDER BY t.${key} LIMIT ?`,
  ).all(entity, afterKey, limit);
  const removed: string[] = [];
  for (const row of rows) {
    if (row.seen || keep.has(row.key)) continue;
    deleteEntity(db, entity, row.key);
    removed.push(row.key);
  }
  return { lastKey: rows.length < limit ? null : rows.at(-1)!.key, removed };
}

/** {@link sweepUnseen} for ticket links: one step over the pairs (the direction from the lower id), in key order. */
function sweepUnseenLinks(db: Db, afterKey: string, limit: number, keep: ReadonlySet<string>): { lastKey: string | null; removed: string[] } {
  const [afterTicket, afterOther] = ticketsOfLinkKey(afterKey) ?? ['', ''];
  const rows = stmt<[string, string, number], { ticketId: string; otherId: string; seen: number }>(
    db,
    `SELECT t.ticket_id AS ticketId, t.other_id AS otherId,
       EXISTS (SELECT 1 FROM sync_seen s WHERE s.entity = 'ticket-link' AND s.key = t.ticket_id || ':' || t.other_id) AS seen
     FROM ticket_links t WHERE t.ticket_id < t.other_id AND (t.ticket_id, t.other_id) > (?, ?)
     ORDER BY t.ticket_id, t.other_id LIMIT ?`,
  ).all(afterTicket, afterOther, limit);
  const removed: string[] = [];
  for (const row of rows) {
    const key = `${row.ticketId}:${row.otherId}`;
    if (row.seen || keep.has(key)) continue;
    removeTicketLinkPair(db, row.ticketId, row.otherId);
    removed.push(key);
  }
  const last = rows.at(-1);
  return { lastKey: rows.length < limit || !last ? null : `${last.ticketId}:${last.otherId}`, removed };
}

/** A live group with its level, or undefined. */
export function liveGroup(db: Db, id: string): { id: string; name: string; level: string } | undefined {
  return stmt<[string], { id: string; name: string; level: string }>(db, 'SELECT id, name, level FROM groups WHERE id = ? AND deleted_at IS NULL').get(id);
}

/** The name of a live agent, or undefined. */
export function agentName(db: Db, id: string): string | undefined {
  return stmt<[string], { name: string }>(db, 'SELECT name FROM agents WHERE id = ? AND deleted_at IS NULL').get(id)?.name;
}

export function liveAgentExists(db: Db, id: string): boolean {
  return stmt<[string]>(db, 'SELECT 1 FROM agents WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

export function liveGroupExists(db: Db, id: string): boolean {
  return stmt<[string]>(db, 'SELECT 1 FROM groups WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

export function liveCustomer(db: Db, id: string): { id: string; name: string; organisationId: string | null } | undefined {
  return stmt<[string], { id: string; name: string; organisationId: string | null }>(
    db,
    'SELECT id, name, organisation_id AS organisationId FROM customers WHERE id = ? AND deleted_at IS NULL',
  ).get(id);
}

/** Whether the store holds any data a backend would send (sample data, or another backend's). */
export function holdsSyncedData(db: Db): boolean {
  return (
    stmt<[], { any: number }>(
      db,
      'SELECT EXISTS (SELECT 1 FROM tickets) OR EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM agents) OR EXISTS (SELECT 1 FROM groups) AS any',
    ).get()!.any === 1
  );
}
