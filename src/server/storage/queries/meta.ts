import type { SqlExecutor } from '../sql-driver';

/** Reads one value of the key/value table. */
export async function getMeta(db: SqlExecutor, key: string): Promise<string | undefined> {
  const row = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
  return row?.value;
}

/** Writes one value of the key/value table. */
export async function setMeta(db: SqlExecutor, key: string, value: string): Promise<void> {
  await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}

/** Writes a value only if the key has none yet (safe when two instances start at once). */
export async function setMetaIfMissing(db: SqlExecutor, key: string, value: string): Promise<void> {
  await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, value]);
}
