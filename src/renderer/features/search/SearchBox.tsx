import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_QUERY_CHARS } from '../../../shared/search/query-ast';
import { useFocusTarget } from '../../components/focus-targets';
import { useScreenStore } from '../workspace/screen-store';
import { leaveSearch, runSearch, typeSearch } from '../workspace/workspace-actions';
import { SearchHelp } from './SearchHelp';
import { useSearchStore } from './search-store';

/**
 * The results show in the ticket list, so a search started on another screen (the box is in the
 * header on every screen) brings the Tickets screen up; focus stays in the box, which stays mounted.
 */
function showResults(text: string): void {
  const screens = useScreenStore.getState();
  if (text.trim() !== '' && screens.screen !== 'tickets') screens.show('tickets');
}

/** The one search box in the header: typing searches tickets (on the Tickets screen, from any screen); `/` jumps here. */
export function SearchBox() {
  const { t } = useTranslation();
  const id = useId();
  const text = useSearchStore((s) => s.text);
  const focusRef = useFocusTarget<HTMLInputElement>('search');
  const [helpOpen, setHelpOpen] = useState(false);
  const helpButton = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    if (!helpOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setHelpOpen(false);
        helpButton.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [helpOpen]);

  return (
    <div role="search" className="search-box" data-command-area="search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        id={`${id}-input`}
        ref={focusRef}
        type="search"
        className="search-input"
        placeholder={t('search.placeholder')}
        maxLength={MAX_QUERY_CHARS}
        autoComplete="off"
        spellCheck={false}
        aria-keyshortcuts="/"
        value={text}
        onChange={(event) => {
          showResults(event.target.value);
          typeSearch(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            showResults(text);
            runSearch();
          }
        }}
        onInput={(event) => {
          // The search input's own clear button (×) sends an input event with an empty value.
          if ((event.target as HTMLInputElement).value === '') leaveSearch();
        }}
      />
      <button
        ref={helpButton}
        type="button"
        className="icon-button search-help-button"
        aria-label={t('search.help')}
        aria-expanded={helpOpen}
        aria-controls={`${id}-help`}
        onClick={() => setHelpOpen((open) => !open)}
      >
        <span aria-hidden="true">?</span>
      </button>
      {helpOpen && <SearchHelp id={`${id}-help`} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
