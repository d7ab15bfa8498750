import type { MutationOutcome, SyncEntity } from '../../shared/contract/sync-protocol';
import type { Session } from '../../shared/contract/server-api';
import type { Customer, Organisation } from '../../shared/domain/customer';
import type { Message } from '../../shared/domain/message';
import type { Agent, Group, Role, SupportLevelInfo } from '../../shared/domain/team';
import type { Ticket } from '../../shared/domain/ticket';
import type { ChangeAuthor, TicketFieldChange, TicketPatchField } from '../../shared/domain/ticket-field-change';
import type { SyncedTicketLink } from '../../shared/domain/ticket-link';
import type { SavedViewScope, SavedViewValue } from '../../shared/domain/view';
import type { AccountRecord } from './queries/accounts';
import type { AuditEvent } from './queries/audit';
import type { BootstrapStep } from './queries/bootstrap';
import type { ChangeRow } from './queries/change-log';
import type { StoredResult, SyncClient } from './queries/sync-clients';
import type { ThrottleState } from './queries/throttles';
import type { StoredView } from './queries/views';
import type { Dialect } from './sql-driver';
import type { SlaReadTx, SlaWriteTx } from './sla-storage';
import type { PresenceEntry } from '../../shared/contract/presence-protocol';

export type { AccountRecord, AuditEvent, ChangeRow, StoredResult, StoredView, SyncClient, ThrottleState };

/** Why a session or an account's sessions stopped working. */
export type RevocationReason = 'account-disabled' | 'session-revoked';

/** One session's presence report, as every instance is told it (ephemeral: never stored). */
export interface PresenceNotice {
  sessionId: string;
  accountId: string;
  /** The agent's name, as the streams show it. */
  name: string;
  /** Everything the session is on now; empty: it left. */
  tickets: PresenceEntry[];
  /** How long the report holds without the next one, in milliseconds. */
  ttlMs: number;
}

/** What one backend instance tells all others (and itself) through the storage. */
export type StorageEvent =
  /** Changes committed; `head` is the change-log position after them. */
  | { type: 'changes'; head: number }
  /** Sessions ended: every open stream of the account (or of the one session) must close. */
  | { type: 'access-revoked'; accountId: string; sessionId: string | null; reason: RevocationReason }
  /** Events may have been missed (the notification connection dropped): recheck everything. */
  | { type: 'resync' }
  /** A session told what it is on now (kept in memory by every instance: `stream/presence-registry.ts`). */
  | ({ type: 'presence' } & PresenceNotice);

/** What every transaction can read. */
export interface ReadTx {
  /** The instant the transaction started at (the storage's clock). */
  readonly now: number;
  /** The escalation matrix's versions and the SLA scheduler's state. */
  readonly sla: SlaReadTx;
  getTicket(id: string): Promise<Ticket | undefined>;
  getMessage(id: string): Promise<Message | undefined>;
  getAgent(id: string): Promise<Agent | undefined>;
  getGroup(id: string): Promise<Group | undefined>;
  getCustomer(id: string): Promise<Customer | undefined>;
  getOrganisation(id: string): Promise<Organisation | undefined>;
  /** The link between two tickets, named from either end; the value is oriented from the lower id. */
  getTicketLink(ticketId: string, otherId: string): Promise<SyncedTicketLink | undefined>;
  /** A saved view by id, a deleted one too (with `deletedAt`). */
  getView(id: string): Promise<StoredView | undefined>;
  /** The id of another live view named `name` (any letter case) in the namespace of `scope` (and `ownerId` for personal views). */
  findViewNamed(name: string, scope: SavedViewScope, ownerId: string, exceptId: string): Promise<string | undefined>;
  listFieldChanges(ticketId: string): Promise<TicketFieldChange[]>;
  countLevels(): Promise<number>;

  getAccount(id: string): Promise<AccountRecord | undefined>;
  findAccountByEmail(email: string): Promise<AccountRecord | undefined>;
  listAccounts(): Promise<AccountRecord[]>;
  countAccounts(): Promise<number>;
  countEnabledAccounts(role: Role): Promise<number>;
  /** A live session by the hash of its token: not revoked, not expired, account enabled. */
  findLiveSession(tokenHash: string): Promise<Session | undefined>;
  getLiveSession(id: string): Promise<Session | undefined>;
  listSessions(accountId: string): Promise<Session[]>;
  readThrottle(key: string, windowMs: number): Promise<ThrottleState | null>;
  listAuditEvents(entityId: string): Promise<Omit<AuditEvent, 'data'>[]>;

  /** The change-log position of the last committed change. */
  head(): Promise<number>;
  /** The highest change-log position retention has removed (0 if none): older cursors get a reset. */
  prunedThrough(): Promise<number>;
  /** Changes after `afterId` of the given kinds, in commit order, without those meant for another account than `readerId`. */
  listChanges(afterId: number, entities: readonly SyncEntity[], limit: number, readerId: string): Promise<ChangeRow[]>;
  /**
   * One bootstrap step's changes after `afterId` (see `BOOTSTRAP_STEPS`): the latest value of each
   * of its keys that `readerId` receives, in log order (upserts only, but in the last step).
   */
  listBootstrapChanges(step: BootstrapStep, afterId: number, entities: readonly SyncEntity[], limit: number, readerId: string): Promise<ChangeRow[]>;
  getSyncClient(clientId: string): Promise<SyncClient | undefined>;
  lastAppliedSeqAt(clientId: string, upTo: number): Promise<number>;
  listOutcomes(clientId: string, afterSeq: number, upToSeq: number, limit: number): Promise<MutationOutcome[]>;
}

/**
 * One read-write transaction. Every save of a synced entity appends its change to the log; the
 * log positions are taken just before commit, so they follow commit order.
 */
