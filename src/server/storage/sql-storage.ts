import { randomBytes } from 'node:crypto';
import type { SyncEntity } from '../../shared/contract/sync-protocol';
import type { Session } from '../../shared/contract/server-api';
import type { Customer, Organisation } from '../../shared/domain/customer';
import { newId } from '../../shared/domain/ids';
import type { Message } from '../../shared/domain/message';
import type { Agent, Group, Role, SupportLevelInfo } from '../../shared/domain/team';
import type { Ticket } from '../../shared/domain/ticket';
import type { TicketFieldChange, TicketPatchField } from '../../shared/domain/ticket-field-change';
import { describeError, logger } from '../log';
import { MIGRATIONS } from './migrations/list';
import * as accounts from './queries/accounts';
import * as audit from './queries/audit';
import * as changeLog from './queries/change-log';
import { advanceCounter, raiseCounter, readCounter } from './queries/counters';
import * as customers from './queries/customers';
import * as fieldHistory from './queries/field-history';
import * as messages from './queries/messages';
import { getMeta, setMeta, setMetaIfMissing } from './queries/meta';
import * as sessions from './queries/sessions';
import * as syncClients from './queries/sync-clients';
import * as team from './queries/team';
import * as throttles from './queries/throttles';
import * as tickets from './queries/tickets';
import type { SqlDriver, SqlExecutor, SqlTransaction } from './sql-driver';
import type { ReadTx, Storage, StorageEvent, StoredResult, WriteTx } from './storage';

const log = logger('storage');

/** The reads of every transaction kind, over one executor. */
class SqlReadTx implements ReadTx {
  constructor(
    protected readonly db: SqlExecutor,
    readonly now: number,
  ) {}

  getTicket(id: string) {
    return tickets.getTicket(this.db, id);
  }
  getMessage(id: string) {
    return messages.getMessage(this.db, id);
  }
  getAgent(id: string) {
    return team.getAgent(this.db, id);
  }
  getGroup(id: string) {
    return team.getGroup(this.db, id);
  }
  getCustomer(id: string) {
    return customers.getCustomer(this.db, id);
  }
  listFieldChanges(ticketId: string) {
    return fieldHistory.listFieldChanges(this.db, ticketId);
  }
  countLevels() {
    return team.countLevels(this.db);
  }
  getAccount(id: string) {
    return accounts.getAccount(this.db, id);
  }
  findAccountByEmail(email: string) {
    return accounts.findAccountByEmail(this.db, email);
  }
  listAccounts() {
    return accounts.listAccounts(this.db);
  }
  countAccounts() {
    return accounts.countAccounts(this.db);
  }
  countEnabledAccounts(role: Role) {
    return accounts.countEnabled(this.db, role);
  }
  findLiveSession(tokenHash: string) {
    return sessions.findLiveSession(this.db, tokenHash, this.now);
  }
  getLiveSession(id: string) {
    return sessions.getLiveSession(this.db, id, this.now);
  }
  listSessions(accountId: string) {
    return sessions.listSessions(this.db, accountId);
  }
  readThrottle(key: string, windowMs: number) {
    return throttles.readThrottle(this.db, key, this.now, windowMs);
  }
  listAuditEvents(entityId: string) {
    return audit.listAuditEvents(this.db, entityId);
  }
  head() {
    return readCounter(this.db, 'change_head');
  }
  async prunedThrough() {
    return Number((await getMeta(this.db, 'pruned_through')) ?? '0');
  }
  listChanges(afterId: number, entities: readonly SyncEntity[], limit: number) {
    return changeLog.listChanges(this.db, afterId, entities, limit);
  }
  getSyncClient(clientId: string) {
    return syncClients.getSyncClient(this.db, clientId);
  }
  lastAppliedSeqAt(clientId: string, upTo: number) {
    return syncClients.lastAppliedSeqAt(this.db, clientId, upTo);
  }
  listOutcomes(clientId: string, afterSeq: number, upToSeq: number, limit: number) {
    return syncClients.listOutcomes(this.db, clientId, afterSeq, upToSeq, limit);
  }
}

