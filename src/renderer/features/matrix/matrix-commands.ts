import type { Command } from '../../commands/registry';
import { useMatrixStore } from './matrix-store';
import { closeMatrix, openMatrix } from './matrix-navigation';

/**
 * The escalation matrix's commands: open it (on a tab) from any screen, and, on the matrix, publish
 * the draft and go back to the tickets.
 */
export const matrixCommands: readonly Command[] = [
  { id: 'matrix.open', titleKey: 'commands.matrix.open', shortcuts: ['g m'], screen: 'global', run: () => openMatrix('editor') },
  { id: 'matrix.preview', titleKey: 'commands.matrix.preview', shortcuts: [], screen: 'global', run: () => openMatrix('preview') },
  { id: 'matrix.history', titleKey: 'commands.matrix.history', shortcuts: [], screen: 'global', run: () => openMatrix('history') },
  { id: 'matrix.calculator', titleKey: 'commands.matrix.calculator', shortcuts: [], screen: 'global', run: () => openMatrix('calculator') },
  {
    id: 'matrix.publish',
    titleKey: 'commands.matrix.publish',
    shortcuts: [],
    screen: 'matrix',
    enabled: () => useMatrixStore.getState().canPublish && useMatrixStore.getState().hasDraft,
    run: () => useMatrixStore.getState().setPublishOpen(true),
  },
  { id: 'matrix.close', titleKey: 'commands.matrix.close', shortcuts: [], screen: 'matrix', run: closeMatrix },
];
