import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { AppError, assert } from '../../../shared/contract/errors';
import { idSchema } from '../../../shared/domain/ids';
import { roleSchema } from '../../../shared/domain/team';
import { logger } from '../../log';
import { buildSampleSnapshot, type SampleAccount } from './sample-snapshot';

const log = logger('embedded-backend');

/** The backend's usual port (`npm run server`); the embedded one takes it when it is free. */
export const DEFAULT_BACKEND_PORT = 5318;
/** The backend's SQLite file inside the embedded backend's folder. */
export const BACKEND_FILE = 'server.sqlite';
/** What the embedded backend remembers between starts: its port and the sample accounts. */
export const SETTINGS_FILE = 'embedded-backend.json';
/** The seed of the sample world, the same one a local sample store uses. */
const SAMPLE_SEED = 1;

/** The backend process as the launcher started it: a Node child process or an Electron utility process. */
export interface BackendProcess {
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  /** Sends SIGTERM, or the signal given (an Electron utility process takes none). */
  kill(signal?: NodeJS.Signals): boolean;
  once(event: 'exit', listener: (code: number | null) => void): unknown;
}

/**
 * Starts `src/server/main.ts` (or its build) with this environment. The browser host runs it
 * with Node and tsx; the Electron shell forks its build as a utility process.
 */
export type BackendLauncher = (env: Record<string, string>) => BackendProcess;

const accountSchema = z.object({ agentId: idSchema, email: z.string(), name: z.string(), role: roleSchema });

const settingsSchema = z.object({
  port: z.number().int().min(0).max(65_535),
  /** The password of every sample account; the backend keeps only its hash. */
  password: z.string().min(12),
  accounts: z.array(accountSchema).min(1),
});
type Settings = z.infer<typeof settingsSchema>;

export interface EmbeddedBackendOptions {
  /** The folder that holds the backend's SQLite file and its settings. */
  dir: string;
  launch: BackendLauncher;
  /** Sample tickets the backend is seeded with on its first start. */
  sampleTickets: number;
  /** The loopback port; 0 takes any free one. Unset: the one of the last start, else 5318, else any free one. */
  port?: number;
  now?: () => number;
  /** How long the process may take to listen (its first start seeds the sample world). */
  startTimeoutMs?: number;
}

/** A running embedded backend. */
export interface EmbeddedBackend {
  /** Where it listens, e.g. `http://127.0.0.1:5318`. */
  url: string;
  /** The sample account a desktop signs in with ("me" of the sample data). */
  me: SampleAccount;
  /** Every sample account, `me` first. */
  accounts: readonly SampleAccount[];
  /** The password of the sample accounts. */
  password: string;
  /** The file that keeps the password (readable by this user only). */
  settingsFile: string;
  /** Whether this start seeded the sample world (the backend's first start). */
  seeded: boolean;
  /** Ends the process (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
}

function readSettings(file: string): Settings | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) throw new AppError('validation', `${file} is not the embedded backend's settings file: move it aside to start afresh`);
  return parsed.data;
}

function writeSettings(file: string, settings: Settings): void {
  // Written whole and renamed, so a crash never leaves half a file; readable by this user only.
  const temp = `${file}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** Whether nothing listens on this loopback port right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort(requested: number | undefined, remembered: number | undefined): Promise<number> {
  if (requested !== undefined) return requested;
  for (const candidate of [remembered, DEFAULT_BACKEND_PORT]) {
    if (candidate !== undefined && candidate > 0 && (await portIsFree(candidate))) return candidate;
  }
  return 0;
}

/** The environment of the backend process: ours, minus what would point it elsewhere, plus its own settings. */
function backendEnv(port: number, dataFile: string, snapshotFile: string | null): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // PORT is the host's own; DATABASE_URL would move the team's data to a PostgreSQL server.
    if (value !== undefined && !['PORT', 'HOST', 'DATABASE_URL', 'SC_SEED_SNAPSHOT', 'SC_ADMIN_EMAIL', 'SC_ADMIN_PASSWORD'].includes(key)) env[key] = value;
  }
  env.PORT = String(port);
  env.HOST = '127.0.0.1';
  env.SC_SERVER_DATA = dataFile;
  if (snapshotFile) env.SC_SEED_SNAPSHOT = snapshotFile;
  return env;
}

