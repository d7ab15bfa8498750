import type { Session } from '../../../shared/contract/server-api';
import type { SqlExecutor } from '../sql-driver';

interface SessionRow {
  id: string;
  account_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

function sessionFromRow(row: SessionRow): Session {
  return { id: row.id, accountId: row.account_id, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: row.revoked_at };
}

export async function insertSession(db: SqlExecutor, session: Session, tokenHash: string): Promise<void> {
  await db.run('INSERT INTO sessions (id, token_hash, account_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)', [
    session.id,
    tokenHash,
    session.accountId,
    session.createdAt,
    session.expiresAt,
  ]);
}

/** A live session by its token hash: not revoked, not expired, its account not disabled. */
export async function findLiveSession(db: SqlExecutor, tokenHash: string, now: number): Promise<Session | undefined> {
  const row = await db.get<SessionRow>(
    `SELECT s.id, s.account_id, s.created_at, s.expires_at, s.revoked_at FROM sessions AS s
     JOIN accounts AS a ON a.id = s.account_id
     WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND a.disabled_at IS NULL`,
    [tokenHash, now],
  );
  return row && sessionFromRow(row);
}

/** A session by id if it is still live (same rules as {@link findLiveSession}). */
export async function getLiveSession(db: SqlExecutor, id: string, now: number): Promise<Session | undefined> {
  const row = await db.get<SessionRow>(
    `SELECT s.id, s.account_id, s.created_at, s.expires_at, s.revoked_at FROM sessions AS s
     JOIN accounts AS a ON a.id = s.account_id
     WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND a.disabled_at IS NULL`,
    [id, now],
  );
  return row && sessionFromRow(row);
}

export async function listSessions(db: SqlExecutor, accountId: string): Promise<Session[]> {
  const rows = await db.all<SessionRow>(
    'SELECT id, account_id, created_at, expires_at, revoked_at FROM sessions WHERE account_id = ? ORDER BY created_at DESC, id DESC',
    [accountId],
  );
  return rows.map(sessionFromRow);
}

/** Revokes one session; answers the account it belonged to when it was live. */
export async function revokeSession(db: SqlExecutor, id: string, now: number): Promise<string | undefined> {
  const row = await db.get<{ account_id: string }>(
    'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING account_id',
    [now, id],
  );
  return row?.account_id;
}

export async function revokeSessionsOf(db: SqlExecutor, accountId: string, now: number): Promise<number> {
  return db.run('UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL', [now, accountId]);
}

/** Removes sessions that ended before `before` (expired or revoked). */
export async function deleteEndedSessions(db: SqlExecutor, before: number): Promise<number> {
  return db.run('DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?', [before, before]);
}

export async function insertStreamTicket(
  db: SqlExecutor,
  ticket: { ticketHash: string; sessionId: string; accountId: string; expiresAt: number },
): Promise<void> {
  await db.run('INSERT INTO stream_tickets (ticket_hash, session_id, account_id, expires_at) VALUES (?, ?, ?, ?)', [
    ticket.ticketHash,
    ticket.sessionId,
    ticket.accountId,
    ticket.expiresAt,
  ]);
}

/** Uses a stream ticket up: it is deleted whether or not it was still valid, so it works once at most. */
export async function consumeStreamTicket(db: SqlExecutor, ticketHash: string, now: number): Promise<{ sessionId: string; accountId: string } | undefined> {
  const row = await db.get<{ session_id: string; account_id: string; expires_at: number }>(
    'DELETE FROM stream_tickets WHERE ticket_hash = ? RETURNING session_id, account_id, expires_at',
    [ticketHash],
  );
  if (!row || row.expires_at <= now) return undefined;
  return { sessionId: row.session_id, accountId: row.account_id };
}

export async function deleteExpiredStreamTickets(db: SqlExecutor, now: number): Promise<number> {
  return db.run('DELETE FROM stream_tickets WHERE expires_at <= ?', [now]);
}
