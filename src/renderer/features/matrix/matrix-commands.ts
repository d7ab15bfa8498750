import type { Command } from '../../commands/registry';
import { useMatrixStore } from './matrix-store';
import { closeMatrix, matrixShown, openMatrix } from './matrix-navigation';

/** The escalation matrix's commands: open it (on a tab), publish the draft, and go back to the tickets. */
export const matrixCommands: readonly Command[] = [
  { id: 'matrix.open', titleKey: 'commands.matrix.open', shortcuts: ['g m'], run: () => openMatrix('editor') },
  { id: 'matrix.preview', titleKey: 'commands.matrix.preview', shortcuts: [], run: () => openMatrix('preview') },
  { id: 'matrix.history', titleKey: 'commands.matrix.history', shortcuts: [], run: () => openMatrix('history') },
  { id: 'matrix.calculator', titleKey: 'commands.matrix.calculator', shortcuts: [], run: () => openMatrix('calculator') },
  {
    id: 'matrix.publish',
    titleKey: 'commands.matrix.publish',
    shortcuts: [],
    enabled: () => matrixShown() && useMatrixStore.getState().canPublish && useMatrixStore.getState().hasDraft,
    run: () => useMatrixStore.getState().setPublishOpen(true),
  },
  { id: 'matrix.close', titleKey: 'commands.matrix.close', shortcuts: [], enabled: matrixShown, run: closeMatrix },
];
