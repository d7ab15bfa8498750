import { describe, expect, test } from 'vitest';
import { moveInGrid } from './grid-navigation';

const SIZE = { rows: 12, cols: 3 };
const MIDDLE = { atStart: false, atEnd: false, allSelected: false };
const START = { atStart: true, atEnd: false, allSelected: false };
const END = { atStart: false, atEnd: true, allSelected: false };

describe('moveInGrid', () => {
  test('moves up and down whatever the caret', () => {
    expect([moveInGrid('ArrowUp', { row: 4, col: 1 }, SIZE, MIDDLE), moveInGrid('ArrowDown', { row: 4, col: 1 }, SIZE, MIDDLE)]).toEqual([
      { row: 3, col: 1 },
      { row: 5, col: 1 },
    ]);
  });

  test('moves left only from the start of the text, right only from its end', () => {
    expect([
      moveInGrid('ArrowLeft', { row: 0, col: 1 }, SIZE, MIDDLE),
      moveInGrid('ArrowLeft', { row: 0, col: 1 }, SIZE, START),
      moveInGrid('ArrowRight', { row: 0, col: 1 }, SIZE, START),
      moveInGrid('ArrowRight', { row: 0, col: 1 }, SIZE, END),
    ]).toEqual([null, { row: 0, col: 0 }, null, { row: 0, col: 2 }]);
  });

  test('moves sideways when the whole text is selected', () => {
    expect(moveInGrid('ArrowRight', { row: 2, col: 0 }, SIZE, { atStart: true, atEnd: false, allSelected: true })).toEqual({ row: 2, col: 1 });
  });

  test('stays at the edges of the grid', () => {
    expect([moveInGrid('ArrowUp', { row: 0, col: 0 }, SIZE, START), moveInGrid('ArrowRight', { row: 11, col: 2 }, SIZE, END)]).toEqual([null, null]);
  });

  test('jumps to the first and last cell with Ctrl+Home and Ctrl+End', () => {
    expect([moveInGrid('Home', { row: 5, col: 1 }, SIZE, MIDDLE, true), moveInGrid('End', { row: 5, col: 1 }, SIZE, MIDDLE, true), moveInGrid('Home', { row: 5, col: 1 }, SIZE, MIDDLE)]).toEqual([
      { row: 0, col: 0 },
      { row: 11, col: 2 },
      null,
    ]);
  });

  test('moves down on Enter, as a spreadsheet does', () => {
    expect(moveInGrid('Enter', { row: 0, col: 2 }, SIZE, MIDDLE)).toEqual({ row: 1, col: 2 });
  });
});
