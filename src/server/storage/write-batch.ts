// The write side of one storage transaction, batched. A push applies up to a thousand mutations
// in one transaction; written one statement at a time, each would cost several round trips to
// PostgreSQL. Here the writes that pushes make most (tickets, messages, field history) wait in a
// buffer and reach the database as multi-row statements, and the rows a batch works on are read
// and locked together up front (`prefetch`) and kept in caches the transaction reads through.
//
// Correctness rules, whatever code runs in the transaction:
// - every statement the batch does not know (another query's read or write) first flushes the
//   buffer, so it sees and follows everything written before it;
// - such a statement that may change a cached table makes the caches go (they are read again);
// - a savepoint is kept in memory (buffer and cache changes are undone on rollback) and opened in
//   SQL only when a statement must run inside it.
import type { Message } from '../../shared/domain/message';
import type { Ticket } from '../../shared/domain/ticket';
import type { ChangeAuthor, TicketFieldChange, TicketPatchField } from '../../shared/domain/ticket-field-change';
import * as fieldHistory from './queries/field-history';
import * as messages from './queries/messages';
import * as tickets from './queries/tickets';
import type { SqlExecutor, SqlTransaction, SqlValue } from './sql-driver';

type PendingWrite =
  | { kind: 'ticket'; ticket: Ticket }
  | { kind: 'message'; message: Message }
  | { kind: 'field-change'; change: TicketFieldChange };

/** One open savepoint. */
interface Frame {
  /** How many buffered writes came before it (lowered as the buffer's head is flushed). */
  pendingMark: number;
  undoMark: number;
  /** Its SQL name once it exists in the database; null while it lives in memory only. */
  name: string | null;
}

/** Buffered writes flushed at once when this many wait (a large import must not hold them all). */
const PENDING_LIMIT = 5000;
/** The tables the caches mirror: a statement from outside the batch that names one may change them. */
const CACHED_TABLES = /\b(tickets|messages|ticket_field_writers)\b/i;

/**
 * Another transaction wrote a row this one had read as missing (two pushes adding one message id
 * to different tickets at once). SQLSTATE 40001 (serialization failure): the PostgreSQL driver
 * runs the transaction again, and it then reads the row.
 */
export class ConcurrentWriteError extends Error {
  readonly code = '40001';
}

function writerKey(ticketId: string, field: string): string {
  return `${ticketId}\u0000${field}`;
}

/** A ticket as callers get it: their own copy (an applier that changes it must not change the cache). */
function copyOf(ticket: Ticket): Ticket {
  return { ...ticket, tags: [...ticket.tags] };
}

export class WriteBatch implements SqlExecutor {
  private readonly pending: PendingWrite[] = [];
  private readonly frames: Frame[] = [];
  private undo: (() => void)[] = [];
  /** Tickets locked or written by this transaction. */
  private tickets = new Map<string, Ticket>();
  /** Messages by id; null: known not to exist. */
  private messages = new Map<string, Message | null>();
  /** Field writers by ticket and field; null: the value has no writer (imported). */
  private writers = new Map<string, ChangeAuthor | null>();
  /** Tickets whose field writers are all in {@link writers}. */
  private writersLoaded = new Set<string>();

  constructor(private readonly tx: SqlTransaction) {}

  get dialect() {
    return this.tx.dialect;
  }

