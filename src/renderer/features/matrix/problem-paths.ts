// Where a problem of the matrix shows: every editable control carries the dotted path of the
// value it edits (`data-matrix-path`), and a problem finds its control by that path, or by the
// nearest control inside or above it (a problem about a whole cell lands on the cell's first
// input, one about a whole plan on the plan's name).
import type { MatrixProblem } from '../../../shared/domain/escalation-matrix/validate';

/** The attribute that names the path an element edits. */
export const PATH_ATTRIBUTE = 'data-matrix-path';

/** The areas of the editor a path belongs to, in the order the editor shows them. */
export const MATRIX_SECTIONS = ['levels', 'plans', 'calendars', 'routing', 'triggers'] as const;
/** One area of the editor. */
export type MatrixSection = (typeof MATRIX_SECTIONS)[number];

/** The area of the editor a path is in (customer hours sit with the calendars). */
export function sectionOf(path: string): MatrixSection | null {
  const head = path.split('.')[0];
  if (head === 'customerHours') return 'calendars';
  return (MATRIX_SECTIONS as readonly string[]).includes(head ?? '') ? (head as MatrixSection) : null;
}

/** The calendar key a path is about, for the calendar editor to show that calendar first. */
export function calendarKeyOf(path: string): string | null {
  const [head, key] = path.split('.');
  return head === 'calendars' && key !== undefined ? key : null;
}

/** A DOM id for the message of the problems at a path (paths may hold any key a lead typed). */
export function problemDomId(path: string): string {
  return `matrix-problem-${path.replace(/[^A-Za-z0-9-]/g, (char) => (char === '.' ? '__' : `_${char.charCodeAt(0).toString(16)}_`))}`;
}

/** The problems by path. */
export function indexProblems(problems: readonly MatrixProblem[]): ReadonlyMap<string, readonly MatrixProblem[]> {
  const index = new Map<string, MatrixProblem[]>();
  for (const problem of problems) {
    const list = index.get(problem.path);
    if (list) list.push(problem);
    else index.set(problem.path, [problem]);
  }
  return index;
}

/**
 * The paths to try, best first, for the control of a problem at `path`: the path itself, then
 * anything inside it (the first control of a cell), then each parent in turn.
 */
export function candidatePaths(path: string): { exact: string; inside: string }[] {
  const parts = path.split('.');
  const out: { exact: string; inside: string }[] = [];
  for (let length = parts.length; length > 0; length--) {
    const prefix = parts.slice(0, length).join('.');
    out.push({ exact: prefix, inside: `${prefix}.` });
  }
  return out;
}

/** The control that edits `path` (or the nearest one to it) under `root`; null when none is shown. */
export function findControl(root: ParentNode, path: string): HTMLElement | null {
  const elements = [...root.querySelectorAll<HTMLElement>(`[${PATH_ATTRIBUTE}]`)];
  for (const { exact, inside } of candidatePaths(path)) {
    const found =
      elements.find((element) => element.getAttribute(PATH_ATTRIBUTE) === exact) ??
      elements.find((element) => element.getAttribute(PATH_ATTRIBUTE)?.startsWith(inside));
    if (found) return found;
  }
  return null;
}
