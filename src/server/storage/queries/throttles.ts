import type { SqlExecutor } from '../sql-driver';

/** A fixed-window counter: hits since the window started. */
export interface ThrottleState {
  hits: number;
  windowStartedAt: number;
}

/** Counts one hit for `key` in a window of `windowMs` (a new window starts when the old one is over). */
export async function hitThrottle(db: SqlExecutor, key: string, now: number, windowMs: number): Promise<ThrottleState> {
  const row = await db.get<{ hits: number; window_started_at: number }>(
    `INSERT INTO throttles (key, window_started_at, hits) VALUES (?, ?, 1)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN throttles.window_started_at <= ? THEN 1 ELSE throttles.hits + 1 END,
       window_started_at = CASE WHEN throttles.window_started_at <= ? THEN excluded.window_started_at ELSE throttles.window_started_at END
     RETURNING hits, window_started_at`,
    [key, now, now - windowMs, now - windowMs],
  );
  return { hits: Number(row!.hits), windowStartedAt: row!.window_started_at };
}

/** The current window of `key`, or null when none is running. */
export async function readThrottle(db: SqlExecutor, key: string, now: number, windowMs: number): Promise<ThrottleState | null> {
  const row = await db.get<{ hits: number; window_started_at: number }>('SELECT hits, window_started_at FROM throttles WHERE key = ?', [key]);
  if (!row || row.window_started_at <= now - windowMs) return null;
  return { hits: Number(row.hits), windowStartedAt: row.window_started_at };
}

export async function clearThrottle(db: SqlExecutor, key: string): Promise<void> {
  await db.run('DELETE FROM throttles WHERE key = ?', [key]);
}

export async function deleteStaleThrottles(db: SqlExecutor, before: number): Promise<number> {
  return db.run('DELETE FROM throttles WHERE window_started_at < ?', [before]);
}
