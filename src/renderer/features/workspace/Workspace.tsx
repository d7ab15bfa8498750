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
import { MacroPicker } from '../macros/MacroPicker';
import { NewTicketDialog } from '../ticket/NewTicketDialog';
import { EscalateDialog, LinkDialog, MergeDialog } from '../ticket/TicketActionDialogs';
import { TicketPane } from '../ticket/TicketPane';
import { ticketCommands } from '../ticket/ticket-commands';
import { listCommands } from '../ticket-list/list-commands';
import { TicketListPane } from '../ticket-list/TicketListPane';
import { ViewEditor } from '../views/ViewEditor';
import { ViewsPane } from '../views/ViewsPane';
import { Header } from './Header';
import { paneControls } from './pane-controls';
import { followLocation, startLiveUpdates, startWorkspace } from './workspace-actions';
import { workspaceCommands } from './workspace-commands';

const PANEL_IDS = ['views', 'tickets', 'ticket', 'customer'];

/** Every command of the workspace, in the order the palette and the help list them. */
export const allCommands = [...workspaceCommands, ...listCommands, ...ticketCommands];

function OpenDialog() {
  const open = useDialogStore((s) => s.open);
  switch (open) {
    case 'palette':
      return <CommandPalette />;
    case 'shortcuts':
      return <ShortcutsDialog />;
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
    case null:
      return null;
  }
}

/** The workspace: header, then views | tickets | ticket | customer in resizable panes whose sizes are remembered. */
export function Workspace() {
  const { t } = useTranslation();
  const layout = useDefaultLayout({ id: 'sc.workspace.layout.v2', panelIds: PANEL_IDS, storage: localStorage });
  const customerPanel = usePanelRef();

  useEffect(() => {
    const stopCommands = registerCommands(allCommands);
    const stopShortcuts = installShortcuts(document);
    const stopLive = startLiveUpdates();
    const stopLocation = followLocation();
    void startWorkspace();
    return () => {
      stopLocation();
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
      </main>
      <Toasts />
      <OpenDialog />
    </div>
  );
}
