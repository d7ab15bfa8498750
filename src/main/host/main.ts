// Browser mode: the workspace served to a plain browser on loopback, backed by the same core
// services the Electron shell uses. `npm run web` starts it; `npm start` falls back to it when
// the Electron binary is not available.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from '../services/core';
import { createHost } from './host';
import { describeError, logger } from '../log';

const log = logger('host');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where browser mode keeps its store unless SC_DATA_DIR says otherwise. */
function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'support-console');
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 5317);
  const dataDir = process.env.SC_DATA_DIR ?? defaultDataDir();
  const seedTickets = Number(process.env.SC_SEED_TICKETS ?? 2000);
  const core = openCore({ dataDir, version: process.env.npm_package_version ?? '0.1.0', seedTickets });
  // SC_BUILD_DIR: where `electron-vite build --outDir` put the build (default `out`).
  const buildDir = path.resolve(root, process.env.SC_BUILD_DIR ?? 'out');
  const app = await createHost({ core, rendererDir: path.join(buildDir, 'renderer') });
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`Support Console is running at http://127.0.0.1:${actualPort}/ (data in ${dataDir})\n`);
  const stop = () => {
    void app.close().finally(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log.error('the browser host failed to start', describeError(error));
  process.exit(1);
});
