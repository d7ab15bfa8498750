import { useTranslation } from 'react-i18next';
import type { SearchProblems as Problems } from '../ticket-list/ticket-list-store';
import { useProblemText } from './problem-text';

/** What the agent should know about their query, in words, announced politely. */
export function SearchProblems({ problems }: { problems: Problems }) {
  const { t } = useTranslation();
  const text = useProblemText();
  return (
    <div role="status" className="search-problems" aria-label={t('search.problemsLabel')}>
      {problems.length > 0 && (
        <ul>
          {problems.map((problem, index) => (
            <li key={index}>{text(problem)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
