/** Marks a matched word's start in a search snippet (see searchHitSchema). */
export const SNIPPET_START = '\u0002';
/** Marks a matched word's end in a search snippet. */
export const SNIPPET_END = '\u0003';

/** A run of snippet text, matched (shown as <mark>) or not. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

/**
 * Splits a snippet into runs at its markers. Robust to what a cut snippet can hold: a start
 * without an end marks to the end, a stray end or a second start is dropped; empty runs vanish.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let text = '';
  const flush = () => {
    if (text !== '') {
      const last = parts.at(-1);
      if (last && last.marked === marked) last.text += text;
      else parts.push({ text, marked });
    }
    text = '';
  };
  for (const char of snippet) {
    if (char === SNIPPET_START) {
      if (!marked) {
        flush();
        marked = true;
      }
    } else if (char === SNIPPET_END) {
      if (marked) {
        flush();
        marked = false;
      }
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}
