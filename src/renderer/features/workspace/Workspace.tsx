import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Panel, Separator, useDefaultLayout, usePanelRef } from 'react-resizable-panels';
import { CommandPalette } from '../../commands/CommandPalette';
import { ShortcutsDialog } from '../../commands/ShortcutsDialog';
import { installShortcuts } from '../../commands/keyboard';
import { registerCommands } from '../../commands/registry';
import { useDialogStore } from '../../components/dialog-store';
import { Toasts } from '../../components/Toasts';
import { CustomerPane } from '../customer/CustomerPane';
import { MatrixScreen } from '../matrix/MatrixScreen';
import { matrixCommands } from '../matrix/matrix-commands';
import { startMatrixUpdates } from '../matrix/matrix-updates';
import { MacroPicker } from '../macros/MacroPicker';
import { NewTicketDialog } from '../ticket/NewTicketDialog';
import { EscalateDialog, LinkDialog, MergeDialog } from '../ticket/TicketActionDialogs';
import { TicketPane } from '../ticket/TicketPane';
import { ticketCommands } from '../ticket/ticket-commands';
import { listCommands } from '../ticket-list/list-commands';
import { TicketListPane } from '../ticket-list/TicketListPane';
import { ViewEditor } from '../views/ViewEditor';
import { RejectionsDialog } from '../sync/RejectionsDialog';
import { SettingsDialog } from '../sync/SettingsDialog';
import { syncCommands } from '../sync/sync-commands';
import { startSyncUpdates } from '../sync/sync-updates';
import { SyncStatusBar } from '../sync/SyncStatusBar';
import { ViewsPane } from '../views/ViewsPane';
import { useTeamStore } from '../team/team-store';
import { Header } from './Header';
import { paneControls } from './pane-controls';
import { useScreenStore } from './screen-store';
import { followLocation, reloadWorkspace, startLiveUpdates, startWorkspace } from './workspace-actions';
import { workspaceCommands } from './workspace-commands';

const PANEL_IDS = ['views', 'tickets', 'ticket', 'customer'];

/** Every command of the workspace, in the order the palette and the help list them. */
export const allCommands = [...workspaceCommands, ...listCommands, ...ticketCommands, ...syncCommands, ...matrixCommands];

function OpenDialog() {
  const open = useDialogStore((s) => s.open);
  const screen = useScreenStore((s) => s.screen);
  switch (open) {
    case 'palette':
      return <CommandPalette screen={screen} />;
    case 'shortcuts':
      return <ShortcutsDialog screen={screen} />;
    case 'view-editor':
      return <ViewEditor />;
    case 'new-ticket':
      return <NewTicketDialog />;
    case 'escalate':
      return <EscalateDialog />;
    case 'merge':
      return <MergeDialog />;
    case 'link':
      return <LinkDialog />;
    case 'macros':
      return <MacroPicker />;
    case 'settings':
      return <SettingsDialog />;
    case 'rejections':
      return <RejectionsDialog />;
    case null:
      return null;
  }
}

/** The workspace: header, then views | tickets | ticket | customer in resizable panes whose sizes are remembered. */
export function Workspace() {
  const { t } = useTranslation();
  const layout = useDefaultLayout({ id: 'sc.workspace.layout.v2', panelIds: PANEL_IDS, storage: localStorage });
  const customerPanel = usePanelRef();
  const screen = useScreenStore((s) => s.screen);

  useEffect(() => {
    const stopCommands = registerCommands(allCommands);
    const stopShortcuts = installShortcuts(() => useScreenStore.getState().screen, document);
    const stopLive = startLiveUpdates();
    const stopMatrix = startMatrixUpdates();
    const stopLocation = followLocation();
    // Sync may replace the local data wholesale (a bootstrap, another account): read it all again then.
    const stopSync = startSyncUpdates({
      onAccountChanged: () => void useTeamStore.getState().load(),
      onCaughtUp: () => void reloadWorkspace(),
    });
    void startWorkspace();
    return () => {
      stopSync();
      stopLocation();
      stopMatrix();
      stopLive();
      stopShortcuts();
      stopCommands();
    };
  }, []);

  useEffect(() => {
    paneControls.toggleCustomer = () => {
      const panel = customerPanel.current;
      if (!panel) return;
      if (panel.isCollapsed()) panel.expand();
      else panel.collapse();
    };
    paneControls.expandCustomer = () => {
      const panel = customerPanel.current;
      if (panel?.isCollapsed()) panel.expand();
    };
  }, [customerPanel]);

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  return (
    <div className="app">
      <Header />
      <main className="workspace">
        {screen === 'matrix' ? (
          <MatrixScreen />
        ) : (
          <Group
            orientation="horizontal"
            className="workspace-panes"
            defaultLayout={layout.defaultLayout}
            onLayoutChanged={layout.onLayoutChanged}
          >
            <Panel id="views" defaultSize="12%" minSize="150px" maxSize="30%">
              <ViewsPane />
            </Panel>
            <Separator className="resize-handle" aria-label={t('panes.resizeViews')} />
            <Panel id="tickets" defaultSize="44%" minSize="420px">
              <TicketListPane />
            </Panel>
            <Separator className="resize-handle" aria-label={t('panes.resizeTicket')} />
            <Panel id="ticket" defaultSize="30%" minSize="360px">
              <TicketPane />
            </Panel>
            <Separator className="resize-handle" aria-label={t('panes.resizeCustomer')} />
            <Panel id="customer" defaultSize="14%" minSize="200px" maxSize="30%" collapsible collapsedSize="0px" panelRef={customerPanel}>
              <CustomerPane />
            </Panel>
          </Group>
        )}
      </main>
      <SyncStatusBar />
      <Toasts />
      <OpenDialog />
    </div>
  );
}
