import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS, LATEST_VERSION } from '../../src/main/store/migrations/list';
import type { SeedSummary } from '../../src/main/services/seed/sample-data';
import { progress } from './figures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedDir = path.join(root, 'src/main/services/seed');

/** The seed and the instant every bench store is generated from: fixed, so cached stores stay valid. */
export const BENCH_SEED = 1;
export const BENCH_NOW = Date.UTC(2026, 9, 1, 12, 0, 0);

/** What seeding a store took. */
export interface SeedResult {
  summary: SeedSummary;
  ms: number;
  /** CPU time the seeding process used (user + system). */
  cpuMs: number;
  /** The seeding process's peak resident memory. */
  maxRssMb: number;
}

/** Where seeded stores are kept between runs (git-ignored); BENCH_CACHE_DIR overrides it. */
export function cacheDir(): string {
  return process.env.BENCH_CACHE_DIR ?? path.join(root, '.bench-cache');
}

/**
 * The cached store for `tickets`: its name carries the schema version and a fingerprint of the
 * migrations and the generator's sources, so a change to either never reuses a stale store.
 */
export function cachedStorePath(tickets: number): string {
  const hash = createHash('sha256');
  for (const migration of MIGRATIONS) hash.update(migration.sql);
  for (const name of fs.readdirSync(seedDir).sort()) {
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) hash.update(fs.readFileSync(path.join(seedDir, name)));
  }
  return path.join(cacheDir(), `${tickets}-${BENCH_SEED}-v${LATEST_VERSION}-${hash.digest('hex').slice(0, 10)}.db`);
}

/** Seeds a fresh store at `file` in a child process and returns what seeding took there. */
export function seedInChild(file: string, tickets: number): SeedResult {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const script = path.join(root, 'bench/seed-store.ts');
  // process.execArgv carries tsx's loader, so the child runs TypeScript like this process.
  const child = spawnSync(process.execPath, [...process.execArgv, script, file, String(tickets), String(BENCH_SEED), String(BENCH_NOW)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`seeding ${tickets} tickets failed (exit ${child.status ?? child.signal})`);
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as SeedResult;
}

/** Makes sure the cached store for `tickets` exists; `fresh` is a just-seeded, closed store of that size to move there instead of seeding again. */
export function ensureCachedStore(tickets: number, fresh?: string): string {
  const file = cachedStorePath(tickets);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  if (fresh) {
    moveFile(fresh, partial);
  } else {
    progress(`seeding ${tickets} tickets into the cache (once per size and generator version)`);
    const result = seedInChild(partial, tickets);
    progress(`seeded ${result.summary.totalRows} rows in ${Math.round(result.ms)} ms`);
  }
  // Renamed only when complete: an interrupted run never leaves a half-seeded cache behind.
  fs.renameSync(partial, file);
  removeStaleStores(file, tickets);
  return file;
}

/** Moves a file, copying it when it lives on another file system than its destination. */
function moveFile(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.copyFileSync(from, to);
    fs.rmSync(from);
  }
}

/** Deletes cached stores of this size made by an older schema or generator: each is gigabytes at full size. */
function removeStaleStores(current: string, tickets: number): void {
  const prefix = `${tickets}-${BENCH_SEED}-v`;
  for (const name of fs.readdirSync(path.dirname(current))) {
    const stale = path.join(path.dirname(current), name);
    // Another run's store still being seeded (.partial-<pid>) is left alone.
    if (name.startsWith(prefix) && !name.includes('.partial-') && !stale.startsWith(current)) fs.rmSync(stale, { force: true });
  }
}
