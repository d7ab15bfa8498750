import type { Command } from '../../commands/registry';
import { focusTarget } from '../../components/focus-targets';
import { canUndoBulkEdit, openAdjacentTicket, openSelectedTicket, undoLastBulkEdit } from '../workspace/workspace-actions';
import { columnPickerBus } from './column-picker-bus';
import { useTicketListStore } from './ticket-list-store';

/** How far PageDown and PageUp move the selection. */
const PAGE_ROWS = 10;

const hasRows = () => useTicketListStore.getState().rows.length > 0;
const hasPicked = () => useTicketListStore.getState().picked.size > 0;

function moveSelection(delta: number): void {
  useTicketListStore.getState().move(delta);
  focusTarget('list');
}

function extendSelection(delta: number): void {
  useTicketListStore.getState().extend(delta);
  focusTarget('list');
}

/** Moving through the list, opening, picking tickets for a bulk edit: all on the Tickets screen, where the list is. */
export const listCommands: readonly Command[] = [
  { id: 'list.next', titleKey: 'commands.list.next', shortcuts: ['j', { keys: 'ArrowDown', area: 'list' }], screen: 'tickets', enabled: hasRows, run: () => moveSelection(1) },
  { id: 'list.previous', titleKey: 'commands.list.previous', shortcuts: ['k', { keys: 'ArrowUp', area: 'list' }], screen: 'tickets', enabled: hasRows, run: () => moveSelection(-1) },
  { id: 'list.page-down', titleKey: 'commands.list.page-down', shortcuts: [{ keys: 'PageDown', area: 'list' }], screen: 'tickets', enabled: hasRows, run: () => moveSelection(PAGE_ROWS) },
  { id: 'list.page-up', titleKey: 'commands.list.page-up', shortcuts: [{ keys: 'PageUp', area: 'list' }], screen: 'tickets', enabled: hasRows, run: () => moveSelection(-PAGE_ROWS) },
  { id: 'list.first', titleKey: 'commands.list.first', shortcuts: [{ keys: 'Home', area: 'list' }], screen: 'tickets', enabled: hasRows, run: () => useTicketListStore.getState().select(0) },
  {
    id: 'list.last',
    titleKey: 'commands.list.last',
    shortcuts: [{ keys: 'End', area: 'list' }],
    screen: 'tickets',
    enabled: hasRows,
    run: () => useTicketListStore.getState().select(Number.MAX_SAFE_INTEGER),
  },
  {
    id: 'list.open',
    titleKey: 'commands.list.open',
    shortcuts: [{ keys: 'Enter', area: 'list' }, { keys: 'o', area: 'list' }],
    screen: 'tickets',
    enabled: () => useTicketListStore.getState().selectedIndex >= 0,
    run: openSelectedTicket,
  },
  { id: 'list.open-next', titleKey: 'commands.list.open-next', shortcuts: [']'], screen: 'tickets', enabled: hasRows, run: () => openAdjacentTicket(1) },
  { id: 'list.open-previous', titleKey: 'commands.list.open-previous', shortcuts: ['['], screen: 'tickets', enabled: hasRows, run: () => openAdjacentTicket(-1) },
  {
    id: 'list.toggle-pick',
    titleKey: 'commands.list.toggle-pick',
    shortcuts: ['x'],
    screen: 'tickets',
    enabled: hasRows,
    run: () => {
      const list = useTicketListStore.getState();
      list.toggle(list.selectedIndex < 0 ? 0 : list.selectedIndex);
      focusTarget('list');
    },
  },
  { id: 'list.extend-down', titleKey: 'commands.list.extend-down', shortcuts: ['Shift+j', { keys: 'Shift+ArrowDown', area: 'list' }], screen: 'tickets', enabled: hasRows, run: () => extendSelection(1) },
  { id: 'list.extend-up', titleKey: 'commands.list.extend-up', shortcuts: ['Shift+k', { keys: 'Shift+ArrowUp', area: 'list' }], screen: 'tickets', enabled: hasRows, run: () => extendSelection(-1) },
  {
    id: 'list.pick-all',
    titleKey: 'commands.list.pick-all',
    shortcuts: [{ keys: 'Mod+a', area: 'list' }],
    screen: 'tickets',
    enabled: hasRows,
    run: () => useTicketListStore.getState().pickAll(),
  },
  {
    id: 'list.clear-picked',
    titleKey: 'commands.list.clear-picked',
    shortcuts: [{ keys: 'Escape', area: 'list' }],
    screen: 'tickets',
    enabled: hasPicked,
    run: () => useTicketListStore.getState().clearPicked(),
  },
  { id: 'list.bulk-edit', titleKey: 'commands.list.bulk-edit', shortcuts: ['Shift+b'], screen: 'tickets', enabled: hasPicked, run: () => focusTarget('bulk') },
  { id: 'list.bulk-add-tags', titleKey: 'commands.list.bulk-add-tags', shortcuts: ['t'], screen: 'tickets', enabled: hasPicked, run: () => focusTarget('bulk-add-tags') },
  { id: 'list.bulk-remove-tags', titleKey: 'commands.list.bulk-remove-tags', shortcuts: [], screen: 'tickets', enabled: hasPicked, run: () => focusTarget('bulk-remove-tags') },
  { id: 'list.undo-bulk', titleKey: 'commands.list.undo-bulk', shortcuts: ['u'], screen: 'tickets', enabled: canUndoBulkEdit, run: undoLastBulkEdit },
  { id: 'list.columns', titleKey: 'commands.list.columns', shortcuts: [], screen: 'tickets', run: () => columnPickerBus.open() },
];
