// The vendor backend process: `npm run server`.
//   PORT             port to listen on (default 5318); HOST (default 127.0.0.1)
//   DATABASE_URL     postgres://… to share one PostgreSQL between instances; else SQLite:
//   SC_SERVER_DATA   the SQLite file (default ./.data/server.sqlite)
//   SC_ADMIN_EMAIL, SC_ADMIN_PASSWORD   the first admin, made while there are no accounts
//   SC_SEED_SNAPSHOT a JSON team snapshot to import into an empty database
//   SC_RETENTION_DAYS how long replaced values and tombstones stay in the change log (default 30)
//   SC_TRUST_PROXY   1 to take client addresses from X-Forwarded-For (behind your own proxy only)
//   SC_SLA_INTERVAL_MS how often the SLA scheduler looks for trigger moments that came (default 10000)
import fs from 'node:fs';
import path from 'node:path';
import { serverSnapshotSchema } from '../shared/contract/server-snapshot';
import { createServer } from './app';
import { AuthService } from './auth/auth-service';
import { describeError, logger } from './log';
import { DEFAULT_RETENTION_MS, startMaintenance } from './maintenance';
import { seedFromSnapshot, seedMinimalTeam } from './seed';
import { openStorage, storageConfigFromEnv } from './storage/open-storage';
import { ensureDefaultMatrix } from './sla/matrix-versions';
import { SlaScheduler } from './sla/scheduler';

const log = logger('server');

async function main(): Promise<void> {
  const env = process.env;
  const config = storageConfigFromEnv(env, path.join(process.cwd(), '.data', 'server.sqlite'));
  const storage = await openStorage(config);
  const auth = new AuthService(storage);

  if (env.SC_SEED_SNAPSHOT) {
    const snapshot = serverSnapshotSchema.parse(JSON.parse(fs.readFileSync(env.SC_SEED_SNAPSHOT, 'utf8')));
    if (await seedFromSnapshot(storage, auth, snapshot)) log.info('imported the team snapshot', { file: env.SC_SEED_SNAPSHOT });
  }
  if (env.SC_ADMIN_EMAIL && env.SC_ADMIN_PASSWORD) {
    if (await seedMinimalTeam(storage, auth, { email: env.SC_ADMIN_EMAIL, password: env.SC_ADMIN_PASSWORD })) {
      log.info('created the first admin account', { email: env.SC_ADMIN_EMAIL });
    }
  }

  // After the seeds (a snapshot is imported only into a database that never committed a change).
  await ensureDefaultMatrix(storage);
  const slaIntervalMs = Number(env.SC_SLA_INTERVAL_MS);
  const scheduler = new SlaScheduler(storage, slaIntervalMs > 0 ? { intervalMs: slaIntervalMs } : {});
  scheduler.start();

  const retentionDays = Number(env.SC_RETENTION_DAYS);
  const stopMaintenance = startMaintenance(storage, retentionDays > 0 ? retentionDays * 24 * 3_600_000 : DEFAULT_RETENTION_MS);
  const app = createServer({ storage, trustProxy: env.SC_TRUST_PROXY === '1' });
  const address = await app.listen({ host: env.HOST ?? '127.0.0.1', port: Number(env.PORT ?? 5318) });
  process.stdout.write(`Support Console backend listening at ${address} (${config.kind})\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    stopMaintenance();
    await scheduler.stop();
    await app.close();
    await storage.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Started by a desktop as its embedded backend (with an IPC channel): it ends with that desktop,
  // even one killed outright, rather than keep the port and the file.
  if (process.connected) process.once('disconnect', () => void stop('disconnect'));
}

main().catch((error: unknown) => {
  log.error('the backend failed to start', describeError(error));
  process.stderr.write(`The backend failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
