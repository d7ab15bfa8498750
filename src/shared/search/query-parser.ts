// The search box's parser: any string in, a typed query and the problems to show out. It never
// throws. Free text becomes terms that the store quotes as FTS5 strings, so FTS5's own tokenizer
// (unicode61, diacritics removed, `+` and `#` kept inside words) decides what a word is, on the
// query exactly as in the index: `e-mail` is the phrase "e mail", `can't` is "can t", `C++` stays
// one word. The parser only decides the structure: phrases, prefixes, exclusions, OR, filters.
import { FILTER_FIELD_NAMES, hasSearchableText, readFilterValue } from './filter-values';
import {
  MAX_QUERY_CHARS,
  MAX_QUERY_PARTS,
  MIN_PREFIX_CHARS,
  type ParsedSearchQuery,
  type SearchClause,
  type SearchFilter,
  type SearchProblem,
  type SearchTerm,
} from './query-ast';

type Operator = 'AND' | 'OR' | 'NOT';

type Item =
  | { kind: 'term'; term: SearchTerm }
  | { kind: 'filter'; filter: SearchFilter }
  | { kind: 'op'; op: Operator };

type Lexeme =
  | { type: 'text'; text: string; quoted: boolean; prefix: boolean; negated: boolean }
  | { type: 'filter'; name: string; value: string; negated: boolean }
  | { type: 'op'; op: Operator };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Control characters (NUL included) separate words, like spaces.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
// Invisible characters pasted inside a word (zero-width space, word joiner, BOM, soft hyphen)
// and bidi controls are dropped, so `in<ZWSP>voice` searches "invoice". Zero-width (non-)joiners
// stay: they separate parts of Persian and Indic words, and the index splits there too.
const INVISIBLE = /[\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
const SPACE = /\s/;
const OPERATORS: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT']);

/** Parses what the user typed in the search box. Never throws; anything odd becomes a problem or is dropped. */
export function parseSearchQuery(input: string): ParsedSearchQuery {
  const problems: SearchProblem[] = [];
  let text = input;
  if (text.length > MAX_QUERY_CHARS) {
    // Cut on a code point boundary: never leave half of a surrogate pair behind.
    const end = /[\uD800-\uDBFF]/.test(text[MAX_QUERY_CHARS - 1] ?? '') ? MAX_QUERY_CHARS - 1 : MAX_QUERY_CHARS;
    text = text.slice(0, end);
    problems.push({ code: 'query-too-long', params: { max: MAX_QUERY_CHARS } });
  }
  text = text.replace(LONE_SURROGATE, ' ').normalize('NFC').replace(CONTROL, ' ').replace(INVISIBLE, '');

  const items: Item[] = [];
  let parts = 0;
  for (const lexeme of lex(text)) {
    const item = toItem(lexeme, problems);
    if (!item) continue;
    if (item.kind !== 'op' && ++parts > MAX_QUERY_PARTS) {
      problems.push({ code: 'too-many-parts', params: { max: MAX_QUERY_PARTS } });
      break;
    }
    items.push(item);
  }

  const { clauses, filters } = combine(applyNot(items, problems), problems);
  if (clauses.length === 0 && filters.length === 0 && problems.length === 0 && text.trim() !== '') {
    problems.push({ code: 'nothing-to-search', params: {} });
  }
  return { clauses, filters, problems };
}

/** Splits the text into quoted phrases, words, `field:value` filters and operators. */
function* lex(text: string): Generator<Lexeme> {
  let i = 0;
  const n = text.length;
  const isBreak = (c: string) => SPACE.test(c) || c === '"' || c === '(' || c === ')';
  while (i < n) {
    const c = text[i]!;
    if (SPACE.test(c) || c === '(' || c === ')') {
      i++;
      continue;
    }
    // A leading `-` excludes what follows; a leading `+` (explicitly "include") changes nothing.
    let negated = false;
    let j = i;
    while (j < n && (text[j] === '-' || text[j] === '+')) {
      if (text[j] === '-') negated = true;
      j++;
    }
    if (j === n || SPACE.test(text[j]!) || text[j] === '(' || text[j] === ')') {
      i = j;
      continue; // a lone `-` or `+`
    }
    i = j;
    if (text[i] === '"') {
      const { value, end } = readQuoted(text, i);
      let prefix = false;
      i = end;
      while (i < n && text[i] === '*') {
        prefix = true;
        i++;
      }
      yield { type: 'text', text: value, quoted: true, prefix, negated };
      continue;
    }
    let end = i;
    while (end < n && !isBreak(text[end]!)) end++;
    const word = text.slice(i, end);
    i = end;
    const field = /^([A-Za-z]+):(.*)$/s.exec(word);
    if (field && Object.hasOwn(FILTER_FIELD_NAMES, field[1]!.toLowerCase())) {
      let value = field[2]!;
      // `group:"Helpdesk Europe"`: the value is the quoted text right after the colon.
      if (value === '' && text[i] === '"') {
        const quoted = readQuoted(text, i);
        value = quoted.value;
        i = quoted.end;
      }
      yield { type: 'filter', name: field[1]!.toLowerCase(), value, negated };
      continue;
    }
    if (/^#\d+$/.test(word)) {
      yield { type: 'filter', name: 'number', value: word.slice(1), negated };
      continue;
    }
    if (!negated && OPERATORS.has(word)) {
      yield { type: 'op', op: word as Operator };
      continue;
    }
    const prefix = /\*$/.test(word);
    yield { type: 'text', text: word.replace(/^\*+/, '').replace(/\*+$/, ''), quoted: false, prefix, negated };
  }
}

/** Reads a quoted string starting at the quote at `start`; an unterminated one runs to the end. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  const close = text.indexOf('"', start + 1);
  return close === -1 ? { value: text.slice(start + 1), end: text.length } : { value: text.slice(start + 1, close), end: close + 1 };
}

function toItem(lexeme: Lexeme, problems: SearchProblem[]): Item | undefined {
  switch (lexeme.type) {
    case 'op':
      return { kind: 'op', op: lexeme.op };
    case 'filter': {
      const field = FILTER_FIELD_NAMES[lexeme.name]!;
      const value = lexeme.value.trim();
      if (value === '') {
        problems.push({ code: 'empty-filter', params: { field } });
        return undefined;
      }
      const reading = readFilterValue(field, value);
      if (!reading.ok) {
        problems.push(reading.problem);
        return undefined;
      }
      return { kind: 'filter', filter: { ...reading.filter, negated: lexeme.negated } as SearchFilter };
    }
    case 'text': {
      const text = lexeme.text.trim();
      // Words without a letter or digit (`+`, `@`, `%`, emoji) are not in the index: drop them.
      if (!hasSearchableText(text)) return undefined;
      let prefix = lexeme.prefix;
      if (prefix && !longEnoughForPrefix(text)) {
        problems.push({ code: 'prefix-too-short', params: { value: text, min: MIN_PREFIX_CHARS } });
        prefix = false;
      }
      const kind = prefix ? 'prefix' : lexeme.quoted || countWords(text) > 1 ? 'phrase' : 'word';
      return { kind: 'term', term: { kind, text, negated: lexeme.negated } };
    }
  }
}

/** Whether the last word of `text` is long enough to be searched as a prefix. */
function longEnoughForPrefix(text: string): boolean {
  const last = words(text).at(-1) ?? '';
  if (/[\p{Ideographic}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(last)) return true;
  return [...last].length >= MIN_PREFIX_CHARS;
}

/** The words of `text` as FTS5's unicode61 tokenizer (with `+#` kept) splits it, near enough to count them. */
function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}\p{M}+#]+/u).filter(hasSearchableText);
}

