import { stmt, type Db } from '../db';
import type { Message } from '../../../shared/domain/message';

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

const COLUMNS =
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

const INSERT = `INSERT INTO messages (${COLUMNS}) VALUES (@id, @ticket_id, @kind, @author_type, @author_id, @author_name, @channel, @body_format, @body, @attachments, @created_at, @updated_at)`;

export function insertMessage(db: Db, message: Message): void {
  stmt<[MessageDbRow]>(db, INSERT).run(messageToRow(message));
}

/** The thread of a ticket, oldest first. */
export function listMessages(db: Db, ticketId: string): Message[] {
  return stmt<[string], MessageDbRow>(
    db,
    `SELECT ${COLUMNS} FROM messages WHERE ticket_id = ? AND deleted_at IS NULL ORDER BY created_at, id`,
  )
    .all(ticketId)
    .map(messageFromRow);
}

export function getMessage(db: Db, id: string): Message | undefined {
  const row = stmt<[string], MessageDbRow>(db, `SELECT ${COLUMNS} FROM messages WHERE id = ?`).get(id);
  return row && messageFromRow(row);
}
