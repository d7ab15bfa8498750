import { spawn } from 'node:child_process';
import type { BackendLauncher } from './embedded-backend';

/**
 * Runs the backend's entry with this Node; `execArgv` e.g. `['--import', 'tsx']` for the
 * TypeScript source, resolved from `cwd`. The IPC channel is there so the backend ends with its
 * desktop even when the desktop is killed outright: the backend stops when the channel closes.
 */
export function nodeBackendLauncher(entry: string, options: { execArgv?: readonly string[]; cwd?: string } = {}): BackendLauncher {
  return (env) =>
    spawn(process.execPath, [...(options.execArgv ?? []), entry], {
      env,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
}
