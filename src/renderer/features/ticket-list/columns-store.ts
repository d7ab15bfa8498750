import { create } from 'zustand';

/** The columns the ticket list can show, in their fixed order. */
export const LIST_COLUMNS = [
  'number',
  'subject',
  'requester',
  'status',
  'priority',
  'sla',
  'level',
  'assignee',
  'group',
  'channel',
  'tags',
  'created',
  'updated',
] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];

/** Columns the agent cannot hide: without them a row says nothing. */
export const FIXED_COLUMNS: readonly ListColumn[] = ['number', 'subject'];

// What fits beside the ticket and customer panes at a laptop's width; the rest is one click away.
const DEFAULT_COLUMNS: readonly ListColumn[] = ['number', 'subject', 'requester', 'status', 'priority', 'sla'];

/** Each column's grid track: fixed widths where every row must line up, flexible for names. */
export const COLUMN_TRACKS: Record<ListColumn, string> = {
  // Fixed tracks line the rows up; the others give way (to nothing, cut with an ellipsis) before
  // the subject does, so any set of columns fits any pane width.
  number: '52px',
  subject: 'minmax(120px, 1fr)',
  requester: 'minmax(0, 0.5fr)',
  status: 'var(--status-width)',
  priority: 'minmax(0, 64px)',
  sla: 'minmax(0, 118px)',
  level: '30px',
  assignee: 'minmax(0, 0.45fr)',
  group: 'minmax(0, 0.45fr)',
  channel: 'minmax(0, 76px)',
  tags: 'minmax(0, 0.45fr)',
  created: 'minmax(0, var(--updated-width))',
  updated: 'minmax(0, var(--updated-width))',
};

const STORAGE_KEY = 'sc.list.columns';

function isColumn(value: unknown): value is ListColumn {
  return typeof value === 'string' && (LIST_COLUMNS as readonly string[]).includes(value);
}

function remembered(): ListColumn[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(raw)) {
      const kept = new Set(raw.filter(isColumn));
      for (const column of FIXED_COLUMNS) kept.add(column);
      return LIST_COLUMNS.filter((column) => kept.has(column));
    }
  } catch {
    // A damaged entry falls back to the default columns.
  }
  return [...DEFAULT_COLUMNS];
}

interface ColumnsState {
  columns: ListColumn[];
  toggle(column: ListColumn): void;
  reset(): void;
}

/** The list's visible columns, remembered in localStorage. */
export const useColumnsStore = create<ColumnsState>()((set, get) => ({
  columns: remembered(),
  toggle(column) {
    if (FIXED_COLUMNS.includes(column)) return;
    const shown = new Set(get().columns);
    if (shown.has(column)) shown.delete(column);
    else shown.add(column);
    const columns = LIST_COLUMNS.filter((c) => shown.has(c));
    localStorage.setItem(STORAGE_KEY, JSON.stringify(columns));
    set({ columns });
  },
  reset() {
    localStorage.removeItem(STORAGE_KEY);
    set({ columns: [...DEFAULT_COLUMNS] });
  },
}));
