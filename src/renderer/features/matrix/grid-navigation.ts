// Moving between the cells of the targets grid with the keyboard, spreadsheet-like: up and down
// always move; left and right move once the caret is at the edge of the text (or the whole text
// is selected), so they still move the caret inside a value being typed; Enter moves down.

/** A cell of the grid by its 0-based row and column. */
export interface GridCell {
  row: number;
  col: number;
}

/** Where the caret stands in the cell's text. */
export interface CaretPlace {
  atStart: boolean;
  atEnd: boolean;
  /** The whole text is selected (as after tabbing in). */
  allSelected: boolean;
}

/** The cell a key moves to from `at`, or null when the key stays in the cell (or there is nowhere to go). */
export function moveInGrid(key: string, at: GridCell, size: { rows: number; cols: number }, caret: CaretPlace, ctrl = false): GridCell | null {
  const clamp = (cell: GridCell): GridCell | null =>
    cell.row < 0 || cell.row >= size.rows || cell.col < 0 || cell.col >= size.cols || (cell.row === at.row && cell.col === at.col) ? null : cell;
  switch (key) {
    case 'ArrowUp':
      return clamp({ row: at.row - 1, col: at.col });
    case 'ArrowDown':
    case 'Enter':
      return clamp({ row: at.row + 1, col: at.col });
    case 'ArrowLeft':
      return caret.atStart || caret.allSelected ? clamp({ row: at.row, col: at.col - 1 }) : null;
    case 'ArrowRight':
      return caret.atEnd || caret.allSelected ? clamp({ row: at.row, col: at.col + 1 }) : null;
    case 'Home':
      return ctrl ? clamp({ row: 0, col: 0 }) : null;
    case 'End':
      return ctrl ? clamp({ row: size.rows - 1, col: size.cols - 1 }) : null;
    default:
      return null;
  }
}
