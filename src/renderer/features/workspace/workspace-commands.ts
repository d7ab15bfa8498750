import type { Command } from '../../commands/registry';
import { useDialogStore } from '../../components/dialog-store';
import { focusTarget } from '../../components/focus-targets';
import { useTicketListStore } from '../ticket-list/ticket-list-store';
import { useTicketStore } from '../ticket/ticket-store';
import { useViewsStore } from '../views/views-store';
import { paneControls } from './pane-controls';
import { useScreenStore } from './screen-store';
import { leaveSearch, setSearchSort } from './workspace-actions';
import { useSearchStore } from '../search/search-store';

const hasTicket = () => useTicketStore.getState().detail !== null;
const searching = () => useTicketListStore.getState().source?.kind === 'search';
const open = (name: Parameters<ReturnType<typeof useDialogStore.getState>['openDialog']>[0]) => () => useDialogStore.getState().openDialog(name);

/**
 * `action` run on the Tickets screen, for the global commands that need its panes: at once when
 * it shows; otherwise after switching to it, once the panes have mounted, with focus first on the
 * list (as going back from the matrix puts it), so a dialog the action opens gives focus back there.
 */
function onTickets(action: () => void): () => void {
  return () => {
    const screens = useScreenStore.getState();
    if (screens.screen === 'tickets') return action();
    screens.show('tickets');
    setTimeout(() => {
      focusTarget('list');
      action();
    }, 0);
  };
}

/** The workspace's own commands: palette, help, search, new ticket, views, and jumping between panes. */
export const workspaceCommands: readonly Command[] = [
  { id: 'app.palette', titleKey: 'commands.app.palette', shortcuts: ['Mod+k', 'F1'], screen: 'global', run: open('palette') },
  { id: 'app.shortcuts', titleKey: 'commands.app.shortcuts', shortcuts: ['?'], screen: 'global', run: open('shortcuts') },
  // The header's New ticket button shows on every screen; the ticket made opens in the ticket pane.
  { id: 'ticket.new', titleKey: 'commands.ticket.new', shortcuts: ['c'], screen: 'global', run: onTickets(open('new-ticket')) },
  // The search box is in the header on every screen; typing in it brings the Tickets screen up (SearchBox).
  { id: 'search.focus', titleKey: 'commands.search.focus', shortcuts: ['/'], screen: 'global', run: () => focusTarget('search') },
  {
    id: 'search.clear',
    titleKey: 'commands.search.clear',
    shortcuts: [{ keys: 'Escape', area: 'search' }],
    screen: 'global',
    run: () => {
      leaveSearch();
      focusTarget('list');
    },
  },
  {
    id: 'search.ranked',
    titleKey: 'commands.search.ranked',
    shortcuts: [],
    screen: 'tickets',
    enabled: searching,
    run: () => setSearchSort(useSearchStore.getState().sort === 'ranked' ? 'newest' : 'ranked'),
  },
  { id: 'view.new', titleKey: 'commands.view.new', shortcuts: [], screen: 'tickets', run: open('view-editor') },
  {
    id: 'view.edit',
    titleKey: 'commands.view.edit',
    shortcuts: [],
    screen: 'tickets',
    enabled: () => {
      const { views, activeViewId } = useViewsStore.getState();
      return views.some((view) => view.id === activeViewId && view.scope !== 'built-in');
    },
    run: () => useDialogStore.getState().openDialog('view-editor', { editViewId: useViewsStore.getState().activeViewId }),
  },
  { id: 'customer.toggle', titleKey: 'commands.customer.toggle', shortcuts: ['i'], screen: 'tickets', run: () => paneControls.toggleCustomer() },
  // Going to a pane works from every screen: from the matrix it is the way back to the tickets.
  { id: 'go.views', titleKey: 'commands.go.views', shortcuts: ['g v'], screen: 'global', run: onTickets(() => focusTarget('views')) },
  { id: 'go.tickets', titleKey: 'commands.go.tickets', shortcuts: ['g l'], screen: 'global', run: onTickets(() => focusTarget('list')) },
  { id: 'go.ticket', titleKey: 'commands.go.ticket', shortcuts: ['g t'], screen: 'global', enabled: hasTicket, run: onTickets(() => focusTarget('ticket')) },
  {
    id: 'go.customer',
    titleKey: 'commands.go.customer',
    shortcuts: ['g c'],
    screen: 'global',
    enabled: hasTicket,
    run: onTickets(() => {
      paneControls.expandCustomer();
      setTimeout(() => focusTarget('customer'), 0);
    }),
  },
];
