import type { Command } from '../../commands/registry';
import { useDialogStore } from '../../components/dialog-store';
import { focusTarget, type FocusTarget } from '../../components/focus-targets';
import { useTicketStore } from './ticket-store';

const hasTicket = () => useTicketStore.getState().detail !== null;

function field(id: string, titleKey: Command['titleKey'], keys: string, target: FocusTarget): Command {
  return { id, titleKey, shortcuts: [keys], screen: 'tickets', enabled: hasTicket, run: () => focusTarget(target) };
}

/** The open ticket's actions: its fields, escalation, merge, links, and the composer; all on the Tickets screen, where the ticket is. */
export const ticketCommands: readonly Command[] = [
  field('ticket.status', 'commands.ticket.status', 'Shift+s', 'status'),
  field('ticket.priority', 'commands.ticket.priority', 'Shift+p', 'priority'),
  field('ticket.assignee', 'commands.ticket.assignee', 'Shift+a', 'assignee'),
  field('ticket.group', 'commands.ticket.group', 'Shift+g', 'group'),
  field('ticket.level', 'commands.ticket.level', 'Shift+l', 'level'),
  field('ticket.category', 'commands.ticket.category', 'Shift+c', 'category'),
  field('ticket.tags', 'commands.ticket.tags', 'Shift+t', 'tags'),
  {
    id: 'ticket.escalate',
    titleKey: 'commands.ticket.escalate',
    shortcuts: ['e'],
    screen: 'tickets',
    enabled: () => hasTicket() && useTicketStore.getState().detail?.ticket.level !== 'L4',
    run: () => useDialogStore.getState().openDialog('escalate'),
  },
  {
    id: 'ticket.merge',
    titleKey: 'commands.ticket.merge',
    shortcuts: ['Shift+m'],
    screen: 'tickets',
    enabled: () => hasTicket() && useTicketStore.getState().detail?.ticket.mergedIntoId === null,
    run: () => useDialogStore.getState().openDialog('merge'),
  },
  { id: 'ticket.link', titleKey: 'commands.ticket.link', shortcuts: ['Shift+n'], screen: 'tickets', enabled: hasTicket, run: () => useDialogStore.getState().openDialog('link') },
  {
    id: 'ticket.older',
    titleKey: 'commands.ticket.older',
    shortcuts: [],
    screen: 'tickets',
    enabled: () => (useTicketStore.getState().detail?.olderMessages ?? 0) > 0,
    run: () => void useTicketStore.getState().loadOlder(),
  },
  {
    id: 'composer.focus',
    titleKey: 'commands.composer.focus',
    shortcuts: ['r'],
    screen: 'tickets',
    enabled: hasTicket,
    run: () => {
      useTicketStore.getState().setDraft({ kind: 'reply' });
      focusTarget('composer');
    },
  },
  {
    id: 'composer.note',
    titleKey: 'commands.composer.note',
    shortcuts: ['n'],
    screen: 'tickets',
    enabled: hasTicket,
    run: () => {
      useTicketStore.getState().setDraft({ kind: 'note' });
      focusTarget('composer');
    },
  },
  { id: 'composer.macro', titleKey: 'commands.composer.macro', shortcuts: ['m'], screen: 'tickets', enabled: hasTicket, run: () => useDialogStore.getState().openDialog('macros') },
  {
    id: 'composer.send',
    titleKey: 'commands.composer.send',
    shortcuts: [{ keys: 'Mod+Enter', area: 'composer' }],
    screen: 'tickets',
    enabled: hasTicket,
    run: () => void useTicketStore.getState().send(),
  },
  {
    id: 'ticket.leave-field',
    titleKey: 'commands.ticket.leave-field',
    shortcuts: [{ keys: 'Escape', area: 'fields' }],
    screen: 'tickets',
    run: () => focusTarget('list'),
  },
  { id: 'composer.leave', titleKey: 'commands.composer.leave', shortcuts: [{ keys: 'Escape', area: 'composer' }], screen: 'tickets', run: () => focusTarget('list') },
];
