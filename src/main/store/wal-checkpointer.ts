import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db';
import { describeError, logger } from '../log';

const log = logger('store');

/** SQLite's default: a commit that finds the WAL over this many pages copies it into the database file. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/**
 * While the worker runs, the main connection still checkpoints once the WAL passes this many
 * pages (64 MiB of 4 KiB pages). Under a steady stream of writes a PASSIVE checkpoint never
 * catches the last frame, so the WAL would never restart and would grow without bound; this
 * safety net bounds it, and by then the worker has copied nearly every frame, so the commit that
 * trips it has little left to do.
 */
const SAFETY_NET_AUTOCHECKPOINT_PAGES = 16_384;

// The worker opens its own connection to the same file and checkpoints without blocking writers
// (PASSIVE): the main thread's connection then never checkpoints inside a commit.
/** Where better-sqlite3 lives for this module (an eval'd worker would resolve it from the working folder). */
function betterSqlitePath(): string {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return 'better-sqlite3';
  }
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error && error.message || error)); }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

/**
 * Moves WAL checkpoints off the thread that answers the UI, for the store's whole life. A
 * checkpoint copies the WAL into the database file and syncs it to disk; done inside a commit
 * (SQLite's default) it stalls that commit for tens of milliseconds every few megabytes written.
 * While running, a worker checkpoints every `everyMs` and the main connection only as a safety
 * net; `stop` puts SQLite's default back (a crash loses nothing: the WAL is checkpointed at the
 * next open, and the setting is per connection).
 */
export class WalCheckpointer {
  private worker: Worker | null = null;

  constructor(
    private readonly db: Db,
    private readonly everyMs = 200,
  ) {}

  start(): void {
    if (this.worker || this.db.memory || !this.db.open) return;
    try {
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.db.name, everyMs: this.everyMs, module: betterSqlitePath() } });
    } catch (error) {
      log.warn('cannot start the checkpoint worker; commits keep checkpointing', describeError(error));
      return;
    }
    this.worker.unref();
    this.worker.on('message', (message: unknown) => log.warn('a background checkpoint failed', { error: String(message) }));
    this.worker.on('error', (error) => {
      log.warn('the checkpoint worker failed; commits checkpoint again', describeError(error));
      this.restore();
      this.worker = null;
    });
    this.db.pragma(`wal_autocheckpoint = ${SAFETY_NET_AUTOCHECKPOINT_PAGES}`);
  }

  stop(): void {
    if (!this.worker) return;
    const worker = this.worker;
    this.worker = null;
    worker.postMessage('stop');
    this.restore();
  }

  private restore(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  }
}
