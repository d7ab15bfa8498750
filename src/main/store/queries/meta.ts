import { stmt, type Db } from '../db';

/** Reads one value of the store's key/value table. */
export function getMeta(db: Db, key: string): string | undefined {
  const row = stmt<[string], { value: string }>(db, 'SELECT value FROM meta WHERE key = ?').get(key);
  return row?.value;
}

/** Writes one value of the store's key/value table. */
export function setMeta(db: Db, key: string, value: string): void {
  stmt(
    db,
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** Removes one value of the store's key/value table (nothing when it is not there). */
export function deleteMeta(db: Db, key: string): void {
  stmt(db, 'DELETE FROM meta WHERE key = ?').run(key);
}
