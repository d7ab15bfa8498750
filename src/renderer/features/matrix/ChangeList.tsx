import { useTranslation } from 'react-i18next';
import type { MatrixChange } from './matrix-store';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Changes between two versions, each with its kind in words and the line the diff wrote. */
export function ChangeList({ changes, label }: { changes: readonly MatrixChange[]; label: string }) {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  if (changes.length === 0) return <p className="muted">{t('matrix.changes.none')}</p>;
  return (
    <ul className="change-list" aria-label={label}>
      {changes.map((change, i) => (
        <li key={`${change.path}-${i}`} className="change">
          <span className={`change-kind kind-${change.kind}`}>{tr(`matrix.changes.${change.kind}`)}</span>
          <span className="change-summary">{change.summary}</span>
        </li>
      ))}
    </ul>
  );
}
