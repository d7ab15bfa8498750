// The escalation matrix's versions and the SLA scheduler's tables (migration 003), and the reads
// that gather what the clocks need for a batch of tickets in a few statements.
import type { SlaClock, SlaMessage } from '../../../shared/business-time/sla-clocks';
import type { MatrixDocument, MatrixVersion } from '../../../shared/domain/escalation-matrix/schema';
import type { AuthorType, MessageKind } from '../../../shared/domain/message';
import type { Notification } from '../../../shared/domain/notification';
import type { Role } from '../../../shared/domain/team';
import type { MatrixTicketFacts } from '../../../shared/domain/escalation-matrix/ticket-policy';
import type { StatusChangeRecord, TimedTicket } from '../../../shared/domain/ticket-sla';
import { UNSOLVED_STATUSES, type Channel, type SupportLevel, type TicketPriority, type TicketStatus } from '../../../shared/domain/ticket';
import { assert } from '../../../shared/contract/errors';
import type { SqlExecutor } from '../sql-driver';
import { inList, insertRows, parseJson, placeholders } from './sql';

interface MatrixVersionRow {
  version: number;
  author_id: string;
  author_name: string;
  saved_at: number;
  published_at: number;
  change_summary: string;
  based_on_version: number | null;
  document?: string;
}

const SUMMARY_COLUMNS = 'version, author_id, author_name, saved_at, published_at, change_summary, based_on_version';

/** A published version without its document (the history list). */
export type MatrixVersionSummary = Omit<MatrixVersion, 'document'>;

function summaryFromRow(row: MatrixVersionRow): MatrixVersionSummary {
  return {
    version: row.version,
    status: 'published',
    author: { id: row.author_id, name: row.author_name },
    savedAt: row.saved_at,
    publishedAt: row.published_at,
    changeSummary: row.change_summary,
    basedOnVersion: row.based_on_version,
  };
}

function versionFromRow(row: MatrixVersionRow): MatrixVersion {
  return { ...summaryFromRow(row), document: parseJson<MatrixDocument>(row.document!) };
}

/** The number of the version in force, its counter row locked until the transaction ends (0 before the first). */
export async function lockMatrixHead(db: SqlExecutor): Promise<number> {
  const row = await db.get<{ value: number }>("UPDATE counters SET value = value WHERE name = 'matrix_version' RETURNING value");
  assert(row, 'the counter matrix_version exists');
  return row.value;
}

