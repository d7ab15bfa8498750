// The workspace window and the guards every webContents gets: no navigation, no new windows,
// no webviews; allowed external links go to the system browser instead.
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { describeError, logger } from '../log';
import { APP_ENTRY_URL, isAllowedExternalUrl } from './policy';

const log = logger('shell');

function openExternally(url: string): void {
  if (!isAllowedExternalUrl(url)) {
    log.warn('refused to open a link', { scheme: url.split(':', 1)[0] });
    return;
  }
  shell.openExternal(url).catch((error: unknown) => log.error('cannot open a link', describeError(error)));
}

/** Denies navigation, new windows and webviews in `contents`; links that pass the allowlist open in the system browser. */
export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternally(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

export interface WorkspaceWindowOptions {
  /** The built preload script (out/preload/index.cjs). */
  preload: string;
  /** The locked-down session that serves app://. */
  session: Session;
  /** Whether DevTools may open (development builds only). */
  devTools: boolean;
}

/** Opens the one workspace window on app://workspace/, isolated and sandboxed. */
export function createWorkspaceWindow(options: WorkspaceWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Support Console',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 560,
    show: false,
    webPreferences: {
      preload: options.preload,
      session: options.session,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: options.devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => log.error('cannot load the workspace', describeError(error)));
  return window;
}