export interface WriteTx extends ReadTx {
  readonly sla: SlaWriteTx;
  /** Runs `fn` in a savepoint: if it throws, its writes (and the changes it appended) are undone. */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;

  lockSyncClient(clientId: string, accountId: string): Promise<SyncClient>;
  setLastAppliedSeq(clientId: string, seq: number): Promise<void>;
  getResult(clientId: string, seq: number): Promise<StoredResult | undefined>;
  /** The first result recorded for a mutation id under any client id (the original, not a repeat). */
  firstResultOf(mutationId: string): Promise<StoredResult | undefined>;
  /** The results recorded for a client's seqs `fromSeq` to `toSeq`, by seq (one read for a whole push). */
  listResults(clientId: string, fromSeq: number, toSeq: number): Promise<Map<number, StoredResult>>;
  /** {@link firstResultOf} for many mutation ids in one read: the ones recorded, by mutation id. */
  firstResultsOf(mutationIds: readonly string[]): Promise<Map<string, StoredResult>>;
  /**
   * Locks the tickets a batch of mutations names, in id order (two batches never wait on each
   * other in a circle), and reads them, who set their fields, and the named messages, in a few
   * statements: the appliers' later reads of them cost no round trip. Ids that name nothing are fine.
   */
  prefetch(keys: { ticketIds: readonly string[]; messageIds: readonly string[] }): Promise<void>;
  /** Records a mutation's outcome; it is written at commit with the transaction's log position. */
  recordResult(result: StoredResult): void;

  /** A ticket, locked until the transaction ends. */
  lockTicket(id: string): Promise<Ticket | undefined>;
  saveTicket(ticket: Ticket): Promise<void>;
  /** Appends a message; false (nothing written) when its id exists. */
  addMessage(message: Message): Promise<boolean>;
  getFieldWriter(ticketId: string, field: TicketPatchField): Promise<ChangeAuthor | null>;
  recordFieldChange(change: TicketFieldChange): Promise<void>;
  /** The next human ticket number: 1, 2, 3 … in commit order, no gaps. */
  allocateTicketNumber(): Promise<number>;
  /** Makes sure later numbers are above `number` (an import that brings its own numbers). */
  reserveTicketNumbersUpTo(number: number): Promise<void>;
  saveAgent(agent: Agent): Promise<void>;
  saveGroup(group: Group): Promise<void>;
  saveLevel(level: SupportLevelInfo): Promise<void>;
  /** A customer, locked until the transaction ends. */
  lockCustomer(id: string): Promise<Customer | undefined>;
  saveCustomer(customer: Customer): Promise<void>;
  saveOrganisation(organisation: Organisation): Promise<void>;
  /** Writes the link of a pair (`link` oriented from the lower id). */
  saveTicketLink(link: SyncedTicketLink): Promise<void>;
  /** Removes the link between two tickets (named from either end) and logs its tombstone; false when they were not linked. */
  deleteTicketLink(ticketId: string, otherId: string): Promise<boolean>;
  /** A saved view, locked until the transaction ends; deleted ones too. */
  lockView(id: string): Promise<StoredView | undefined>;
  /**
   * Writes a saved view. A personal view's change is read by its owner only; a shared view that
   * becomes personal is first deleted for everyone else (a tombstone), so it leaves their desktops.
   */
  saveView(view: SavedViewValue, previousScope: SavedViewScope | null): Promise<void>;
  /** Deletes a saved view (a tombstone row and a tombstone change, read by whoever could read the view). */
  deleteView(view: SavedViewValue): Promise<void>;

  /** Inserts an account (its agent profile must be saved first); false when the e-mail is taken. */
  insertAccount(account: { id: string; email: string; role: Role; passwordHash: string }): Promise<boolean>;
  setAccountDisabledAt(id: string, disabledAt: number | null): Promise<boolean>;
  insertSession(session: Session, tokenHash: string): Promise<void>;
  revokeSession(id: string): Promise<string | undefined>;
  revokeSessionsOf(accountId: string): Promise<number>;
  insertStreamTicket(ticket: { ticketHash: string; sessionId: string; accountId: string; expiresAt: number }): Promise<void>;
  consumeStreamTicket(ticketHash: string): Promise<{ sessionId: string; accountId: string } | undefined>;
  hitThrottle(key: string, windowMs: number): Promise<ThrottleState>;
  clearThrottle(key: string): Promise<void>;
  audit(event: Omit<AuditEvent, 'id' | 'at'>): Promise<void>;
  /** Tells every instance, once this transaction commits. */
  publish(event: StorageEvent): void;
}

/**
 * The backend's storage, one interface over two engines: embedded SQLite (one file, one
 * instance) and PostgreSQL (many instances on one database). Both pass the same conformance
 * suite (tests/integration/server-storage-conformance.ts).
 */
export interface Storage {
  readonly dialect: Dialect;
  /** The database's random name, part of every cursor: a cursor from another database is recognised. */
  readonly epoch: string;
  read<T>(fn: (tx: ReadTx) => Promise<T>): Promise<T>;
  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T>;
  /** Listens to the events of every instance on this database; answers the unsubscribe. */
  subscribe(listener: (event: StorageEvent) => void): () => void;
  /** Tells every instance (this one too) an event that goes with no change, such as presence; resolves once it is sent. */
  broadcast(event: StorageEvent): Promise<void>;
  /** Resolves once events committed by other instances reach this one (at once for SQLite). */
  listening(): Promise<void>;
  /**
   * Retention: removes replaced values, tombstones and field-history notices committed before
   * `before`, expired stream tickets, ended sessions and stale throttles.
   */
  prune(before: number): Promise<{ removedChanges: number; prunedThrough: number }>;
  close(): Promise<void>;
}