/** Writes a published version and makes it the one in force (the caller holds the head's lock). */
export async function insertMatrixVersion(db: SqlExecutor, version: MatrixVersion): Promise<void> {
  await db.run(
    `INSERT INTO matrix_versions (${SUMMARY_COLUMNS}, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      version.version,
      version.author.id,
      version.author.name,
      version.savedAt,
      version.publishedAt ?? version.savedAt,
      version.changeSummary,
      version.basedOnVersion,
      JSON.stringify(version.document),
    ],
  );
  await db.run("UPDATE counters SET value = ? WHERE name = 'matrix_version'", [version.version]);
}

export async function getMatrixVersion(db: SqlExecutor, version: number): Promise<MatrixVersion | undefined> {
  const row = await db.get<MatrixVersionRow>(`SELECT ${SUMMARY_COLUMNS}, document FROM matrix_versions WHERE version = ?`, [version]);
  return row && versionFromRow(row);
}

/** The version in force (the highest published), or undefined before the first. */
export async function currentMatrixVersion(db: SqlExecutor): Promise<MatrixVersion | undefined> {
  const row = await db.get<MatrixVersionRow>(`SELECT ${SUMMARY_COLUMNS}, document FROM matrix_versions ORDER BY version DESC LIMIT 1`);
  return row && versionFromRow(row);
}

/** Every published version, newest first, without documents. */
export async function listMatrixVersions(db: SqlExecutor): Promise<MatrixVersionSummary[]> {
  const rows = await db.all<MatrixVersionRow>(`SELECT ${SUMMARY_COLUMNS} FROM matrix_versions ORDER BY version DESC`);
  return rows.map(summaryFromRow);
}

/** When the scheduler next looks at a ticket, and its due time, under a version. */
export interface SlaScheduleRow {
  ticketId: string;
  nextAt: number | null;
  dueAt: number | null;
  matrixVersion: number;
  computedAt: number;
}

export async function upsertSchedules(db: SqlExecutor, rows: readonly SlaScheduleRow[]): Promise<void> {
  await insertRows(
    db,
    'sla_schedule',
    ['ticket_id', 'next_at', 'due_at', 'matrix_version', 'computed_at'],
    rows.map((row) => [row.ticketId, row.nextAt, row.dueAt, row.matrixVersion, row.computedAt]),
    `ON CONFLICT (ticket_id) DO UPDATE SET next_at = excluded.next_at, due_at = excluded.due_at,
       matrix_version = excluded.matrix_version, computed_at = excluded.computed_at`,
  );
}

export async function getSchedule(db: SqlExecutor, ticketId: string): Promise<SlaScheduleRow | undefined> {
  const row = await db.get<{ ticket_id: string; next_at: number | null; due_at: number | null; matrix_version: number; computed_at: number }>(
    'SELECT ticket_id, next_at, due_at, matrix_version, computed_at FROM sla_schedule WHERE ticket_id = ?',
    [ticketId],
  );
  return row && { ticketId: row.ticket_id, nextAt: row.next_at, dueAt: row.due_at, matrixVersion: row.matrix_version, computedAt: row.computed_at };
}

/** Tickets with a trigger moment at or before `now`, soonest first. */
export async function listDueSchedules(db: SqlExecutor, now: number, limit: number): Promise<string[]> {
  const rows = await db.all<{ ticket_id: string }>(
    'SELECT ticket_id FROM sla_schedule WHERE next_at IS NOT NULL AND next_at <= ? ORDER BY next_at, ticket_id LIMIT ?',
    [now, limit],
  );
  return rows.map((row) => row.ticket_id);
}

/** One trigger moment acted on. */
export interface TriggerFiring {
  ticketId: string;
  clock: SlaClock;
  triggerId: string;
  startedAt: number;
  occurrence: number;
  firedAt: number;
  matrixVersion: number;
}

/** Records a firing; false when it was recorded before (by this instance or another): then nothing is to be done. */
export async function insertFiring(db: SqlExecutor, firing: TriggerFiring): Promise<boolean> {
  const written = await db.run(
    `INSERT INTO sla_firings (ticket_id, clock, trigger_id, started_at, occurrence, fired_at, matrix_version)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [firing.ticketId, firing.clock, firing.triggerId, firing.startedAt, firing.occurrence, firing.firedAt, firing.matrixVersion],
  );
  return written > 0;
}

/** The key of a trigger on one run of a clock. */
export function firingKey(ticketId: string, clock: string, triggerId: string, startedAt: number): string {
  return `${ticketId}\u0000${clock}\u0000${triggerId}\u0000${startedAt}`;
}

/** The highest occurrence recorded per (ticket, clock, trigger, clock start) of these tickets, by {@link firingKey}. */
export async function listFiredOccurrences(db: SqlExecutor, ticketIds: readonly string[]): Promise<Map<string, number>> {
  const fired = new Map<string, number>();
  if (ticketIds.length === 0) return fired;
  const where = inList(db, 'ticket_id', ticketIds);
  const rows = await db.all<{ ticket_id: string; clock: string; trigger_id: string; started_at: number; occurrence: number }>(
    `SELECT ticket_id, clock, trigger_id, started_at, max(occurrence) AS occurrence FROM sla_firings
     WHERE ${where.sql} GROUP BY ticket_id, clock, trigger_id, started_at`,
    [where.param],
  );
  for (const row of rows) fired.set(firingKey(row.ticket_id, row.clock, row.trigger_id, Number(row.started_at)), Number(row.occurrence));
  return fired;
}

