import { beforeAll, describe, expect, test, vi } from 'vitest';
import en from '../i18n/locales/en.json';
import nl from '../i18n/locales/nl.json';
import de from '../i18n/locales/de.json';
import { commandsOn, shortcutParts, type Command } from './registry';

type Tree = { [key: string]: string | Tree };

/** Looks a key up the way i18next does: nested objects, with dotted keys kept whole where the resources have them. */
function lookup(tree: Tree, key: string): string | undefined {
  if (Object.hasOwn(tree, key)) {
    const value = tree[key];
    return typeof value === 'string' ? value : undefined;
  }
  const dot = key.indexOf('.');
  if (dot < 0) return undefined;
  for (let i = dot; i >= 0 && i < key.length; i = key.indexOf('.', i + 1)) {
    const head = key.slice(0, i);
    const child = tree[head];
    if (child !== undefined && typeof child !== 'string') {
      const found = lookup(child, key.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

let commands: Command[];

beforeAll(async () => {
  // The command modules reach the stores, and the api client picks its transport from `window`
  // when loaded; a bare window makes it the (unused) HTTP one.
  vi.stubGlobal('window', { location: { hash: '' } });
  const [{ workspaceCommands }, { listCommands }, { ticketCommands }, { syncCommands }, { matrixCommands }] = await Promise.all([
    import('../features/workspace/workspace-commands'),
    import('../features/ticket-list/list-commands'),
    import('../features/ticket/ticket-commands'),
    import('../features/sync/sync-commands'),
    import('../features/matrix/matrix-commands'),
  ]);
  commands = [...workspaceCommands, ...listCommands, ...ticketCommands, ...syncCommands, ...matrixCommands];
});

describe('the workspace commands', () => {
  test('have unique ids', () => {
    const ids = commands.map((command) => command.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  test.each([
    ['en', en],
    ['nl', nl],
    ['de', de],
  ])('each have a title in %s', (_language, resources) => {
    const untitled = commands.filter((command) => !lookup(resources as Tree, command.titleKey)?.trim()).map((command) => command.id);
    expect(untitled).toEqual([]);
  });

  test('each have a group name for the shortcuts sheet in every language', () => {
    const groups = [...new Set(commands.map((command) => command.id.split('.')[0]!))];
    const missing = groups.flatMap((group) =>
      [en, nl, de].filter((resources) => !lookup(resources as Tree, `commandGroups.${group}`)).map(() => group),
    );
    expect(missing).toEqual([]);
  });

  test.each(['tickets', 'matrix'] as const)('never bind one key to two commands in the same place on the %s screen', (screen) => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const command of commandsOn(commands, screen)) {
      for (const shortcut of command.shortcuts) {
        const { keys, area } = shortcutParts(command, shortcut);
        const where = `${area ?? 'anywhere'}:${keys}`;
        const other = seen.get(where);
        if (other && other !== command.id) clashes.push(`${where} → ${other} and ${command.id}`);
        seen.set(where, command.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  // Regression: on the matrix screen the ticket and list keys (e, r, j, k, t, …) acted on the hidden ticket and list.
  test('leave only the global shortcuts on the matrix screen, where no list or ticket shows', () => {
    const shortcuts = commandsOn(commands, 'matrix').flatMap((command) =>
      command.shortcuts.map((shortcut) => `${shortcutParts(command, shortcut).keys} → ${command.id}`),
    );
    expect(shortcuts).toEqual([
      'Mod+k → app.palette',
      'F1 → app.palette',
      '? → app.shortcuts',
      'c → ticket.new',
      '/ → search.focus',
      'Escape → search.clear',
      'g v → go.views',
      'g l → go.tickets',
      'g t → go.ticket',
      'g c → go.customer',
      'Mod+, → app.settings',
      'g m → matrix.open',
    ]);
  });

  test('keep every list, ticket and composer action to the tickets screen, but for a new ticket', () => {
    const elsewhere = commands
      .filter((command) => ['list', 'ticket', 'composer', 'customer', 'view'].includes(command.id.split('.')[0]!) && command.id !== 'ticket.new')
      .filter((command) => command.screen !== 'tickets')
      .map((command) => command.id);
    expect(elsewhere).toEqual([]);
  });

  test('cover the actions the workspace offers', () => {
    const ids = new Set(commands.map((command) => command.id));
    const expected = [
      'app.palette',
      'app.shortcuts',
      'ticket.new',
      'search.focus',
      'list.toggle-pick',
      'list.pick-all',
      'list.undo-bulk',
      'ticket.status',
      'ticket.escalate',
      'ticket.merge',
      'ticket.link',
      'composer.macro',
      'composer.send',
      'view.new',
      'customer.toggle',
      'app.settings',
      'sync.rejections',
      'sync.work-offline',
      'matrix.open',
      'matrix.publish',
    ];
    expect(expected.filter((id) => !ids.has(id))).toEqual([]);
  });
});
