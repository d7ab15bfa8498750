import { afterEach, describe, expect, test } from 'vitest';
import { getCommands, registerCommands, runCommand, shortcutParts, type Command } from './registry';

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
    expect([runCommand('b.on'), runCommand('b.off'), runCommand('b.missing')]).toEqual([true, false, false]);
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
});
