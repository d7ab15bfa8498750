import { randomBytes } from 'node:crypto';
import type { SyncEntity } from '../../shared/contract/sync-protocol';
import type { Session } from '../../shared/contract/server-api';
import type { Customer, Organisation } from '../../shared/domain/customer';
import { newId } from '../../shared/domain/ids';
import type { Message } from '../../shared/domain/message';
import type { Agent, Group, Role, SupportLevelInfo } from '../../shared/domain/team';
import type { Ticket } from '../../shared/domain/ticket';
import type { TicketFieldChange, TicketPatchField } from '../../shared/domain/ticket-field-change';
import { ticketLinkKey, type SyncedTicketLink } from '../../shared/domain/ticket-link';
import type { SavedViewScope, SavedViewValue } from '../../shared/domain/view';
import { describeError, logger } from '../log';
import { MIGRATIONS } from './migrations/list';
import * as accounts from './queries/accounts';
import * as audit from './queries/audit';
import * as bootstrap from './queries/bootstrap';
import type { BootstrapStep } from './queries/bootstrap';
import * as changeLog from './queries/change-log';
import { advanceCounter, raiseCounter, readCounter } from './queries/counters';
import * as customers from './queries/customers';
import * as fieldHistory from './queries/field-history';
import * as messages from './queries/messages';
import { appendToLog } from './queries/log-commit';
import { getMeta, setMeta, setMetaIfMissing } from './queries/meta';
import * as sessions from './queries/sessions';
import * as syncClients from './queries/sync-clients';
import * as team from './queries/team';
import * as throttles from './queries/throttles';
import * as ticketLinks from './queries/ticket-links';
import * as tickets from './queries/tickets';
import * as views from './queries/views';
import type { SqlDriver, SqlExecutor, SqlTransaction } from './sql-driver';
import type { ReadTx, Storage, StorageEvent, StoredResult, WriteTx } from './storage';
import { WriteBatch } from './write-batch';
import { SqlSlaReadTx, SqlSlaWriteTx } from './sla-storage';

const log = logger('storage');

/** The reads of every transaction kind, over one executor. */
class SqlReadTx implements ReadTx {
  readonly sla: SqlSlaReadTx;