  async all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    await this.beforeStatement(sql);
    return this.tx.all<T>(sql, params);
  }

  async get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    await this.beforeStatement(sql);
    return this.tx.get<T>(sql, params);
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    await this.beforeStatement(sql);
    return this.tx.run(sql, params);
  }

  /** A statement from outside the batch runs after every buffered write, and one that may change a cached table empties the caches. */
  private async beforeStatement(sql: string): Promise<void> {
    await this.sync();
    if (!/^\s*SELECT\b/i.test(sql) && CACHED_TABLES.test(sql)) this.forget();
  }

  private forget(): void {
    this.tickets = new Map();
    this.messages = new Map();
    this.writers = new Map();
    this.writersLoaded = new Set();
  }

  /** Sets a cache entry; inside a savepoint, a rollback puts the old one back. */
  private remember<K, V>(map: Map<K, V>, key: K, value: V): void {
    if (this.frames.length > 0) {
      const had = map.has(key);
      const previous = map.get(key);
      this.undo.push(() => (had ? map.set(key, previous as V) : map.delete(key)));
    }
    map.set(key, value);
  }

  /**
   * Locks the tickets a batch names (PostgreSQL; in id order, so batches never wait on each other
   * in a circle) and reads them, their fields' writers and the named messages in a few statements.
   */
  async prefetch(keys: { ticketIds: readonly string[]; messageIds: readonly string[] }): Promise<void> {
    const wanted = keys.ticketIds.filter((id) => !this.tickets.has(id));
    const locked = await tickets.lockTickets(this.tx, wanted);
    for (const ticket of locked) this.remember(this.tickets, ticket.id, ticket);
    const unloaded = locked.map((ticket) => ticket.id).filter((id) => !this.writersLoaded.has(id));
    for (const writer of await fieldHistory.listFieldWriters(this.tx, unloaded)) {
      const key = writerKey(writer.ticketId, writer.field);
      // A writer recorded in this transaction is newer than the stored one.
      if (!this.writers.has(key)) this.remember(this.writers, key, writer.author);
    }
    for (const id of unloaded) {
      if (this.frames.length > 0) this.undo.push(() => this.writersLoaded.delete(id));
      this.writersLoaded.add(id);
    }
    const unknown = keys.messageIds.filter((id) => !this.messages.has(id));
    const found = new Map((await messages.getMessages(this.tx, unknown)).map((message) => [message.id, message]));
    for (const id of unknown) this.remember(this.messages, id, found.get(id) ?? null);
  }

  /** A ticket, locked until the transaction ends (PostgreSQL). */
  async lockTicket(id: string): Promise<Ticket | undefined> {
    const cached = this.tickets.get(id);
    if (cached) return copyOf(cached);
    // Not cached means nothing of it is buffered: the database has its latest value.
    const [ticket] = await tickets.lockTickets(this.tx, [id]);
    if (!ticket) return undefined;
    this.remember(this.tickets, id, ticket);
    return copyOf(ticket);
  }

  async getTicket(id: string): Promise<Ticket | undefined> {
    const cached = this.tickets.get(id);
    if (cached) return copyOf(cached);
    return tickets.getTicket(this.tx, id);
  }

  async saveTicket(ticket: Ticket): Promise<void> {
    this.remember(this.tickets, ticket.id, copyOf(ticket));
    await this.buffer({ kind: 'ticket', ticket: copyOf(ticket) });
  }

  async getMessage(id: string): Promise<Message | undefined> {
    if (!this.messages.has(id)) {
      const [message] = await messages.getMessages(this.tx, [id]);
      this.remember(this.messages, id, message ?? null);
    }
    return this.messages.get(id) ?? undefined;
  }

  /** Appends a message; false (nothing written) when its id exists. */
  async addMessage(message: Message): Promise<boolean> {
    if (await this.getMessage(message.id)) return false;
    this.remember(this.messages, message.id, message);
    await this.buffer({ kind: 'message', message });
    return true;
  }

  async getFieldWriter(ticketId: string, field: TicketPatchField): Promise<ChangeAuthor | null> {
    const key = writerKey(ticketId, field);
    if (this.writers.has(key)) return this.writers.get(key)!;
    if (this.writersLoaded.has(ticketId)) return null;
    const author = await fieldHistory.getFieldWriter(this.tx, ticketId, field);
    this.remember(this.writers, key, author);
    return author;
  }

  async recordFieldChange(change: TicketFieldChange): Promise<void> {
    this.remember(this.writers, writerKey(change.ticketId, change.field), change.changedBy);
    await this.buffer({ kind: 'field-change', change });
  }

  private async buffer(write: PendingWrite): Promise<void> {
    this.pending.push(write);
    if (this.pending.length >= PENDING_LIMIT) await this.sync();
  }

  /**
   * Runs `fn` in a savepoint: if it throws, what it buffered and cached is undone (and, if it had
   * to open the savepoint in SQL, what it wrote there too) and the error passes on.
   */
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const frame: Frame = { pendingMark: this.pending.length, undoMark: this.undo.length, name: null };
    this.frames.push(frame);
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      this.frames.pop();
      if (frame.name !== null) await this.tx.endSavepoint(frame.name, 'rollback');
      this.pending.length = frame.pendingMark;
      for (const undo of this.undo.splice(frame.undoMark).reverse()) undo();
      throw error;
    }
    this.frames.pop();
    if (frame.name !== null) await this.tx.endSavepoint(frame.name, 'release');
    if (this.frames.length === 0) this.undo = [];
    return result;
  }

  /**
   * Writes every buffered write. Savepoints open in memory are opened in SQL first, each after
   * the writes that came before it, so a rollback to one undoes exactly what followed it.
   */
  async sync(): Promise<void> {
    for (const frame of this.frames) {
      if (frame.name !== null) continue;
      await this.flush(frame.pendingMark);
      frame.name = await this.tx.openSavepoint();
    }
    await this.flush(this.pending.length);
  }

  /** Writes the first `count` buffered writes: one multi-row statement per table (and per few thousand rows). */
  private async flush(count: number): Promise<void> {
    if (count === 0) return;
    const writes = this.pending.splice(0, count);
    for (const frame of this.frames) frame.pendingMark = Math.max(0, frame.pendingMark - count);
    // A ticket saved twice is written once, with its last value.
    const saved = new Map<string, Ticket>();
    const added: Message[] = [];
    const changes: TicketFieldChange[] = [];
    for (const write of writes) {
      if (write.kind === 'ticket') saved.set(write.ticket.id, write.ticket);
      else if (write.kind === 'message') added.push(write.message);
      else changes.push(write.change);
    }
    await tickets.upsertTickets(this.tx, [...saved.values()]);
    if ((await messages.insertMessages(this.tx, added)) !== added.length) {
      throw new ConcurrentWriteError('Another transaction added a message with the same id');
    }
    await fieldHistory.insertFieldChanges(this.tx, changes);
  }
}
