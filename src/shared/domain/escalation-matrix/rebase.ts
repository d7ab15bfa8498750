// Publishing needs the draft to be based on the version in force (DESIGN.md §4). When another lead
// published meanwhile, the draft is rebased: the draft's own changes (base → draft) are replayed
// onto the newer published version (base → current). Where both changed the same thing
// differently, the published value stays in the merged document and a conflict is listed for the
// lead to settle; nothing is dropped silently.
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

/**
 * One thing both sides changed differently. `path` is dotted into the merged document (into the
 * draft for an item the published version removed); `base`, `draft` and `current` are the three
 * values (null where absent); the merged document holds `current`'s. `summary` is one English line.
 */
export interface MatrixConflict {
  path: string;
  base: unknown;
  draft: unknown;
  current: unknown;
  summary: string;
}

/** The rebased draft: `merged` (to be validated like any draft) and the conflicts left to settle. */
export interface MatrixRebase {
  merged: MatrixDocument;
  conflicts: MatrixConflict[];
}

/**
 * Three-way merge of a draft onto a newer published version. `base` is the version the draft was
 * edited from, `current` the one in force now. Keys and rule/trigger ids identify things, so a
 * rule moved on one side and edited on the other merges cleanly; sets (holidays, groups,
 * condition values) merge item by item, so both sides' additions are kept; a day's hours and a
 * trigger's actions merge as a whole. A value changed on both sides to different values, an
 * item changed on one side and removed on the other, or rules reordered differently on both
 * sides is a conflict. The merged document can still break a rule (the draft routes to a group
 * the published version removed): validate it before publishing.
 */
export function rebaseMatrixDraft(base: MatrixDocument, draft: MatrixDocument, current: MatrixDocument): MatrixRebase {
  const conflicts: MatrixConflict[] = [];
  const ctx: MergeContext = { draft, current, conflicts, merged: null };
  const merged = merge(ctx, base, draft, current, [], []) as MatrixDocument;
  // Conflict lines name things as the merged document does.
  ctx.merged = merged;
  for (const conflict of ctx.conflicts) conflict.summary = conflictSummary(ctx, conflict);
  return { merged, conflicts };
}

interface MergeContext {
  draft: MatrixDocument;
  current: MatrixDocument;
  conflicts: MatrixConflict[];
  merged: MatrixDocument | null;
}

interface PendingConflict extends MatrixConflict {
  /** Where to name it from: the merged document, or the draft when the item is only there. */
  in?: 'draft';
  /** The conflict is about the order of a list of rules or triggers (the values are id lists). */
  order?: true;
  /** Which side does not have the value at all (null is a value: "no target"). */
  absent?: 'draft' | 'current';
  segments?: MatrixPath;
}

const ABSENT = undefined;

// Merges one value; `path` is where it sits in the merged document, `draftPath` in the draft.
function merge(ctx: MergeContext, base: unknown, draft: unknown, current: unknown, path: MatrixPath, draftPath: MatrixPath): unknown {
  if (jsonEqual(draft, base)) return current;
  if (jsonEqual(current, base) || jsonEqual(draft, current)) return draft;
  if (isPlainObject(base) && isPlainObject(draft) && isPlainObject(current)) {
    const result: Record<string, unknown> = {};
    const keys = [...new Set([...Object.keys(current), ...Object.keys(draft), ...Object.keys(base)])];
    for (const key of keys) {
      const value = merge(ctx, base[key], draft[key], current[key], [...path, key], [...draftPath, key]);
      if (value !== ABSENT) result[key] = value;
    }
    return result;
  }
  if (Array.isArray(base) && Array.isArray(draft) && Array.isArray(current)) {
    const kind = listKind(path, [base, draft, current]);
    if (kind === 'set') return mergeSet(base, draft, current);
    if (kind === 'keyed') return mergeKeyed(ctx, base as Item[], draft as Item[], current as Item[], path, draftPath);
  }
  conflict(ctx, path, base, draft, current);
  return current;
}

function conflict(
  ctx: MergeContext,
  path: MatrixPath,
  base: unknown,
  draft: unknown,
  current: unknown,
  about: { inDraft?: boolean; order?: boolean } = {},
): void {
  const pending: PendingConflict = {
    path: dotted(path),
    base: base ?? null,
    draft: draft ?? null,
    current: current ?? null,
    summary: '',
    segments: path,
  };
  if (about.inDraft) pending.in = 'draft';
  if (about.order) pending.order = true;
  if (draft === undefined) pending.absent = 'draft';
  if (current === undefined) pending.absent = 'current';
  ctx.conflicts.push(pending);
}

