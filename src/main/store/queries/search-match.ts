// The only place FTS5 query syntax is written. User text reaches FTS5 solely as FTS5 strings made
// by ftsString(): inside a string every character is literal and FTS5's tokenizer splits it into
// words, so `C++`, `can't`, `e-mail`, `NOT` or `"` can never be read as operators or column names.
import type { SearchClause, SearchTerm } from '../../../shared/search/query-ast';

/** The FTS5 MATCH expressions of a query: what a document must contain, and what excludes a ticket. */
export interface FtsMatch {
  /** All positive clauses, ANDed; null when the query has none (only exclusions or filters). */
  include: string | null;
  /** Any excluded term, ORed; null when nothing is excluded. */
  exclude: string | null;
  /** Whether `include` / `exclude` hold a prefix (`refu*`), which FTS5 expands in full on every query. */
  includeHasPrefix: boolean;
  excludeHasPrefix: boolean;
}

/** Quotes `text` as one FTS5 string (a phrase of its words): `"` is doubled, nothing else is special. */
export function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function termExpression(term: SearchTerm): string {
  // `"refu" *` matches every word starting with "refu"; for a phrase, its last word is the prefix.
  return term.kind === 'prefix' ? `${ftsString(term.text)} *` : ftsString(term.text);
}

/** Builds the MATCH expressions of parsed clauses; the same expression serves every search index. */
export function buildFtsMatch(clauses: readonly SearchClause[]): FtsMatch {
  const include: string[] = [];
  const exclude: string[] = [];
  let includeHasPrefix = false;
  let excludeHasPrefix = false;
  for (const clause of clauses) {
    if (clause.type === 'or') {
      include.push(`(${clause.terms.map(termExpression).join(' OR ')})`);
      includeHasPrefix ||= clause.terms.some((term) => term.kind === 'prefix');
    } else if (clause.term.negated) {
      exclude.push(termExpression(clause.term));
      excludeHasPrefix ||= clause.term.kind === 'prefix';
    } else {
      include.push(termExpression(clause.term));
      includeHasPrefix ||= clause.term.kind === 'prefix';
    }
  }
  return {
    include: include.length > 0 ? include.join(' AND ') : null,
    exclude: exclude.length > 0 ? exclude.join(' OR ') : null,
    includeHasPrefix,
    excludeHasPrefix,
  };
}
