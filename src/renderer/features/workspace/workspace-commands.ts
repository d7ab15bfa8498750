import type { Command } from '../../commands/registry';
import { useDialogStore } from '../../components/dialog-store';
import { focusTarget } from '../../components/focus-targets';
import { useTicketListStore } from '../ticket-list/ticket-list-store';
import { useTicketStore } from '../ticket/ticket-store';
import { useViewsStore } from '../views/views-store';
import { paneControls } from './pane-controls';
import { leaveSearch, setSearchSort } from './workspace-actions';
import { useSearchStore } from '../search/search-store';

const hasTicket = () => useTicketStore.getState().detail !== null;
const searching = () => useTicketListStore.getState().source?.kind === 'search';
const open = (name: Parameters<ReturnType<typeof useDialogStore.getState>['openDialog']>[0]) => () => useDialogStore.getState().openDialog(name);

/** The workspace's own commands: palette, help, search, new ticket, views, and jumping between panes. */
export const workspaceCommands: readonly Command[] = [
  { id: 'app.palette', titleKey: 'commands.app.palette', shortcuts: ['Mod+k', 'F1'], run: open('palette') },
  { id: 'app.shortcuts', titleKey: 'commands.app.shortcuts', shortcuts: ['?'], run: open('shortcuts') },
  { id: 'ticket.new', titleKey: 'commands.ticket.new', shortcuts: ['c'], run: open('new-ticket') },
  { id: 'search.focus', titleKey: 'commands.search.focus', shortcuts: ['/'], run: () => focusTarget('search') },
  {
    id: 'search.clear',
    titleKey: 'commands.search.clear',
    shortcuts: [{ keys: 'Escape', area: 'search' }],
    run: () => {
      leaveSearch();
      focusTarget('list');
    },
  },
  {
    id: 'search.ranked',
    titleKey: 'commands.search.ranked',
    shortcuts: [],
    enabled: searching,
    run: () => setSearchSort(useSearchStore.getState().sort === 'ranked' ? 'newest' : 'ranked'),
  },
  { id: 'view.new', titleKey: 'commands.view.new', shortcuts: [], run: open('view-editor') },
  {
    id: 'view.edit',
    titleKey: 'commands.view.edit',
    shortcuts: [],
    enabled: () => {
      const { views, activeViewId } = useViewsStore.getState();
      return views.some((view) => view.id === activeViewId && view.scope !== 'built-in');
    },
    run: () => useDialogStore.getState().openDialog('view-editor', { editViewId: useViewsStore.getState().activeViewId }),
  },
  { id: 'customer.toggle', titleKey: 'commands.customer.toggle', shortcuts: ['i'], run: () => paneControls.toggleCustomer() },
  { id: 'go.views', titleKey: 'commands.go.views', shortcuts: ['g v'], run: () => focusTarget('views') },
  { id: 'go.tickets', titleKey: 'commands.go.tickets', shortcuts: ['g l'], run: () => focusTarget('list') },
  { id: 'go.ticket', titleKey: 'commands.go.ticket', shortcuts: ['g t'], enabled: hasTicket, run: () => focusTarget('ticket') },
  {
    id: 'go.customer',
    titleKey: 'commands.go.customer',
    shortcuts: ['g c'],
    enabled: hasTicket,
    run: () => {
      paneControls.expandCustomer();
      setTimeout(() => focusTarget('customer'), 0);
    },
  },
];
