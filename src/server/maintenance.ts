import { describeError, logger } from './log';
import type { Storage } from './storage/storage';

const log = logger('maintenance');

/** How long the change log keeps replaced values and tombstones: 30 days unless SC_RETENTION_DAYS says otherwise. */
export const DEFAULT_RETENTION_MS = 30 * 24 * 3_600_000;

/** Prunes now and then every `everyMs`; answers the stop function. Several instances may all run it: pruning is idempotent. */
export function startMaintenance(storage: Storage, retentionMs: number, everyMs = 3_600_000): () => void {
  const run = () =>
    storage
      .prune(Date.now() - retentionMs)
      .then((result) => {
        if (result.removedChanges > 0) log.info('pruned the change log', result);
      })
      .catch((error: unknown) => log.error('pruning failed', describeError(error)));
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
