import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { ErrorAlert } from './ErrorAlert';

interface Props<T> {
  label: string;
  /** Finds the options for what was typed; may reject with an ApiError. */
  search: (text: string) => Promise<T[]>;
  optionKey: (item: T) => string;
  /** The option's text (its accessible name). */
  optionLabel: (item: T) => string;
  /** Extra content shown in the option (its name stays `optionLabel`). */
  optionDetail?: (item: T) => ReactNode;
  onPick: (item: T) => void;
  placeholder?: string;
  autoFocus?: boolean;
  /** Described as what the picker is for. */
  hint?: string;
}

const DEBOUNCE_MS = 200;

/**
 * A text box that finds things as the agent types and lists them below (the ARIA combobox
 * pattern): arrows move through the options, Enter picks one, Escape closes the list.
 */
export function PickerCombobox<T>(props: Props<T>) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [items, setItems] = useState<T[]>([]);
  const [active, setActive] = useState(-1);
  const [expanded, setExpanded] = useState(false);
  const [searched, setSearched] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const searchRef = useRef(props.search);
  searchRef.current = props.search;

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === '') {
      setItems([]);
      setSearched(false);
      return;
    }
    const mine = ++generation.current;
    const timer = setTimeout(() => {
      searchRef
        .current(trimmed)
        .then((found) => {
          if (mine !== generation.current) return;
          setItems(found);
          setActive(found.length > 0 ? 0 : -1);
          setExpanded(true);
          setSearched(true);
          setError(null);
        })
        .catch((caught: unknown) => {
          if (mine !== generation.current) return;
          setError(caught as ApiError);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const pick = (item: T | undefined) => {
    if (item === undefined) return;
    props.onPick(item);
    setExpanded(false);
    setText('');
    setItems([]);
  };
  const listId = `${id}-list`;
  const activeItem = expanded ? items[active] : undefined;

  return (
    <div className="picker">
      <label htmlFor={`${id}-input`} className="field-label">
        {props.label}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded && items.length > 0}
        aria-controls={listId}
        aria-activedescendant={activeItem ? `${id}-opt-${props.optionKey(activeItem)}` : undefined}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        placeholder={props.placeholder}
        data-autofocus={props.autoFocus ? '' : undefined}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setExpanded(true);
            setActive((index) => Math.min(items.length - 1, index + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((index) => Math.max(0, index - 1));
          } else if (event.key === 'Enter') {
            if (expanded && activeItem !== undefined) {
              event.preventDefault();
              pick(activeItem);
            }
          } else if (event.key === 'Escape' && expanded) {
            // Close the list first; a second Escape reaches the dialog.
            event.preventDefault();
            event.stopPropagation();
            setExpanded(false);
          }
        }}
      />
      {props.hint && (
        <p id={`${id}-hint`} className="muted field-hint">
          {props.hint}
        </p>
      )}
      <ul id={listId} role="listbox" aria-label={props.label} className="picker-list" hidden={!expanded || items.length === 0}>
        {items.map((item, index) => (
          <li
            key={props.optionKey(item)}
            id={`${id}-opt-${props.optionKey(item)}`}
            role="option"
            aria-selected={index === active}
            aria-label={props.optionLabel(item)}
            className={index === active ? 'picker-option is-active' : 'picker-option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(item)}
          >
            {props.optionDetail ? props.optionDetail(item) : props.optionLabel(item)}
          </li>
        ))}
      </ul>
      {searched && items.length === 0 && text.trim() !== '' && (
        <p className="muted field-hint" role="status">
          {t('common.noMatches')}
        </p>
      )}
      {error && <ErrorAlert error={error} />}
    </div>
  );
}