export async function insertNotification(db: SqlExecutor, notification: Notification): Promise<void> {
  await db.run('INSERT INTO notifications (id, recipient_id, ticket_id, created_at, value) VALUES (?, ?, ?, ?, ?)', [
    notification.id,
    notification.recipientId,
    notification.ticketId,
    notification.createdAt,
    JSON.stringify(notification),
  ]);
}

/** An agent's notifications, newest first. */
export async function listNotifications(db: SqlExecutor, recipientId: string, limit: number): Promise<Notification[]> {
  const rows = await db.all<{ value: string }>(
    'SELECT value FROM notifications WHERE recipient_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
    [recipientId, limit],
  );
  return rows.map((row) => parseJson<Notification>(row.value));
}

/** What the clocks and the triggers read of one ticket: the ticket's own fields, its group's name, the requester, its history. */
export interface SlaTicketInputs {
  id: string;
  number: number | null;
  subject: string;
  ticket: TimedTicket;
  facts: MatrixTicketFacts;
  requesterId: string;
  assigneeId: string | null;
  groupId: string | null;
  customer: { plan: string; timeZone: string } | null;
  statusChanges: StatusChangeRecord[];
  messages: SlaMessage[];
}

interface TimedTicketRow {
  id: string;
  number: number | null;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  category: string | null;
  tags: string;
  requester_id: string;
  organisation_id: string | null;
  assignee_id: string | null;
  group_id: string | null;
  group_name: string | null;
  level: string;
  created_at: number;
  updated_at: number;
  solved_at: number | null;
}

/** These tickets with the inputs of their clocks, by ticket id, in five statements; ids that name no ticket are left out. */
export async function loadSlaInputs(db: SqlExecutor, ticketIds: readonly string[]): Promise<Map<string, SlaTicketInputs>> {
  const byId = new Map<string, SlaTicketInputs>();
  if (ticketIds.length === 0) return byId;
  const ids = [...new Set(ticketIds)];
  const ticketsWhere = inList(db, 't.id', ids);
  const tickets = await db.all<TimedTicketRow>(
    `SELECT t.id, t.number, t.subject, t.status, t.priority, t.channel, t.category, t.tags, t.requester_id, t.organisation_id,
       t.assignee_id, t.group_id, g.name AS group_name, t.level, t.created_at, t.updated_at, t.solved_at
     FROM tickets t LEFT JOIN groups g ON g.id = t.group_id WHERE ${ticketsWhere.sql}`,
    [ticketsWhere.param],
  );
  if (tickets.length === 0) return byId;
  const customerIds = [...new Set(tickets.map((row) => row.requester_id))];
  const customersWhere = inList(db, 'id', customerIds);
  const customers = new Map(
    (await db.all<{ id: string; plan: string; time_zone: string }>(`SELECT id, plan, time_zone FROM customers WHERE ${customersWhere.sql}`, [customersWhere.param])).map(
      (row) => [row.id, { plan: row.plan, timeZone: row.time_zone }],
    ),
  );
  for (const row of tickets) {
    byId.set(row.id, {
      id: row.id,
      number: row.number === null ? null : Number(row.number),
      subject: row.subject,
      ticket: { createdAt: Number(row.created_at), status: row.status as TicketStatus, updatedAt: Number(row.updated_at), solvedAt: row.solved_at === null ? null : Number(row.solved_at) },
      facts: {
        priority: row.priority as TicketPriority,
        channel: row.channel as Channel,
        category: row.category,
        tags: parseJson<string[]>(row.tags),
        organisationId: row.organisation_id,
        level: row.level as SupportLevel,
        group: row.group_name,
      },
      requesterId: row.requester_id,
      assigneeId: row.assignee_id,
      groupId: row.group_id,
      customer: customers.get(row.requester_id) ?? null,
      statusChanges: [],
      messages: [],
    });
  }
  const found = [...byId.keys()];
  const messagesWhere = inList(db, 'ticket_id', found);
  const messages = await db.all<{ ticket_id: string; created_at: number; author_type: string; kind: string }>(
    `SELECT ticket_id, created_at, author_type, kind FROM messages WHERE ${messagesWhere.sql}`,
    [messagesWhere.param],
  );
  for (const row of messages) {
    byId.get(row.ticket_id)?.messages.push({ createdAt: Number(row.created_at), authorType: row.author_type as AuthorType, kind: row.kind as MessageKind });
  }
  const changesWhere = inList(db, 'ticket_id', found);
  const changes = await db.all<{ ticket_id: string; previous_value: string; value: string; changed_by: string }>(
    `SELECT ticket_id, previous_value, value, changed_by FROM ticket_field_changes WHERE ${changesWhere.sql} AND field = 'status'`,
    [changesWhere.param],
  );
  for (const row of changes) {
    const from = parseJson<unknown>(row.previous_value);
    const to = parseJson<unknown>(row.value);
    const at = parseJson<{ changedAt: number }>(row.changed_by).changedAt;
    if (typeof from === 'string' && typeof to === 'string') byId.get(row.ticket_id)?.statusChanges.push({ at, from, to });
  }
  return byId;
}