interface PendingChange {
  entity: SyncEntity;
  key: string;
  value: unknown;
}

/** A write transaction: buffers appended changes and results until {@link commit}. */
class SqlWriteTx extends SqlReadTx implements WriteTx {
  private changes: PendingChange[] = [];
  private results: StoredResult[] = [];
  private events: StorageEvent[] = [];

  constructor(private readonly tx: SqlTransaction, now: number) {
    super(tx, now);
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const marks = [this.changes.length, this.results.length, this.events.length] as const;
    try {
      return await this.tx.savepoint(fn);
    } catch (error) {
      this.changes.length = marks[0];
      this.results.length = marks[1];
      this.events.length = marks[2];
      throw error;
    }
  }

  private append(entity: SyncEntity, key: string, value: unknown): void {
    this.changes.push({ entity, key, value });
  }

  lockSyncClient(clientId: string, accountId: string) {
    return syncClients.lockSyncClient(this.db, clientId, accountId, this.now);
  }
  setLastAppliedSeq(clientId: string, seq: number) {
    return syncClients.setLastAppliedSeq(this.db, clientId, seq, this.now);
  }
  getResult(clientId: string, seq: number) {
    return syncClients.getResult(this.db, clientId, seq);
  }
  firstResultOf(mutationId: string) {
    return syncClients.firstResultOf(this.db, mutationId);
  }
  recordResult(result: StoredResult): void {
    this.results.push(result);
  }

  lockTicket(id: string) {
    return tickets.getTicket(this.db, id, true);
  }
  async saveTicket(ticket: Ticket) {
    await tickets.upsertTicket(this.db, ticket);
    this.append('ticket', ticket.id, ticket);
  }
  async addMessage(message: Message) {
    const inserted = await messages.insertMessage(this.db, message);
    if (inserted) this.append('message', message.id, message);
    return inserted;
  }
  getFieldWriter(ticketId: string, field: TicketPatchField) {
    return fieldHistory.getFieldWriter(this.db, ticketId, field);
  }
  async recordFieldChange(change: TicketFieldChange) {
    await fieldHistory.insertFieldChange(this.db, change);
    this.append('ticket-field-change', change.id, change);
  }
  allocateTicketNumber() {
    return advanceCounter(this.db, 'ticket_number', 1);
  }
  reserveTicketNumbersUpTo(number: number) {
    return raiseCounter(this.db, 'ticket_number', number);
  }
  async saveAgent(agent: Agent) {
    await team.upsertAgent(this.db, agent, this.now);
    this.append('agent', agent.id, agent);
  }
  async saveGroup(group: Group) {
    await team.upsertGroup(this.db, group, this.now);
    this.append('group', group.id, group);
  }
  async saveLevel(level: SupportLevelInfo) {
    await team.upsertLevel(this.db, level, this.now);
    this.append('level', level.level, level);
  }
  async saveCustomer(customer: Customer) {
    await customers.upsertCustomer(this.db, customer, this.now);
    this.append('customer', customer.id, customer);
  }
  async saveOrganisation(organisation: Organisation) {
    await customers.upsertOrganisation(this.db, organisation, this.now);
    this.append('organisation', organisation.id, organisation);
  }

  insertAccount(account: { id: string; email: string; role: Role; passwordHash: string }) {
    return accounts.insertAccount(this.db, { ...account, createdAt: this.now });
  }
  setAccountDisabledAt(id: string, disabledAt: number | null) {
    return accounts.setAccountDisabledAt(this.db, id, disabledAt, this.now);
  }
  insertSession(session: Session, tokenHash: string) {
    return sessions.insertSession(this.db, session, tokenHash);
  }
  revokeSession(id: string) {
    return sessions.revokeSession(this.db, id, this.now);
  }
  revokeSessionsOf(accountId: string) {
    return sessions.revokeSessionsOf(this.db, accountId, this.now);
  }
  insertStreamTicket(ticket: { ticketHash: string; sessionId: string; accountId: string; expiresAt: number }) {
    return sessions.insertStreamTicket(this.db, ticket);
  }
  consumeStreamTicket(ticketHash: string) {
    return sessions.consumeStreamTicket(this.db, ticketHash, this.now);
  }
  hitThrottle(key: string, windowMs: number) {
    return throttles.hitThrottle(this.db, key, this.now, windowMs);
  }
  clearThrottle(key: string) {
    return throttles.clearThrottle(this.db, key);
  }
  audit(event: Omit<audit.AuditEvent, 'id' | 'at'>) {
    return audit.insertAuditEvent(this.db, { ...event, id: newId(), at: this.now });
  }
  publish(event: StorageEvent): void {
    this.events.push(event);
  }

