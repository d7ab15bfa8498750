import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { installShortcuts } from '../../commands/keyboard';
import { registerCommands } from '../../commands/registry';
import { TicketPane } from '../ticket/TicketPane';
import { TicketListPane } from '../ticket-list/TicketListPane';
import { ViewsPane } from '../views/ViewsPane';
import { Header } from './Header';
import { startLiveUpdates, startWorkspace } from './workspace-actions';
import { workspaceCommands } from './workspace-commands';

const PANEL_IDS = ['views', 'tickets', 'ticket'];

/** The workspace: header, then views | tickets | ticket in resizable panes whose sizes are remembered. */
export function Workspace() {
  const { t } = useTranslation();
  const layout = useDefaultLayout({ id: 'sc.workspace.layout', panelIds: PANEL_IDS, storage: localStorage });

  useEffect(() => {
    const stopCommands = registerCommands(workspaceCommands);
    const stopShortcuts = installShortcuts(document);
    const stopLive = startLiveUpdates();
    void startWorkspace();
    return () => {
      stopLive();
      stopShortcuts();
      stopCommands();
    };
  }, []);

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
          <Panel id="views" defaultSize="13%" minSize="140px" maxSize="30%">
            <ViewsPane />
          </Panel>
          <Separator className="resize-handle" aria-label={t('panes.resizeViews')} />
          <Panel id="tickets" defaultSize="50%" minSize="420px">
            <TicketListPane />
          </Panel>
          <Separator className="resize-handle" aria-label={t('panes.resizeTicket')} />
          <Panel id="ticket" defaultSize="37%" minSize="340px">
            <TicketPane />
          </Panel>
        </Group>
      </main>
    </div>
  );
}
