import { stmt, type Db } from '../db';
import { assert } from '../../../shared/contract/errors';
import {
  AUTHOR_TYPES,
  MESSAGE_KINDS,
  bodyFormatSchema,
  type AuthorType,
  type BodyFormat,
  type Message,
  type MessageKind,
} from '../../../shared/domain/message';

/** A message as stored. */
export interface MessageDbRow {
  id: string;
  ticket_id: string;
  kind: string;
  author_type: string;
  author_id: string | null;
  author_name: string;
  channel: string;
  body_format: string;
  body: string;
  attachments: string;
  created_at: number;
  updated_at: number;
}

/** The columns of {@link MessageDbRow}, in order. */
export const MESSAGE_COLUMNS =
  'id, ticket_id, kind, author_type, author_id, author_name, channel, body_format, body, attachments, created_at, updated_at';

export function messageFromRow(row: MessageDbRow): Message {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    kind: row.kind as Message['kind'],
    authorType: row.author_type as Message['authorType'],
    authorId: row.author_id,
    authorName: row.author_name,
    channel: row.channel as Message['channel'],
    bodyFormat: row.body_format as Message['bodyFormat'],
    body: row.body,
    attachments: JSON.parse(row.attachments) as Message['attachments'],
    createdAt: row.created_at,
  };
}

export function messageToRow(message: Message): MessageDbRow {
  return {
    id: message.id,
    ticket_id: message.ticketId,
    kind: message.kind,
    author_type: message.authorType,
    author_id: message.authorId,
    author_name: message.authorName,
    channel: message.channel,
    body_format: message.bodyFormat,
    body: message.body,
    attachments: JSON.stringify(message.attachments),
    created_at: message.createdAt,
    updated_at: message.createdAt,
  };
}

const INSERT = `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (@id, @ticket_id, @kind, @author_type, @author_id, @author_name, @channel, @body_format, @body, @attachments, @created_at, @updated_at)`;

/** The columns a bulk insert of one kind of thread entry fixes, so they need no binding per row. */
export interface MessageShape {
  kind: MessageKind;
  authorType: AuthorType;
  bodyFormat: BodyFormat;
}

/**
 * Prepares the message insert used by sample data and bulk import, for one {@link MessageShape}:
 * its fixed columns are SQL literals (from closed lists, checked here) and the rest positional:
 * binding values (by name most of all) is a large share of an insert's cost at millions of rows.
 */
export function prepareInsertMessage(db: Db, shape: MessageShape) {
  assert(
    MESSAGE_KINDS.includes(shape.kind) && AUTHOR_TYPES.includes(shape.authorType) && bodyFormatSchema.options.includes(shape.bodyFormat),
    'a message shape names values from the closed lists',
  );
  return db.prepare<
    [id: string, ticketId: string, authorId: string | null, authorName: string, channel: string, body: string, attachments: string, createdAt: number, updatedAt: number]
  >(
    `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (?, ?, '${shape.kind}', '${shape.authorType}', ?, ?, ?, '${shape.bodyFormat}', ?, ?, ?, ?)`,
  );
}

/**
 * Prepares an insert of whole message rows with the rowid given first, then the values of
 * {@link MESSAGE_COLUMNS} in order: for a bulk load that numbers its rows itself
 * (bulk-load-worker.ts), so the store and the load's scratch file agree on them.
 */
export function prepareInsertMessageWithRowid(db: Db) {
  return db.prepare<unknown[]>(`INSERT INTO messages (rowid, ${MESSAGE_COLUMNS}) VALUES (?, ${MESSAGE_COLUMNS.split(', ').map(() => '?').join(', ')})`);
}

export function insertMessage(db: Db, message: Message): void {
  stmt<[MessageDbRow]>(db, INSERT).run(messageToRow(message));
}

/** The thread of a ticket, oldest first. */
export function listMessages(db: Db, ticketId: string): Message[] {
  return stmt<[string], MessageDbRow>(
    db,
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ticket_id = ? AND deleted_at IS NULL ORDER BY created_at, id`,
  )
    .all(ticketId)
    .map(messageFromRow);
}

export function getMessage(db: Db, id: string): Message | undefined {
  const row = stmt<[string], MessageDbRow>(db, `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`).get(id);
  return row && messageFromRow(row);
}

/** A position in a thread: messages sort by (createdAt, id). */
export interface ThreadPosition {
  createdAt: number;
  id: string;
}

/** The SQL of thread pages, exported for the query-plan test: newest first, from the newest or before a position. */
export const THREAD_PAGE_SQL = {
  newest: `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ticket_id = @ticketId AND deleted_at IS NULL
    ORDER BY created_at DESC, id DESC LIMIT @limit`,
  before: `SELECT ${MESSAGE_COLUMNS} FROM messages
    WHERE ticket_id = @ticketId AND created_at <= @createdAt AND (created_at < @createdAt OR id < @id) AND deleted_at IS NULL
    ORDER BY created_at DESC, id DESC LIMIT @limit`,
} as const;

/**
 * The newest `limit` live messages of one ticket before `before` (all when null), newest first.
 * Served by messages_by_ticket (ticket_id, created_at): a long thread reads no more rows than a
 * short one; ids only break ties between messages of the same instant.
 */
export function listMessagesBefore(db: Db, ticketId: string, before: ThreadPosition | null, limit: number): Message[] {
  const rows = before
    ? stmt<[{ ticketId: string; createdAt: number; id: string; limit: number }], MessageDbRow>(db, THREAD_PAGE_SQL.before).all({
        ticketId,
        createdAt: before.createdAt,
        id: before.id,
        limit,
      })
    : stmt<[{ ticketId: string; limit: number }], MessageDbRow>(db, THREAD_PAGE_SQL.newest).all({ ticketId, limit });
  return rows.map(messageFromRow);
}

/**
 * How many live messages of one ticket come before `before`. Counted in the index, not the rows
 * (deleted_at sits after the body, so reading it would read every body): all entries before the
 * instant, plus the live ties of the instant, minus the tombstones before it (a partial index).
 */
export function countMessagesBefore(db: Db, ticketId: string, before: ThreadPosition): number {
  const params = { ticketId, createdAt: before.createdAt, id: before.id };
  return stmt<[typeof params], { n: number }>(db, COUNT_BEFORE_SQL).get(params)!.n;
}

/** The SQL of {@link countMessagesBefore}, exported for the query-plan test. */
export const COUNT_BEFORE_SQL = `SELECT
    (SELECT count(*) FROM messages INDEXED BY messages_by_ticket WHERE ticket_id = @ticketId AND created_at < @createdAt)
  + (SELECT count(*) FROM messages WHERE ticket_id = @ticketId AND created_at = @createdAt AND id < @id AND deleted_at IS NULL)
  - (SELECT count(*) FROM messages INDEXED BY messages_deleted_by_ticket
     WHERE ticket_id = @ticketId AND created_at < @createdAt AND deleted_at IS NOT NULL) AS n`;

/** Every live message, oldest first: a store exported whole (the sample team's snapshot). */
export function listAllMessages(db: Db): Message[] {
  return stmt<[], MessageDbRow>(db, `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE deleted_at IS NULL ORDER BY created_at, id`)
    .all()
    .map(messageFromRow);
}
