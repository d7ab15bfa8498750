// Binds the contract to IPC: one invoke channel for calls, one send channel for events. The
// shell only relays; validation and the Result envelope are dispatch()'s.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../../shared/contract/bridge';
import type { Result } from '../../shared/contract/errors';
import type { Core } from '../services/core';
import { dispatch } from '../services/handlers';
import { logger } from '../log';
import { isTrustedSender } from './policy';

const log = logger('ipc');

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'forbidden', message: 'Calls are accepted from the workspace window only' } };
const MALFORMED: Result<never> = { ok: false, error: { code: 'malformed', message: 'The method name must be a string' } };

/** The URL of the frame that sent `event`; null when the frame is gone (reading a disposed frame throws). */
function senderFrameUrl(event: IpcMainInvokeEvent): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}

/**
 * Answers contract calls from the workspace window and forwards core events to it.
 * `currentWindow` is read on every message, so a window reopened (macOS) is served too.
 * Returns the function that unbinds both.
 */
export function bindIpc(core: Core, currentWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(RPC_CHANNEL, async (event, method: unknown, input: unknown) => {
    const window = currentWindow();
    const sender = {
      fromWorkspaceWindow: window !== null && !window.isDestroyed() && event.sender === window.webContents,
      frameUrl: senderFrameUrl(event),
    };
    if (!isTrustedSender(sender)) {
      log.warn('refused a call from an unknown sender', { fromWorkspaceWindow: sender.fromWorkspaceWindow });
      return FORBIDDEN;
    }
    if (typeof method !== 'string') return MALFORMED;
    return dispatch(core.handlers, method, input);
  });
  const unsubscribe = core.events.subscribe((appEvent) => {
    const window = currentWindow();
    if (window !== null && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, appEvent);
  });
  return () => {
    ipcMain.removeHandler(RPC_CHANNEL);
    unsubscribe();
  };
}
