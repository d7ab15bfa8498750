import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMatrixStore } from './matrix-store';
import { describeProblemPlace, useMatrixProblemText } from './problem-text';

/** Every problem of the draft, errors first; clicking one shows and focuses its control. */
export function ProblemList() {
  const { t } = useTranslation();
  const id = useId();
  const problems = useMatrixStore((s) => s.problems);
  const unreadable = useMatrixStore((s) => s.unreadable);
  const document = useMatrixStore((s) => s.document);
  const reveal = useMatrixStore((s) => s.reveal);
  const text = useMatrixProblemText(document);
  // Cells whose text is not a duration are errors too, though the rules never see them.
  const typed = [...unreadable].map((path) => ({ path, text: t('matrix.targets.unreadable') }));
  const errors = problems.filter((problem) => problem.severity === 'error');
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  const ordered = [...errors, ...warnings];
  return (
    <aside className="matrix-problems" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="matrix-problems-title">
        {t('matrix.problems.title')}
      </h3>
      <p className="matrix-problems-count" role="status">
        {problems.length + typed.length === 0
          ? t('matrix.problems.none')
          : [t('matrix.problems.errors', { count: errors.length + typed.length }), warnings.length > 0 ? t('matrix.problems.warnings', { count: warnings.length }) : null]
              .filter(Boolean)
              .join(' · ')}
      </p>
      {ordered.length + typed.length > 0 && (
        <ul className="problem-list">
          {typed.map(({ path, text: sentence }) => (
            <li key={`typed-${path}`}>
              <button type="button" className="problem-link is-error" onClick={() => reveal(path)}>
                <span className="problem-icon" aria-hidden="true">
                  !
                </span>
                <span className="problem-body">
                  <span className="visually-hidden">{t('matrix.problems.error')}: </span>
                  <span className="problem-place">{describeProblemPlace(t, document, path)}</span>
                  <span className="problem-text">{sentence}</span>
                </span>
              </button>
            </li>
          ))}
          {ordered.map((problem, i) => (
            <li key={`${problem.path}-${problem.code}-${i}`}>
              <button type="button" className={`problem-link is-${problem.severity}`} onClick={() => reveal(problem.path)}>
                <span className="problem-icon" aria-hidden="true">
                  {problem.severity === 'error' ? '!' : 'i'}
                </span>
                <span className="problem-body">
                  <span className="visually-hidden">{t(problem.severity === 'error' ? 'matrix.problems.error' : 'matrix.problems.warning')}: </span>
                  <span className="problem-place">{describeProblemPlace(t, document, problem.path)}</span>
                  <span className="problem-text">{text(problem)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
