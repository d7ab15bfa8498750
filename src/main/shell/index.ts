// The Electron main entry: lifecycle only. It opens the core services on the user-data folder,
// starts the embedded backend (SC_BACKEND: see backend-mode.ts), serves the workspace over
// app://, binds the contract to IPC and keeps one window.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, shell, type BrowserWindow } from 'electron';
import type { AppError } from '../../shared/contract/errors';
import { openCore, STORE_FILE, type Core } from '../services/core';
import { backendModeFrom } from '../services/embedded-backend/backend-mode';
import { linkToEmbeddedBackend } from '../services/embedded-backend/desktop-link';
import { startEmbeddedBackend, type EmbeddedBackend } from '../services/embedded-backend/embedded-backend';
import { utilityProcessLauncher } from './backend-process';
import { safeStorageCredentials } from './credentials';
import { describeError, logger } from '../log';
import { bindIpc } from './ipc';
import { installAppMenu } from './menu';
import { registerAppScheme, serveWorkspace } from './protocol';
import { hardenSession, WORKSPACE_PARTITION } from './session';
import { storeErrorDialog } from './store-error';
import { createWorkspaceWindow, guardContents } from './window';

const log = logger('shell');

/** Sample tickets of the embedded backend's team (or of the store, without a backend), so the first start shows a working queue. */
const SEED_TICKETS = 2000;

// out/main/index.js → out/main/server.js, out/preload/index.cjs and out/renderer/ (inside app.asar when packaged).
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const preloadFile = path.join(outDir, 'preload', 'index.cjs');
const rendererDir = path.join(outDir, 'renderer');
const serverFile = path.join(outDir, 'main', 'server.js');

let workspaceWindow: BrowserWindow | null = null;

async function reportStoreError(error: AppError, storeFile: string): Promise<void> {
  const { showFileId, ...box } = storeErrorDialog(error.toBody(), storeFile);
  const { response } = await dialog.showMessageBox(box);
  if (response === showFileId) shell.showItemInFolder(storeFile);
}

function openWindow(): void {
  const window = createWorkspaceWindow({
    preload: preloadFile,
    session: session.fromPartition(WORKSPACE_PARTITION),
    devTools: !app.isPackaged,
  });
  window.on('closed', () => {
    if (workspaceWindow === window) workspaceWindow = null;
  });
  workspaceWindow = window;
}

function focusWindow(): void {
  if (workspaceWindow === null) return openWindow();
  if (workspaceWindow.isMinimized()) workspaceWindow.restore();
  workspaceWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const mode = backendModeFrom(process.env.SC_BACKEND);
  const core: Core = openCore({
    dataDir,
    version: app.getVersion(),
    seedTickets: mode.kind === 'none' ? SEED_TICKETS : 0,
    sync: {
      credentials: safeStorageCredentials(path.join(dataDir, 'session-token')),
      ...(mode.kind === 'remote' ? { backendUrl: mode.url } : {}),
    },
  });
  if (core.storeError !== null) {
    // The store is refused before anything writes to it; say what to do and leave it as it is.
    await reportStoreError(core.storeError, path.join(dataDir, STORE_FILE));
    app.quit();
    return;
  }
  let backend: EmbeddedBackend | null = null;
  if (mode.kind === 'embedded') {
    try {
      backend = await startEmbeddedBackend({ dir: path.join(dataDir, 'backend'), launch: utilityProcessLauncher(serverFile), sampleTickets: SEED_TICKETS });
      await linkToEmbeddedBackend(core, backend);
    } catch (error) {
      log.error('the embedded backend could not start; the desktop works on its own', describeError(error));
    }
  }

  const workspaceSession = session.fromPartition(WORKSPACE_PARTITION);
  hardenSession(workspaceSession);
  serveWorkspace(workspaceSession, rendererDir);
  installAppMenu({ isMac: process.platform === 'darwin', devTools: !app.isPackaged });
  const unbind = bindIpc(core, () => workspaceWindow);
  app.on('will-quit', () => {
    unbind();
    core.close();
    void backend?.stop();
  });
  app.on('second-instance', focusWindow);
  app.on('activate', focusWindow);
  openWindow();
}

// Everything below runs before 'ready': privileged schemes, the sandbox for every renderer, the
// single-instance lock and the guards every webContents gets the moment it exists.
registerAppScheme();
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => guardContents(contents));
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    log.error('Support Console failed to start', describeError(error));
    dialog.showErrorBox('Support Console cannot start', 'Something went wrong while starting. Details are in the log.');
    app.exit(1);
  });
}
