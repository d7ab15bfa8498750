import { afterEach, describe, expect, test } from 'vitest';
import { appliesOn, commandsOn, getCommands, registerCommands, runCommand, shortcutParts, type Command } from './registry';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function command(id: string, overrides: Partial<Command> = {}): Command & { runs: number } {
  const made = {
    id,
    titleKey: 'commands.list.next',
    shortcuts: ['j'],
    screen: 'tickets',
    runs: 0,
    run() {
      made.runs++;
    },
    ...overrides,
  } as Command & { runs: number };
  return made;
}

describe('the command registry', () => {
  test('lists registered commands in order and forgets them when unregistered', () => {
    const unregister = registerCommands([command('a.one'), command('a.two')]);
    expect(getCommands().map((c) => c.id)).toEqual(['a.one', 'a.two']);
    unregister();
    expect(getCommands()).toEqual([]);
  });

  test('runs an enabled command by id and skips a disabled one', () => {
    const on = command('b.on');
    const off = command('b.off', { enabled: () => false });
    cleanups.push(registerCommands([on, off]));
    expect([runCommand('b.on', 'tickets'), runCommand('b.off', 'tickets'), runCommand('b.missing', 'tickets')]).toEqual([true, false, false]);
    expect([on.runs, off.runs]).toEqual([1, 0]);
  });

  test('refuses an id registered twice', () => {
    cleanups.push(registerCommands([command('c.same')]));
    expect(() => registerCommands([command('c.same')])).toThrow(/registered twice/);
  });

  test("gives a string shortcut the command's area and keeps a scoped one's own", () => {
    const scoped = command('d.scoped', { area: 'composer' });
    expect(shortcutParts(scoped, 'Mod+Enter')).toEqual({ keys: 'Mod+Enter', area: 'composer' });
    expect(shortcutParts(scoped, { keys: 'ArrowDown', area: 'list' })).toEqual({ keys: 'ArrowDown', area: 'list' });
  });

  test('applies a global command on every screen and a screen’s command on that screen only', () => {
    const everywhere = command('e.global', { screen: 'global' });
    const list = command('e.list', { screen: 'tickets' });
    const draft = command('e.draft', { screen: 'matrix' });
    expect([everywhere, list, draft].map((c) => [c.id, appliesOn(c, 'tickets'), appliesOn(c, 'matrix')])).toEqual([
      ['e.global', true, true],
      ['e.list', true, false],
      ['e.draft', false, true],
    ]);
  });

  test('offers on a screen its own commands and the global ones, in registration order', () => {
    const list = [command('f.next'), command('f.palette', { screen: 'global' }), command('f.publish', { screen: 'matrix' }), command('f.escalate')];
    expect(commandsOn(list, 'matrix').map((c) => c.id)).toEqual(['f.palette', 'f.publish']);
    expect(commandsOn(list, 'tickets').map((c) => c.id)).toEqual(['f.next', 'f.palette', 'f.escalate']);
  });

  // Regression: on the matrix screen the palette ran "Escalate the ticket" on the hidden ticket.
  test('does not run by id a command of another screen', () => {
    const escalate = command('g.escalate');
    const publish = command('g.publish', { screen: 'matrix' });
    cleanups.push(registerCommands([escalate, publish]));
    expect([runCommand('g.escalate', 'matrix'), runCommand('g.publish', 'matrix'), runCommand('g.publish', 'tickets')]).toEqual([false, true, false]);
    expect([escalate.runs, publish.runs]).toEqual([0, 1]);
  });
});
