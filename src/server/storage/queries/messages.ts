import type { Attachment, AuthorType, BodyFormat, Message, MessageKind } from '../../../shared/domain/message';
import type { Channel } from '../../../shared/domain/ticket';
import type { SqlExecutor, SqlValue } from '../sql-driver';
import { insertRows, json, parseJson, rowsWithKeys } from './sql';

interface MessageRow {
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
}

const COLUMNS = 'id, ticket_id, kind, author_type, author_id, author_name, channel, body_format, body, attachments, created_at';

function messageFromRow(row: MessageRow): Message {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    kind: row.kind as MessageKind,
    authorType: row.author_type as AuthorType,
    authorId: row.author_id,
    authorName: row.author_name,
    channel: row.channel as Channel,
    bodyFormat: row.body_format as BodyFormat,
    body: row.body,
    attachments: parseJson<Attachment[]>(row.attachments),
    createdAt: row.created_at,
  };
}

export async function getMessage(db: SqlExecutor, id: string): Promise<Message | undefined> {
  const row = await db.get<MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE id = ?`, [id]);
  return row && messageFromRow(row);
}

/** The messages among `ids` that exist. */
export async function getMessages(db: SqlExecutor, ids: readonly string[]): Promise<Message[]> {
  const rows = await rowsWithKeys<MessageRow>(db, { table: 'messages', column: 'id', columns: COLUMNS, keys: [...new Set(ids)] });
  return rows.map(messageFromRow);
}

const BULK_COLUMNS = COLUMNS.split(', ');

function messageValues(message: Message): SqlValue[] {
  return [
    message.id,
    message.ticketId,
    message.kind,
    message.authorType,
    message.authorId,
    message.authorName,
    message.channel,
    message.bodyFormat,
    message.body,
    json(message.attachments),
    message.createdAt,
  ];
}

/** Appends a message; answers false (and writes nothing) when its id exists already. */
export async function insertMessage(db: SqlExecutor, message: Message): Promise<boolean> {
  return (await insertMessages(db, [message])) > 0;
}

/** Appends messages (ids distinct) in as few statements as the engine needs; answers how many were new (existing ids are left alone). */
export async function insertMessages(db: SqlExecutor, messages: readonly Message[]): Promise<number> {
  return insertRows(db, 'messages', BULK_COLUMNS, messages.map(messageValues), 'ON CONFLICT (id) DO NOTHING');
}
