import { useTranslation } from 'react-i18next';

/** The examples the help shows: what to type (never translated: it is the query language) and what it does. */
const SYNTAX = [
  ['printer offline', 'words'],
  ['"exact phrase"', 'phrase'],
  ['refu*', 'prefix'],
  ['-refund', 'exclude'],
  ['refund OR credit', 'or'],
  ['status:open', 'status'],
  ['priority:urgent', 'priority'],
  ['tag:billing', 'tag'],
  ['requester:ana@example.com', 'requester'],
  ['assignee:me', 'assignee'],
  ['level:L2', 'level'],
  ['channel:email', 'channel'],
  ['group:"Helpdesk Europe"', 'group'],
  ['created:>2026-01-01', 'created'],
  ['updated:2026-03-02', 'updated'],
  ['#123', 'number'],
  ['-status:closed', 'negate'],
] as const;

/** The search syntax, as a non-modal popover under the search box. */
export function SearchHelp({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div id={id} className="search-help" role="region" aria-label={t('search.helpTitle')}>
      <div className="search-help-header">
        <h2 className="dialog-title">{t('search.helpTitle')}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <table className="syntax-table">
        <thead>
          <tr>
            <th scope="col">{t('search.syntaxTyped')}</th>
            <th scope="col">{t('search.syntaxMeans')}</th>
          </tr>
        </thead>
        <tbody>
          {SYNTAX.map(([example, key]) => (
            <tr key={example}>
              <td>
                <code>{example}</code>
              </td>
              <td>{t(`search.syntax.${key}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted field-hint">{t('search.syntaxNote')}</p>
    </div>
  );
}
