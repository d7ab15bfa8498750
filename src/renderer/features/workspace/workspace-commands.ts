import type { Command } from '../../commands/registry';
import { focusTarget } from '../../components/focus-targets';
import { useTicketListStore } from '../ticket-list/ticket-list-store';
import { useTicketStore } from '../ticket/ticket-store';
import { openSelectedTicket } from './workspace-actions';

/** How far PageDown and PageUp move the selection. */
const PAGE_ROWS = 10;

const hasRows = () => useTicketListStore.getState().rows.length > 0;
const hasTicket = () => useTicketStore.getState().detail !== null;

function moveSelection(delta: number): void {
  useTicketListStore.getState().move(delta);
  focusTarget('list');
}

/** The workspace's commands: moving through the list, opening, replying, jumping between panes. */
export const workspaceCommands: readonly Command[] = [
  {
    id: 'list.next',
    titleKey: 'commands.list.next',
    shortcuts: ['j', { keys: 'ArrowDown', area: 'list' }],
    enabled: hasRows,
    run: () => moveSelection(1),
  },
  {
    id: 'list.previous',
    titleKey: 'commands.list.previous',
    shortcuts: ['k', { keys: 'ArrowUp', area: 'list' }],
    enabled: hasRows,
    run: () => moveSelection(-1),
  },
  {
    id: 'list.page-down',
    titleKey: 'commands.list.page-down',
    shortcuts: [{ keys: 'PageDown', area: 'list' }],
    enabled: hasRows,
    run: () => moveSelection(PAGE_ROWS),
  },
  {
    id: 'list.page-up',
    titleKey: 'commands.list.page-up',
    shortcuts: [{ keys: 'PageUp', area: 'list' }],
    enabled: hasRows,
    run: () => moveSelection(-PAGE_ROWS),
  },
  {
    id: 'list.first',
    titleKey: 'commands.list.first',
    shortcuts: [{ keys: 'Home', area: 'list' }],
    enabled: hasRows,
    run: () => useTicketListStore.getState().select(0),
  },
  {
    id: 'list.last',
    titleKey: 'commands.list.last',
    shortcuts: [{ keys: 'End', area: 'list' }],
    enabled: hasRows,
    run: () => useTicketListStore.getState().select(Number.MAX_SAFE_INTEGER),
  },
  {
    id: 'list.open',
    titleKey: 'commands.list.open',
    shortcuts: [{ keys: 'Enter', area: 'list' }, { keys: 'o', area: 'list' }],
    enabled: () => useTicketListStore.getState().selectedIndex >= 0,
    run: openSelectedTicket,
  },
  {
    id: 'composer.focus',
    titleKey: 'commands.composer.focus',
    shortcuts: ['r'],
    enabled: hasTicket,
    run: () => focusTarget('composer'),
  },
  {
    id: 'composer.send',
    titleKey: 'commands.composer.send',
    shortcuts: [{ keys: 'Mod+Enter', area: 'composer' }],
    enabled: hasTicket,
    run: () => void useTicketStore.getState().send(),
  },
  {
    id: 'composer.leave',
    titleKey: 'commands.composer.leave',
    shortcuts: [{ keys: 'Escape', area: 'composer' }],
    run: () => focusTarget('list'),
  },
  {
    id: 'go.views',
    titleKey: 'commands.go.views',
    shortcuts: ['g v'],
    run: () => focusTarget('views'),
  },
  {
    id: 'go.tickets',
    titleKey: 'commands.go.tickets',
    shortcuts: ['g l'],
    run: () => focusTarget('list'),
  },
  {
    id: 'go.ticket',
    titleKey: 'commands.go.ticket',
    shortcuts: ['g t'],
    enabled: hasTicket,
    run: () => focusTarget('ticket'),
  },
];
