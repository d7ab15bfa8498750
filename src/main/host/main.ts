// Browser mode: the workspace served to a plain browser on loopback, backed by the same core
// services the Electron shell uses. `npm run web` starts it; `npm start` falls back to it when
// the Electron binary is not available.
//   PORT              the workspace's port (default 5317)
//   SC_DATA_DIR       the local store's folder (and the embedded backend's, in backend/)
//   SC_BACKEND        embedded (default) | none | a team backend's URL (see backend-mode.ts)
//   SC_SEED_TICKETS   sample tickets: the embedded backend's sample team, or the local store's with SC_BACKEND=none
//   SC_BACKEND_PORT   the embedded backend's loopback port (default: the last one, else 5318, else any free one)
//   SC_BUILD_DIR      where `electron-vite build --outDir` put the build (default `out`)
//   SC_SAMPLE_ROLE    with SC_BACKEND=none: act as the first sample agent of this role (agent, lead, author, admin)
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore, type Core } from '../services/core';
import { backendModeFrom } from '../services/embedded-backend/backend-mode';
import { linkToEmbeddedBackend } from '../services/embedded-backend/desktop-link';
import { startEmbeddedBackend, type EmbeddedBackend } from '../services/embedded-backend/embedded-backend';
import { nodeBackendLauncher } from '../services/embedded-backend/node-launcher';
import { roleSchema, type Role } from '../../shared/domain/team';
import { createHost } from './host';
import { describeError, logger } from '../log';

const log = logger('host');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where browser mode keeps its store unless SC_DATA_DIR says otherwise. */
function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'support-console');
}

function optionalPort(value: string | undefined): number | undefined {
  return value === undefined || value.trim() === '' ? undefined : Number(value);
}

/** Starts the embedded backend and signs the desktop in to it; without it the desktop works on its own. */
async function embeddedBackend(core: Core, dataDir: string, sampleTickets: number): Promise<EmbeddedBackend | null> {
  try {
    const backend = await startEmbeddedBackend({
      dir: path.join(dataDir, 'backend'),
      launch: nodeBackendLauncher(path.join(root, 'src', 'server', 'main.ts'), { execArgv: ['--import', 'tsx'], cwd: root }),
      sampleTickets,
      port: optionalPort(process.env.SC_BACKEND_PORT),
    });
    await linkToEmbeddedBackend(core, backend);
    return backend;
  } catch (error) {
    log.error('the embedded backend could not start; the desktop works on its own', describeError(error));
    return null;
  }
}

function sampleRoleOption(value: string | undefined): { sampleRole?: Role } {
  const role = roleSchema.safeParse(value);
  return role.success ? { sampleRole: role.data } : {};
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 5317);
  const dataDir = process.env.SC_DATA_DIR ?? defaultDataDir();
  const seedTickets = Number(process.env.SC_SEED_TICKETS ?? 2000);
  const mode = backendModeFrom(process.env.SC_BACKEND);
  const version = process.env.npm_package_version ?? '0.1.0';
  // With a backend the desktop bootstraps the team's data from it; only a desktop on its own seeds its store.
  const core = openCore({
    dataDir,
    version,
    seedTickets: mode.kind === 'none' ? seedTickets : 0,
    ...sampleRoleOption(process.env.SC_SAMPLE_ROLE),
    ...(mode.kind === 'remote' ? { sync: { backendUrl: mode.url } } : {}),
  });
  const backend = mode.kind === 'embedded' && core.storeError === null ? await embeddedBackend(core, dataDir, seedTickets) : null;
  const buildDir = path.resolve(root, process.env.SC_BUILD_DIR ?? 'out');
  const app = await createHost({ core, rendererDir: path.join(buildDir, 'renderer') });
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`Support Console is running at http://127.0.0.1:${actualPort}/ (data in ${dataDir})\n`);
  if (backend) {
    const accounts = backend.accounts.map((account) => `${account.email} (${account.role})`);
    process.stdout.write(
      `Its backend runs at ${backend.url} with the sample team. Sample accounts: ${accounts.join(', ')};` +
        ` the desktop signs in as the first; their password is in ${backend.settingsFile}\n`,
    );
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void app
      .close()
      .then(() => core.close())
      .then(() => backend?.stop())
      .catch((error: unknown) => log.error('stopping failed', describeError(error)))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log.error('the browser host failed to start', describeError(error));
  process.exit(1);
});