  /**
   * Gives the appended changes their log positions and writes them with the recorded results.
   * The counter's row lock is taken here, last, and held until commit: a transaction that takes
   * positions after ours waits for our commit, so positions follow commit order, and the lock is
   * held only for these few inserts.
   */
  async commit(): Promise<void> {
    if (this.changes.length > 0 || this.results.length > 0) {
      const head = await advanceCounter(this.db, 'change_head', this.changes.length);
      const first = head - this.changes.length + 1;
      await changeLog.insertChanges(
        this.db,
        this.changes.map((change, index) => ({
          id: first + index,
          entity: change.entity,
          entityKey: change.key,
          op: 'upsert',
          value: JSON.stringify(change.value),
          committedAt: this.now,
        })),
      );
      await syncClients.insertResults(this.db, this.results, head, this.now);
      if (this.changes.length > 0) this.events.push({ type: 'changes', head });
    }
    for (const event of this.events) await this.tx.notify(JSON.stringify(event));
  }
}

function parseEvent(payload: string | null): StorageEvent | null {
  if (payload === null) return { type: 'resync' };
  try {
    return JSON.parse(payload) as StorageEvent;
  } catch (error) {
    log.error('an unreadable notification', { payload, ...describeError(error) });
    return null;
  }
}

/** Makes a new database's epoch: 12 base-36 characters. */
function newEpoch(): string {
  return BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).padStart(12, '0').slice(-12);
}

/** The one storage implementation over either SQL driver (the SQL is shared; the drivers differ). */
export class SqlStorage implements Storage {
  private constructor(
    private readonly driver: SqlDriver,
    readonly epoch: string,
    private readonly clock: () => number,
  ) {}

  get dialect() {
    return this.driver.dialect;
  }

  /** Migrates the database and answers the storage over it. */
  static async open(driver: SqlDriver, clock: () => number = Date.now): Promise<SqlStorage> {
    await driver.migrate(MIGRATIONS);
    const epoch = await driver.write(async (tx) => {
      await setMetaIfMissing(tx, 'epoch', newEpoch());
      return (await getMeta(tx, 'epoch'))!;
    });
    return new SqlStorage(driver, epoch, clock);
  }

  read<T>(fn: (tx: ReadTx) => Promise<T>): Promise<T> {
    return this.driver.read((db) => fn(new SqlReadTx(db, this.clock())));
  }

  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.driver.write(async (db) => {
      const tx = new SqlWriteTx(db, this.clock());
      const result = await fn(tx);
      await tx.commit();
      return result;
    });
  }

  subscribe(listener: (event: StorageEvent) => void): () => void {
    return this.driver.subscribe((payload) => {
      const event = parseEvent(payload);
      if (event) listener(event);
    });
  }

  listening(): Promise<void> {
    return this.driver.listening();
  }

  async prune(before: number): Promise<{ removedChanges: number; prunedThrough: number }> {
    return this.driver.write(async (db) => {
      const now = this.clock();
      const { removed, highestRemoved } = await changeLog.pruneChanges(db, before);
      const previous = Number((await getMeta(db, 'pruned_through')) ?? '0');
      const prunedThrough = Math.max(previous, highestRemoved);
      if (prunedThrough !== previous) await setMeta(db, 'pruned_through', String(prunedThrough));
      await sessions.deleteExpiredStreamTickets(db, now);
      await sessions.deleteEndedSessions(db, before);
      await throttles.deleteStaleThrottles(db, before);
      return { removedChanges: removed, prunedThrough };
    });
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
