import { describe, expect, test } from 'vitest';
import { activeBindings } from './keyboard';
import type { Command, CommandArea } from './registry';

function command(id: string, overrides: Partial<Command>): Command {
  return { id, titleKey: 'commands.list.next', shortcuts: [], screen: 'tickets', run: () => undefined, ...overrides };
}

const nowhere = (): boolean => false;
const inside =
  (...areas: CommandArea[]) =>
  (area: CommandArea): boolean =>
    areas.includes(area);

/** The commands as the workspace has them, cut down to the keys that collided on the matrix screen. */
const commands: Command[] = [
  command('app.palette', { shortcuts: ['Mod+k'], screen: 'global' }),
  command('go.tickets', { shortcuts: ['g l'], screen: 'global' }),
  command('list.next', { shortcuts: ['j', { keys: 'ArrowDown', area: 'list' }] }),
  command('ticket.escalate', { shortcuts: ['e'] }),
  command('composer.focus', { shortcuts: ['r'] }),
  command('matrix.open', { shortcuts: ['g m'], screen: 'global' }),
  command('matrix.publish', { shortcuts: ['Mod+Shift+p'], screen: 'matrix' }),
];

const bound = (screen: 'tickets' | 'matrix', focusIn: (area: CommandArea) => boolean = nowhere, list = commands) =>
  activeBindings(list, screen, focusIn).map((binding) => `${binding.keys} → ${binding.command.id}`);

describe('the shortcut bindings', () => {
  // Regression: on the matrix screen `e`, `r` and `j` escalated, replied to and moved the hidden ticket list.
  test('leave out the commands of the tickets screen while the matrix shows', () => {
    expect(bound('matrix')).toEqual(['Mod+k → app.palette', 'g l → go.tickets', 'g m → matrix.open', 'Mod+Shift+p → matrix.publish']);
  });

  test('offer the tickets screen its own commands and the global ones, not the matrix’s', () => {
    expect(bound('tickets')).toEqual(['Mod+k → app.palette', 'g l → go.tickets', 'j → list.next', 'e → ticket.escalate', 'r → composer.focus', 'g m → matrix.open']);
  });

  test('add a shortcut limited to an area only while focus is inside it', () => {
    expect(bound('tickets', inside('list')).filter((line) => line.endsWith('list.next'))).toEqual(['j → list.next', 'ArrowDown → list.next']);
    // The matrix grid is no list area: its arrow keys stay its own.
    expect(bound('matrix', inside('list')).some((line) => line.startsWith('ArrowDown'))).toBe(false);
  });

  test('leave out a disabled command', () => {
    const list = [command('list.next', { shortcuts: ['j'], enabled: () => false }), command('list.previous', { shortcuts: ['k'], enabled: () => true })];
    expect(bound('tickets', nowhere, list)).toEqual(['k → list.previous']);
  });
});
