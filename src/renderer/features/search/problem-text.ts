import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SearchProblems } from '../ticket-list/ticket-list-store';

type Problem = SearchProblems[number];

/** Words for a search problem: its code's sentence with the parameters filled in (lists joined as the language does). */
export function problemText(t: TFunction, language: string, problem: Problem): string {
  const list = new Intl.ListFormat(language, { type: 'disjunction' });
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(problem.params)) params[key] = Array.isArray(value) ? list.format(value) : value;
  // Some problems name a field; the field's name is a word of the query language and stays as typed.
  // invalid-value with nothing allowed to suggest (a malformed tag) has a sentence of its own.
  const key = problem.code === 'invalid-value' && Array.isArray(problem.params.allowed) && problem.params.allowed.length === 0 ? 'invalid-value-free' : problem.code;
  return (t as (key: string, options: Record<string, string | number>) => string)(`search.problems.${key}`, params);
}

export function useProblemText(): (problem: Problem) => string {
  const { t, i18n } = useTranslation();
  return useCallback((problem: Problem) => problemText(t, i18n.language, problem), [t, i18n.language]);
}