function conflictSummary(ctx: MergeContext, conflict: MatrixConflict): string {
  const pending = conflict as PendingConflict;
  const segments = pending.segments ?? conflict.path.split('.');
  const absent = pending.absent;
  // What the published version removed is named as the draft has it.
  const subject = describePath(pending.in === 'draft' || absent === 'current' ? ctx.draft : ctx.merged, segments);
  const order = pending.order === true;
  // The internal fields only served the summary; the conflict leaves as plain data.
  delete pending.segments;
  delete pending.in;
  delete pending.order;
  delete pending.absent;
  if (order) return `${subject}: reordered both in the draft and in the published version; the published order is kept`;
  if (absent === 'draft') return `${subject}: removed in the draft but changed in the published version; the published one is kept`;
  if (absent === 'current') return `${subject}: changed in the draft but removed in the published version; left out`;
  if (isPlainObject(conflict.draft) && isPlainObject(conflict.current) && !isDescribed(segments)) {
    return `${subject}: changed differently in the draft and in the published version; the published one is kept`;
  }
  const was = conflict.base === null ? '' : ` (was ${describeValue(segments, conflict.base)})`;
  return `${subject}: the draft has ${describeValue(segments, conflict.draft)}, the published version has ${describeValue(segments, conflict.current)}${was}; the published value is kept`;
}

// Object values that describeValue puts into words (a trigger's moment).
function isDescribed(segments: MatrixPath): boolean {
  return segments[segments.length - 1] === 'at';
}

// Items of both sides' additions are kept, items removed on either side go; order: the published
// list, then the draft's additions in the draft's order.
function mergeSet(base: readonly unknown[], draft: readonly unknown[], current: readonly unknown[]): unknown[] {
  const removedByDraft = base.filter((item) => !draft.includes(item));
  const result = current.filter((item) => !removedByDraft.includes(item));
  for (const item of draft) if (!base.includes(item) && !result.includes(item)) result.push(item);
  return result;
}

interface Item {
  id: string;
  [field: string]: unknown;
}

function mergeKeyed(ctx: MergeContext, base: Item[], draft: Item[], current: Item[], path: MatrixPath, draftPath: MatrixPath): Item[] {
  const byId = (list: Item[]): Map<string, Item> => new Map(list.map((item) => [item.id, item]));
  const inBase = byId(base);
  const inDraft = byId(draft);
  const inCurrent = byId(current);

  // Which ids survive: kept on both sides, or added on one side; removed on one side and left
  // alone on the other goes; removed on one and changed on the other is a conflict (kept as
  // the published version has it).
  const survivors = new Set<string>();
  const lateConflicts: (() => void)[] = [];
  for (const id of new Set([...inBase.keys(), ...inDraft.keys(), ...inCurrent.keys()])) {
    const b = inBase.get(id);
    const d = inDraft.get(id);
    const c = inCurrent.get(id);
    if (b === undefined) {
      if (d !== undefined || c !== undefined) survivors.add(id);
    } else if (d !== undefined && c !== undefined) {
      survivors.add(id);
    } else if (d === undefined && c !== undefined) {
      if (jsonEqual(b, c)) continue;
      survivors.add(id);
      lateConflicts.push(() => conflict(ctx, [...path, orderIndex(id)], b, ABSENT, c));
    } else if (d !== undefined && c === undefined && !jsonEqual(b, d)) {
      const at = draft.indexOf(d);
      lateConflicts.push(() => conflict(ctx, [...draftPath, at], b, d, ABSENT, { inDraft: true }));
    }
  }

  const order = mergeOrder(ctx, base, draft, current, survivors, path);
  const orderIndexOf = new Map(order.map((id, i) => [id, i]));
  function orderIndex(id: string): number {
    return orderIndexOf.get(id) as number;
  }

  const result = order.map((id, i) => {
    const b = inBase.get(id);
    const d = inDraft.get(id);
    const c = inCurrent.get(id);
    if (d !== undefined && c !== undefined) {
      // Added on both sides with the same id: merged as if from nothing (equal adds agree).
      const merged = merge(ctx, b ?? ABSENT, d, c, [...path, i], [...draftPath, draft.indexOf(d)]);
      return merged as Item;
    }
    return (c ?? d) as Item;
  });
  for (const late of lateConflicts) late();
  return result;
}

// The order of the merged list: whichever side reordered the kept items wins (both: a conflict,
// and the published order stays); items added on either side go after the item they followed there.
function mergeOrder(ctx: MergeContext, base: Item[], draft: Item[], current: Item[], survivors: Set<string>, path: MatrixPath): string[] {
  const common = (list: Item[]): string[] =>
    list.map((item) => item.id).filter((id) => survivors.has(id) && base.some((b) => b.id === id) && draft.some((d) => d.id === id) && current.some((c) => c.id === id));
  const baseOrder = common(base);
  const draftOrder = common(draft);
  const currentOrder = common(current);
  let primary = currentOrder;
  if (!sameOrder(draftOrder, baseOrder) && sameOrder(currentOrder, baseOrder)) primary = draftOrder;
  else if (!sameOrder(draftOrder, baseOrder) && !sameOrder(draftOrder, currentOrder)) {
    conflict(ctx, path, baseOrder, draftOrder, currentOrder, { order: true });
  }

  const order = [...primary];
  for (const side of [current, draft]) {
    side.forEach((item, k) => {
      if (!survivors.has(item.id) || order.includes(item.id)) return;
      // After the nearest earlier item of that side that is already placed; else first.
      let after = -1;
      for (let p = k - 1; p >= 0; p--) {
        const at = order.indexOf((side[p] as Item).id);
        if (at >= 0) {
          after = at;
          break;
        }
      }
      order.splice(after + 1, 0, item.id);
    });
  }
  return order;
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
