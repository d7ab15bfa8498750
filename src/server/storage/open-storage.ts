import { PostgresDriver } from './postgres-driver';
import { SqliteDriver } from './sqlite-driver';
import { SqlStorage } from './sql-storage';
import type { Storage } from './storage';

/** Where the backend keeps its data. */
export type StorageConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; poolSize?: number };

/** Opens (and migrates) the storage the config names. */
export async function openStorage(config: StorageConfig, clock: () => number = Date.now): Promise<Storage> {
  const driver = config.kind === 'sqlite' ? new SqliteDriver(config.file) : new PostgresDriver(config.url, config.poolSize);
  try {
    return await SqlStorage.open(driver, clock);
  } catch (error) {
    await driver.close();
    throw error;
  }
}

/** The storage config from the environment: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export function storageConfigFromEnv(env: NodeJS.ProcessEnv, defaultSqliteFile: string): StorageConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url };
  return { kind: 'sqlite', file: env.SC_SERVER_DATA?.trim() || defaultSqliteFile };
}
