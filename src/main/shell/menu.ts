// The application menu: the platform's standard roles only, so shortcuts (copy, paste, zoom,
// quit) behave as the OS expects. App commands live in the workspace's command palette.
import { Menu, type MenuItemConstructorOptions } from 'electron';

/** Builds and installs the File / Edit / View / Help menu (plus the app menu on macOS). */
export function installAppMenu(options: { isMac: boolean; devTools: boolean }): void {
  const view: MenuItemConstructorOptions[] = [
    ...(options.devTools
      ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(options.isMac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [options.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    ...(options.isMac ? [{ role: 'windowMenu' } as const] : []),
    { role: 'help', label: 'Help', submenu: [{ role: 'about' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