/** How many index words `text` holds, as FTS5's unicode61 tokenizer (with `+#` kept) splits it. */
function countWords(text: string): number {
  return words(text).length;
}

/** `NOT x` excludes x; a NOT with nothing after it is ignored. */
function applyNot(items: Item[], problems: SearchProblem[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'op' && item.op === 'NOT') {
      const next = items[i + 1];
      if (next?.kind === 'term') next.term.negated = true;
      else if (next?.kind === 'filter') next.filter.negated = true;
      else problems.push({ code: 'operator-ignored', params: { operator: 'NOT' } });
      continue;
    }
    out.push(item);
  }
  return out;
}

/**
 * Builds the clauses: `a OR b` joins two positive terms into one clause (OR binds tighter than
 * the implicit AND between clauses, as in most search boxes); AND is implicit and may be written.
 */
function combine(items: Item[], problems: SearchProblem[]): { clauses: SearchClause[]; filters: SearchFilter[] } {
  const clauses: SearchClause[] = [];
  const filters: SearchFilter[] = [];
  let joinNext = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const prev = items[i - 1];
    const next = items[i + 1];
    switch (item.kind) {
      case 'op':
        if (item.op === 'OR' && isPositiveTerm(prev) && isPositiveTerm(next)) joinNext = true;
        else if (item.op === 'OR' && prev?.kind === 'filter' && next?.kind === 'filter' && prev.filter.field === next.filter.field) {
          // `status:open OR status:pending`: filters on one field already match any of their values.
        } else if (item.op === 'AND' && prev !== undefined && prev.kind !== 'op' && next !== undefined && next.kind !== 'op') {
          // AND is what terms mean anyway.
        } else problems.push({ code: 'operator-ignored', params: { operator: item.op } });
        break;
      case 'filter':
        filters.push(item.filter);
        break;
      case 'term': {
        const last = clauses.at(-1);
        if (joinNext && last) {
          if (last.type === 'or') last.terms.push(item.term);
          else clauses[clauses.length - 1] = { type: 'or', terms: [last.term, item.term] };
        } else clauses.push({ type: 'term', term: item.term });
        joinNext = false;
        break;
      }
    }
  }
  return { clauses, filters };
}

function isPositiveTerm(item: Item | undefined): boolean {
  return item?.kind === 'term' && !item.term.negated;
}