const OPEN = `status IN (${placeholders(UNSOLVED_STATUSES.length)})`;

/** Unsolved tickets after `afterId`, in id order (a sweep's walk). */
export async function listOpenTicketIds(db: SqlExecutor, afterId: string, limit: number): Promise<string[]> {
  const rows = await db.all<{ id: string }>(`SELECT id FROM tickets WHERE id > ? AND ${OPEN} ORDER BY id LIMIT ?`, [afterId, ...UNSOLVED_STATUSES, limit]);
  return rows.map((row) => row.id);
}

/** The unsolved tickets of these requesters (their plan or zone changed). */
export async function listOpenTicketIdsOfRequesters(db: SqlExecutor, customerIds: readonly string[]): Promise<string[]> {
  if (customerIds.length === 0) return [];
  const where = inList(db, 'requester_id', customerIds);
  const rows = await db.all<{ id: string }>(`SELECT id FROM tickets WHERE ${where.sql} AND ${OPEN}`, [where.param, ...UNSOLVED_STATUSES]);
  return rows.map((row) => row.id);
}

/** A change-log entry that can move a ticket's clocks. */
export interface SlaChangeRow {
  id: number;
  entity: 'ticket' | 'message' | 'ticket-field-change' | 'customer' | 'matrix-version';
  entityKey: string;
  value: string | null;
}

/** The changes at positions in (`after`, `upTo`] that can move clocks, in log order. */
export async function listSlaChanges(db: SqlExecutor, after: number, upTo: number, limit: number): Promise<SlaChangeRow[]> {
  const rows = await db.all<{ id: number; entity: SlaChangeRow['entity']; entity_key: string; value: string | null }>(
    `SELECT id, entity, entity_key, value FROM change_log
     WHERE id > ? AND id <= ? AND entity IN ('ticket', 'message', 'ticket-field-change', 'customer', 'matrix-version')
     ORDER BY id LIMIT ?`,
    [after, upTo, limit],
  );
  return rows.map((row) => ({ id: Number(row.id), entity: row.entity, entityKey: row.entity_key, value: row.value }));
}

/** An enabled member of the team, as triggers pick recipients. */
export interface TeamMember {
  id: string;
  role: Role;
  groupId: string | null;
}

/** The agents whose accounts may sign in, and the groups (id, name, level). */
export async function loadTeam(db: SqlExecutor): Promise<{ members: TeamMember[]; groups: { id: string; name: string; level: string }[] }> {
  const members = await db.all<{ id: string; role: Role; group_id: string | null }>(
    'SELECT a.id, ac.role, a.group_id FROM agents a JOIN accounts ac ON ac.id = a.id WHERE ac.disabled_at IS NULL ORDER BY a.id',
  );
  const groups = await db.all<{ id: string; name: string; level: string }>('SELECT id, name, level FROM groups ORDER BY id');
  return { members: members.map((row) => ({ id: row.id, role: row.role, groupId: row.group_id })), groups };
}