/** Resolves with the URL the backend printed once it listens; rejects when it exits first or takes too long. */
function whenListening(child: BackendProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderrTail = '';
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timer = setTimeout(
      () => settle(() => reject(new AppError('offline', `The embedded backend did not start within ${timeoutMs / 1000} s`))),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      // Read to the end (a full pipe would block the backend), kept only until it listens.
      if (settled) return;
      stdout += chunk.toString();
      const match = /listening at (http:\/\/[^\s)]+)/.exec(stdout);
      if (match) settle(() => resolve(match[1]!));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      // The backend's log lines go on to ours; the tail explains a failed start.
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-2000);
    });
    child.once('exit', (code) =>
      settle(() => reject(new AppError('offline', `The embedded backend exited with ${code ?? 'a signal'} before it listened: ${stderrTail.trim()}`))),
    );
  });
}

/**
 * Starts the team's backend (`src/server`) as its own process on a loopback port, with its
 * SQLite file in `dir`. Its first start seeds it with the sample team (a few accounts with one
 * generated password, kept in the settings file), so desktops bootstrap the sample data from it
 * and share it. Later starts reuse the port, so a desktop stays bound to the same backend URL.
 */
export async function startEmbeddedBackend(options: EmbeddedBackendOptions): Promise<EmbeddedBackend> {
  const now = options.now ?? Date.now;
  fs.mkdirSync(options.dir, { recursive: true });
  const settingsFile = path.join(options.dir, SETTINGS_FILE);
  const dataFile = path.join(options.dir, BACKEND_FILE);
  let settings = readSettings(settingsFile);
  if (settings === null && fs.existsSync(dataFile)) {
    // A backend file whose sample password is lost cannot be signed in to: keep it aside, start afresh.
    const aside = `${dataFile}.without-settings-${now()}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(dataFile + suffix)) fs.renameSync(dataFile + suffix, aside + suffix);
    }
    log.warn('the embedded backend had no settings file; its data was moved aside and the sample team made again', { aside });
  }
  const seeding = settings === null || !fs.existsSync(dataFile);
  let snapshotFile: string | null = null;
  if (seeding) {
    const started = performance.now();
    const password = settings?.password ?? randomBytes(18).toString('base64url');
    const sample = buildSampleSnapshot({ tickets: options.sampleTickets, seed: SAMPLE_SEED, now: now(), password, scratchDir: options.dir });
    snapshotFile = path.join(options.dir, 'sample-snapshot.json');
    fs.writeFileSync(snapshotFile, JSON.stringify(sample.snapshot), { mode: 0o600 });
    settings = { port: settings?.port ?? 0, password, accounts: sample.accounts };
    log.info('made the sample team for the embedded backend', { tickets: options.sampleTickets, ms: Math.round(performance.now() - started) });
  }
  assert(settings !== null, 'the embedded backend has its settings once seeded');

  const port = await choosePort(options.port, settings.port);
  const child = options.launch(backendEnv(port, dataFile, snapshotFile));
  let url: string;
  try {
    url = await whenListening(child, options.startTimeoutMs ?? 120_000);
  } catch (error) {
    child.kill();
    throw error;
  } finally {
    // The snapshot holds the sample password; the backend has imported it (or failed to).
    if (snapshotFile) fs.rmSync(snapshotFile, { force: true });
  }
  const listeningPort = Number(new URL(url).port);
  // Remembered, so the desktop's binding (the backend URL) still holds at the next start.
  settings = { ...settings, port: listeningPort };
  writeSettings(settingsFile, settings);

  let exited = false;
  let stopping = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      // Desktops keep working offline and retry; the agent sees "offline" in the status bar.
      if (!stopping) log.error('the embedded backend stopped', { code });
      resolve();
    }),
  );
  return {
    url,
    me: settings.accounts[0]!,
    accounts: settings.accounts,
    password: settings.password,
    settingsFile,
    seeded: seeding,
    async stop() {
      if (exited) return;
      stopping = true;
      child.kill();
      const timer = setTimeout(() => {
        log.warn('the embedded backend did not stop in time; killing it');
        child.kill('SIGKILL');
      }, 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
