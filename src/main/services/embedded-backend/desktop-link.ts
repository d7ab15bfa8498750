import { AppError } from '../../../shared/contract/errors';
import type { SyncStatus } from '../../../shared/contract/sync-methods';
import { describeError, logger } from '../../log';
import type { Core } from '../core';
import { ensureDefaultMacros } from '../macros/default-macros';
import type { EmbeddedBackend } from './embedded-backend';

const log = logger('embedded-backend');

function sameBackend(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** What the desktop knows of its embedded backend when it decides whether to sign in. */
export interface EmbeddedTarget {
  url: string;
  /** The sample account the desktop signs in as. */
  accountId: string;
  /** Whether the backend was seeded on this start (it knows no earlier session). */
  seeded: boolean;
}

/**
 * Whether a desktop signs in to its embedded backend by itself at start. It does while it has no
 * session for it, unless the agent chose otherwise: a desktop bound to a team's backend, or
 * signed in there as another sample account, signs in from Settings. A backend seeded just now
 * holds no session of before, so the desktop signs in again whatever it kept.
 */
export function embeddedSignInNeeded(status: SyncStatus, target: EmbeddedTarget): boolean {
  if (status.backendUrl !== null && !sameBackend(status.backendUrl, target.url)) return false;
  if (target.seeded) return true;
  if (status.state !== 'signed-out') return false;
  return status.accountId === null || status.accountId === target.accountId;
}

/**
 * Links a desktop to the embedded backend on loopback: sample macros (a backend holds none), and
 * a sign-in with the local sample account when {@link embeddedSignInNeeded}. The desktop then
 * bootstraps the sample data from the backend. A refused sign-in leaves the desktop working on its
 * own; the agent sees why in Settings.
 */
export async function linkToEmbeddedBackend(core: Core, backend: EmbeddedBackend, now: () => number = Date.now): Promise<boolean> {
  if (core.db === null) return false;
  ensureDefaultMacros(core.db, now());
  const status = await core.handlers['sync/get-status']({});
  if (!embeddedSignInNeeded(status, { url: backend.url, accountId: backend.me.agentId, seeded: backend.seeded })) return false;
  try {
    await core.handlers['sync/sign-in']({ url: backend.url, email: backend.me.email, password: backend.password });
    log.info('signed in to the embedded backend', { url: backend.url, email: backend.me.email });
    return true;
  } catch (error) {
    const details = error instanceof AppError ? { code: error.code, message: error.message } : describeError(error);
    log.warn('could not sign in to the embedded backend', details);
    return false;
  }
}