  constructor(
    protected readonly db: SqlExecutor,
    readonly now: number,
  ) {
    this.sla = new SqlSlaReadTx(db);
  }

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
  getOrganisation(id: string) {
    return customers.getOrganisation(this.db, id);
  }
  getTicketLink(ticketId: string, otherId: string) {
    const [low, high] = ticketId < otherId ? [ticketId, otherId] : [otherId, ticketId];
    return ticketLinks.getTicketLink(this.db, low, high);
  }
  getView(id: string) {
    return views.getView(this.db, id);
  }
  findViewNamed(name: string, scope: SavedViewScope, ownerId: string, exceptId: string) {
    return views.findViewNamed(this.db, name, scope, ownerId, exceptId);
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
  listChanges(afterId: number, entities: readonly SyncEntity[], limit: number, readerId: string) {
    return changeLog.listChanges(this.db, afterId, entities, limit, readerId);
  }
  listBootstrapChanges(step: BootstrapStep, afterId: number, entities: readonly SyncEntity[], limit: number, readerId: string) {
    return bootstrap.listBootstrapChanges(this.db, step, afterId, entities, limit, readerId);
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
  /** The new value; undefined for a tombstone. */
  value: unknown;
  /** The one account that may read the change (a personal view), or null for every reader of the entity. */
  audience: string | null;
}

/** A write transaction: buffers appended changes and results until {@link commit}. */
class SqlWriteTx extends SqlReadTx implements WriteTx {
  private changes: PendingChange[] = [];
  private results: StoredResult[] = [];
  private events: StorageEvent[] = [];

  /** Tickets, messages and field history wait here and go out in multi-row statements; every other statement goes through it too. */
  private readonly batch: WriteBatch;

  override readonly sla: SqlSlaWriteTx;

  constructor(private readonly tx: SqlTransaction, now: number) {
    const batch = new WriteBatch(tx);
    super(batch, now);
    this.batch = batch;
    this.sla = new SqlSlaWriteTx(batch, (entity, key, value, audience) => this.append(entity, key, value, audience));
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const marks = [this.changes.length, this.results.length, this.events.length] as const;
    try {
      return await this.batch.savepoint(fn);
    } catch (error) {
      this.changes.length = marks[0];
      this.results.length = marks[1];
      this.events.length = marks[2];
      throw error;
    }
  }

  private append(entity: SyncEntity, key: string, value: unknown, audience: string | null = null): void {
    this.changes.push({ entity, key, value, audience });
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
  listResults(clientId: string, fromSeq: number, toSeq: number) {
    return syncClients.listResults(this.db, clientId, fromSeq, toSeq);
  }
  firstResultsOf(mutationIds: readonly string[]) {
    return syncClients.firstResultsOf(this.db, mutationIds);
  }
  prefetch(keys: { ticketIds: readonly string[]; messageIds: readonly string[] }) {
    return this.batch.prefetch(keys);
  }
  recordResult(result: StoredResult): void {
    this.results.push(result);
  }

  override getTicket(id: string) {
    return this.batch.getTicket(id);
  }
  override getMessage(id: string) {
    return this.batch.getMessage(id);
  }
  lockTicket(id: string) {
    return this.batch.lockTicket(id);
  }
  async saveTicket(ticket: Ticket) {
    await this.batch.saveTicket(ticket);
    this.append('ticket', ticket.id, ticket);
  }
  async addMessage(message: Message) {
    const inserted = await this.batch.addMessage(message);
    if (inserted) this.append('message', message.id, message);
    return inserted;
  }
  getFieldWriter(ticketId: string, field: TicketPatchField) {
    return this.batch.getFieldWriter(ticketId, field);
  }
  async recordFieldChange(change: TicketFieldChange) {
    await this.batch.recordFieldChange(change);
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
  lockCustomer(id: string) {
    return customers.getCustomer(this.db, id, true);
  }
  async saveCustomer(customer: Customer) {
    await customers.upsertCustomer(this.db, customer, this.now);
    this.append('customer', customer.id, customer);
  }
  async saveOrganisation(organisation: Organisation) {
    await customers.upsertOrganisation(this.db, organisation, this.now);
    this.append('organisation', organisation.id, organisation);
  }
  async saveTicketLink(link: SyncedTicketLink) {
    await ticketLinks.upsertTicketLink(this.db, link);
    this.append('ticket-link', ticketLinkKey(link.ticketId, link.otherId), link);
  }
  async deleteTicketLink(ticketId: string, otherId: string) {
    const [low, high] = ticketId < otherId ? [ticketId, otherId] : [otherId, ticketId];
    const deleted = await ticketLinks.deleteTicketLink(this.db, low, high);
    if (deleted) this.append('ticket-link', ticketLinkKey(low, high), undefined);
    return deleted;
  }
  lockView(id: string) {
    return views.getView(this.db, id, true);
  }
  async saveView(view: SavedViewValue, previousScope: SavedViewScope | null) {
    await views.upsertView(this.db, view);
    // Those who could read the shared view and cannot read the personal one must lose it.
    if (previousScope === 'shared' && view.scope === 'personal') this.append('view', view.id, undefined);
    this.append('view', view.id, view, view.scope === 'personal' ? view.ownerId : null);
  }
  async deleteView(view: SavedViewValue) {
    await views.tombstoneView(this.db, view.id, this.now);
    this.append('view', view.id, undefined, view.scope === 'personal' ? view.ownerId : null);
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
    // The buffered writes first: the counter's lock is held from its update to the commit.
    await this.batch.sync();
    // Events that need no log position are told before the counter is taken (still delivered at commit only).
    for (const event of this.events) await this.tx.notify(JSON.stringify(event));
    if (this.changes.length > 0 || this.results.length > 0) {
      const head = await appendToLog(
        this.db,
        this.changes.map((change) => ({
          entity: change.entity,
          entityKey: change.key,
          op: change.value === undefined ? 'delete' : 'upsert',
          value: change.value === undefined ? null : JSON.stringify(change.value),
          committedAt: this.now,
          audience: change.audience,
        })),
        this.results,
        this.now,
      );
      if (this.changes.length > 0) await this.tx.notify(JSON.stringify({ type: 'changes', head } satisfies StorageEvent));
    }
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

  broadcast(event: StorageEvent): Promise<void> {
    // A transaction that writes nothing: NOTIFY on PostgreSQL, the in-process listeners on SQLite.
    return this.driver.write((tx) => tx.notify(JSON.stringify(event)));
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
