// The embedded backend as an Electron utility process: the fuses forbid running Electron as
// plain Node, and a utility process ends with the app.
import { utilityProcess } from 'electron';
import type { BackendLauncher } from '../services/embedded-backend/embedded-backend';

/** Forks the backend's build (out/main/server.js) with this environment. */
export function utilityProcessLauncher(entry: string): BackendLauncher {
  return (env) => utilityProcess.fork(entry, [], { env, stdio: 'pipe', serviceName: 'Support Console backend' });
}
