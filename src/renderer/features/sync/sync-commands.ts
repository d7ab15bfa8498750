import type { Command } from '../../commands/registry';
import { useDialogStore } from '../../components/dialog-store';
import { useSyncStore } from './sync-store';

/** The settings and sync commands: open the settings, show the rejected changes, switch "work offline". */
export const syncCommands: readonly Command[] = [
  { id: 'app.settings', titleKey: 'commands.app.settings', shortcuts: ['Mod+,'], screen: 'global', run: () => useDialogStore.getState().openDialog('settings') },
  { id: 'sync.rejections', titleKey: 'commands.sync.rejections', shortcuts: [], screen: 'global', run: () => useDialogStore.getState().openDialog('rejections') },
  {
    id: 'sync.work-offline',
    titleKey: 'commands.sync.work-offline',
    shortcuts: [],
    screen: 'global',
    enabled: () => useSyncStore.getState().status !== null,
    run: () => {
      const status = useSyncStore.getState().status;
      if (status) void useSyncStore.getState().setOnline(status.workOffline);
    },
  },
];
