// The workspace window's own session, locked down: it grants no permission, downloads nothing
// and loads nothing from the network. Everything the page needs comes from app:// and IPC.
import type { Session } from 'electron';
import { logger } from '../log';

const log = logger('shell');

/** The persistent partition of the workspace window (kept apart from the default session). */
export const WORKSPACE_PARTITION = 'persist:workspace';

/** Denies permissions, downloads and every network request of the workspace session. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('refused a permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // No remote content in the privileged window, whatever the CSP of the day says.
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    // Only the origin: the rest of a URL from a customer's message is theirs.
    log.warn('refused a network request from the workspace', { origin: new URL(details.url).origin });
    callback({ cancel: true });
  });
  session.on('will-download', (event) => event.preventDefault());
}
