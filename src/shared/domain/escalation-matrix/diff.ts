// "What changed between version 6 and 7?": the changes from one matrix document to another, each
// with its path, the value before and after, and a line a lead can read. Feeds the diff of any two
// versions and the change summary a publish is prefilled with.
import type { MatrixDocument } from './schema';
import {
  type MatrixPath,
  describePath,
  describeValue,
  dotted,
  isPlainObject,
  jsonEqual,
  listKind,
} from './paths';

/** What happened at a path: a value appeared, disappeared, changed, or (a rule or trigger) moved in its list. */
export type MatrixChangeKind = 'added' | 'removed' | 'changed' | 'moved';

/**
 * One change between two documents. `path` is dotted into the newer document (into the older one
 * for `removed`); `before`/`after` are the values (null where there is none: `added` has no
 * before, `removed` no after; for `moved`, the 1-based positions); `summary` is one English line.
 */
export interface MatrixChange {
  kind: MatrixChangeKind;
  path: string;
  before: unknown;
  after: unknown;
  summary: string;
}

/**
 * The changes from document `a` to document `b`, in document order. Plans and calendars are
 * matched by key, rules and triggers by id (so a moved rule is one `moved` change, and its edits
 * are changes of the same rule), holidays, groups and condition values as sets, and a day's
 * opening hours and a trigger's actions as a whole. Equal documents have no changes.
 */
export function diffMatrix(a: MatrixDocument, b: MatrixDocument): MatrixChange[] {
  const changes: MatrixChange[] = [];
  walk({ a, b, changes }, a, b, [], []);
  return changes;
}

/** The change summary a publish is prefilled with: one line per change, at most `maxLines` (then "and N more"). */
export function summarizeMatrixChanges(changes: readonly MatrixChange[], maxLines = 20): string {
  if (changes.length === 0) return 'No changes';
  const lines = changes.slice(0, maxLines).map((change) => change.summary);
  if (changes.length > maxLines) lines.push(`and ${changes.length - maxLines} more`);
  return lines.join('\n');
}

interface DiffContext {
  a: MatrixDocument;
  b: MatrixDocument;
  changes: MatrixChange[];
}

function walk(ctx: DiffContext, x: unknown, y: unknown, pathA: MatrixPath, pathB: MatrixPath): void {
  if (jsonEqual(x, y)) return;
  if (isPlainObject(x) && isPlainObject(y)) {
    for (const key of Object.keys(x)) {
      if (x[key] === undefined) continue;
      if (y[key] === undefined) removed(ctx, [...pathA, key], x[key]);
      else walk(ctx, x[key], y[key], [...pathA, key], [...pathB, key]);
    }
    for (const key of Object.keys(y)) if (y[key] !== undefined && x[key] === undefined) added(ctx, [...pathB, key], y[key]);
    return;
  }
  if (Array.isArray(x) && Array.isArray(y)) {
    const kind = listKind(pathB, [x, y]);
    if (kind === 'set') return diffSet(ctx, x, y, pathA, pathB);
    if (kind === 'keyed') return diffKeyed(ctx, x as { id: string }[], y as { id: string }[], pathA, pathB);
  }
  changed(ctx, pathB, x, y);
}

function diffSet(ctx: DiffContext, x: readonly unknown[], y: readonly unknown[], pathA: MatrixPath, pathB: MatrixPath): void {
  x.forEach((item, i) => {
    if (!y.includes(item)) removed(ctx, [...pathA, i], item);
  });
  y.forEach((item, j) => {
    if (!x.includes(item)) added(ctx, [...pathB, j], item);
  });
}

function diffKeyed(ctx: DiffContext, x: readonly { id: string }[], y: readonly { id: string }[], pathA: MatrixPath, pathB: MatrixPath): void {
  const indexInY = new Map(y.map((item, j) => [item.id, j]));
  const indexInX = new Map(x.map((item, i) => [item.id, i]));
  x.forEach((item, i) => {
    const j = indexInY.get(item.id);
    if (j === undefined) removed(ctx, [...pathA, i], item);
    else walk(ctx, item, y[j], [...pathA, i], [...pathB, j]);
  });
  y.forEach((item, j) => {
    if (!indexInX.has(item.id)) added(ctx, [...pathB, j], item);
  });
  // Moves: the items kept in both, in the old order; those off the longest run that kept its
  // relative order are the ones that moved (one reorder by drag and drop is one change).
  const kept = x.filter((item) => indexInY.has(item.id));
  const stay = longestIncreasingRun(kept.map((item) => indexInY.get(item.id) as number));
  kept.forEach((item, k) => {
    if (stay.has(k)) return;
    const i = indexInX.get(item.id) as number;
    const j = indexInY.get(item.id) as number;
    const path = [...pathB, j];
    ctx.changes.push({
      kind: 'moved',
      path: dotted(path),
      before: i + 1,
      after: j + 1,
      summary: `${describePath(ctx.b, path)} moved from position ${i + 1} to ${j + 1}`,
    });
  });
}

function added(ctx: DiffContext, path: MatrixPath, value: unknown): void {
  const subject = describePath(ctx.b, isSetItem(path) ? path.slice(0, -1) : path);
  const summary = isSetItem(path) ? `${subject}: ${describeValue(path, value)} added` : `${subject} added`;
  ctx.changes.push({ kind: 'added', path: dotted(path), before: null, after: value, summary });
}

function removed(ctx: DiffContext, path: MatrixPath, value: unknown): void {
  const subject = describePath(ctx.a, isSetItem(path) ? path.slice(0, -1) : path);
  const summary = isSetItem(path) ? `${subject}: ${describeValue(path, value)} removed` : `${subject} removed`;
  ctx.changes.push({ kind: 'removed', path: dotted(path), before: value, after: null, summary });
}

function changed(ctx: DiffContext, path: MatrixPath, before: unknown, after: unknown): void {
  ctx.changes.push({
    kind: 'changed',
    path: dotted(path),
    before: before ?? null,
    after: after ?? null,
    summary: `${describePath(ctx.b, path)}: ${describeValue(path, before)} → ${describeValue(path, after)}`,
  });
}

// A path that ends in an index of a set-like list (a holiday, a group), rather than a rule.
function isSetItem(path: MatrixPath): boolean {
  if (typeof path[path.length - 1] !== 'number') return false;
  const list = path.slice(0, -1);
  return !((list.length === 2 && list[0] === 'routing' && list[1] === 'rules') || (list.length === 1 && list[0] === 'triggers'));
}

// Positions (into `values`) of one longest strictly increasing subsequence.
function longestIncreasingRun(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((values[tails[mid] as number] as number) < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1] as number;
    tails[low] = i;
  });
  const run = new Set<number>();
  for (let i = tails.length > 0 ? (tails[tails.length - 1] as number) : -1; i >= 0; i = previous[i] as number) run.add(i);
  return run;
}
