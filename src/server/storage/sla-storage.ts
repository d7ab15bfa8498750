// The escalation matrix's and the SLA scheduler's part of a storage transaction (`tx.sla`): kept
// beside the Storage interface rather than in it, over the same executor, so its writes that
// desktops must receive (versions, notifications) land in the change log like every other.
import type { SyncEntity } from '../../shared/contract/sync-protocol';
import type { MatrixVersion } from '../../shared/domain/escalation-matrix/schema';
import type { Notification } from '../../shared/domain/notification';
import { getMeta, setMeta } from './queries/meta';
import * as sla from './queries/sla';
import type { SqlExecutor } from './sql-driver';

export type { MatrixVersionSummary, SlaChangeRow, SlaScheduleRow, SlaTicketInputs, TeamMember, TriggerFiring } from './queries/sla';

/** What every transaction can read of the matrix and the scheduler's state. */
export interface SlaReadTx {
  /** The version in force (the highest published); undefined before the first. */
  currentMatrix(): Promise<MatrixVersion | undefined>;
  getMatrixVersion(version: number): Promise<MatrixVersion | undefined>;
  /** Every published version, newest first, without documents. */
  listMatrixVersions(): Promise<sla.MatrixVersionSummary[]>;
  /** Unsolved tickets after `afterId` in id order. */
  listOpenTicketIds(afterId: string, limit: number): Promise<string[]>;
  listOpenTicketIdsOfRequesters(customerIds: readonly string[]): Promise<string[]>;
  /** Tickets with a trigger moment at or before `now`, soonest first. */
  listDueSchedules(now: number, limit: number): Promise<string[]>;
  getSchedule(ticketId: string): Promise<sla.SlaScheduleRow | undefined>;
  /** Change-log entries that can move clocks, at positions in (`after`, `upTo`]. */
  listSlaChanges(after: number, upTo: number, limit: number): Promise<sla.SlaChangeRow[]>;
  /** What the clocks and triggers of these tickets read, by ticket id. */
  loadSlaInputs(ticketIds: readonly string[]): Promise<Map<string, sla.SlaTicketInputs>>;
  /** The highest occurrence fired per (ticket, clock, trigger, clock start); see `firingKey`. */
  listFiredOccurrences(ticketIds: readonly string[]): Promise<Map<string, number>>;
  /** The enabled members of the team and the groups. */
  loadTeam(): Promise<{ members: sla.TeamMember[]; groups: { id: string; name: string; level: string }[] }>;
  listNotifications(recipientId: string, limit: number): Promise<Notification[]>;
  /** The scheduler's own state (a key of the meta table). */
  getState(key: string): Promise<string | undefined>;
}

/** What a write transaction can change. */
export interface SlaWriteTx extends SlaReadTx {
  /** The number of the version in force, locked until the transaction ends: publishes are serialised. */
  lockMatrixHead(): Promise<number>;
  /** Writes a version and makes it the one in force (lock the head first); desktops pull it. */
  publishMatrixVersion(version: MatrixVersion): Promise<void>;
  upsertSchedules(rows: readonly sla.SlaScheduleRow[]): Promise<void>;
  /** Records a trigger moment as acted on; false when it already was (then nothing is to be done). */
  recordFiring(firing: sla.TriggerFiring): Promise<boolean>;
  /** Writes a notification; it is pulled by its recipient's desktops only. */
  addNotification(notification: Notification): Promise<void>;
  setState(key: string, value: string): Promise<void>;
}

/** Appends a change to the transaction's log (the one account that may read it, or null for everyone who reads the entity). */
export type AppendChange = (entity: SyncEntity, key: string, value: unknown, audience: string | null) => void;

export class SqlSlaReadTx implements SlaReadTx {
  constructor(protected readonly db: SqlExecutor) {}

  currentMatrix() {
    return sla.currentMatrixVersion(this.db);
  }
  getMatrixVersion(version: number) {
    return sla.getMatrixVersion(this.db, version);
  }
  listMatrixVersions() {
    return sla.listMatrixVersions(this.db);
  }
  listOpenTicketIds(afterId: string, limit: number) {
    return sla.listOpenTicketIds(this.db, afterId, limit);
  }
  listOpenTicketIdsOfRequesters(customerIds: readonly string[]) {
    return sla.listOpenTicketIdsOfRequesters(this.db, customerIds);
  }
  listDueSchedules(now: number, limit: number) {
    return sla.listDueSchedules(this.db, now, limit);
  }
  getSchedule(ticketId: string) {
    return sla.getSchedule(this.db, ticketId);
  }
  listSlaChanges(after: number, upTo: number, limit: number) {
    return sla.listSlaChanges(this.db, after, upTo, limit);
  }
  loadSlaInputs(ticketIds: readonly string[]) {
    return sla.loadSlaInputs(this.db, ticketIds);
  }
  listFiredOccurrences(ticketIds: readonly string[]) {
    return sla.listFiredOccurrences(this.db, ticketIds);
  }
  loadTeam() {
    return sla.loadTeam(this.db);
  }
  listNotifications(recipientId: string, limit: number) {
    return sla.listNotifications(this.db, recipientId, limit);
  }
  getState(key: string) {
    return getMeta(this.db, key);
  }
}

export class SqlSlaWriteTx extends SqlSlaReadTx implements SlaWriteTx {
  constructor(
    db: SqlExecutor,
    private readonly append: AppendChange,
  ) {
    super(db);
  }

  lockMatrixHead() {
    return sla.lockMatrixHead(this.db);
  }
  async publishMatrixVersion(version: MatrixVersion) {
    await sla.insertMatrixVersion(this.db, version);
    this.append('matrix-version', String(version.version), version, null);
  }
  upsertSchedules(rows: readonly sla.SlaScheduleRow[]) {
    return sla.upsertSchedules(this.db, rows);
  }
  recordFiring(firing: sla.TriggerFiring) {
    return sla.insertFiring(this.db, firing);
  }
  async addNotification(notification: Notification) {
    await sla.insertNotification(this.db, notification);
    this.append('notification', notification.id, notification, notification.recipientId);
  }
  setState(key: string, value: string) {
    return setMeta(this.db, key, value);
  }
}
