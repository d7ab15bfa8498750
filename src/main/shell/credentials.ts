// The session token of the team's backend, kept with safeStorage (the OS keychain, or the
// desktop's secret service on Linux), never in the store and never as plain text.
import fs from 'node:fs';
import { safeStorage } from 'electron';
import type { SyncCredentials } from '../services/sync/sync-service';
import { describeError, logger } from '../log';

const log = logger('shell');

/** Whether safeStorage protects secrets with the OS (on Linux, "basic_text" is only obfuscation). */
function encryptionAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

/**
 * The token in `file`, encrypted with safeStorage. Where the OS offers no protection, the token
 * stays in memory only: the agent signs in again after a restart.
 */
export function safeStorageCredentials(file: string): SyncCredentials {
  let memory: string | null = null;
  if (!encryptionAvailable()) {
    log.warn('no OS encryption for the session token: it is kept in memory only');
    return {
      load: () => memory,
      save: (token) => {
        memory = token;
      },
    };
  }
  return {
    load() {
      try {
        return safeStorage.decryptString(fs.readFileSync(file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('the saved session cannot be read; sign in again', describeError(error));
        return null;
      }
    },
    save(token) {
      if (token === null) {
        fs.rmSync(file, { force: true });
        return;
      }
      fs.writeFileSync(file, safeStorage.encryptString(token), { mode: 0o600 });
    },
  };
}
