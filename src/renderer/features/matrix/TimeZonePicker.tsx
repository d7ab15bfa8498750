import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage, useEditable, useFieldProblems } from './fields';
import { PATH_ATTRIBUTE } from './problem-paths';
import { searchZones, zoneOptions } from './time-zones';

/**
 * A searchable IANA time-zone picker (the ARIA combobox pattern): typing filters the zones by
 * any words of their name, arrows move through them, Enter or a click picks one. What is typed
 * goes into the document as it is, so an unknown zone is flagged on the spot.
 */
export function TimeZonePicker({ path, value, onChange, label }: { path: string; value: string; onChange: (zone: string) => void; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const editable = useEditable();
  const [text, setText] = useState(value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const { invalid, describedBy } = useFieldProblems([path]);
  const options = useMemo(() => zoneOptions(Date.now()), []);
  const found = useMemo(() => (open ? searchZones(options, text === value ? '' : text) : []), [options, text, value, open]);
  const listId = `${id}-zones`;
  const current = found[Math.min(active, found.length - 1)];

  useEffect(() => setText(value), [value]);

  const pick = (zone: string) => {
    setText(zone);
    onChange(zone);
    setOpen(false);
  };

  return (
    <div className="picker zone-picker">
      <label htmlFor={`${id}-input`} className="field-label">
        {label}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        {...{ [PATH_ATTRIBUTE]: path }}
        aria-autocomplete="list"
        aria-expanded={open && found.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && current ? `${id}-zone-${found.indexOf(current)}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={[describedBy, `${id}-hint`].filter(Boolean).join(' ')}
        readOnly={!editable}
        value={text}
        onFocus={() => editable && setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
          onChange(event.target.value.trim());
        }}
        onKeyDown={(event) => {
          if (!editable) return;
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(found.length - 1, a + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (event.key === 'Enter' && open && current) {
            event.preventDefault();
            pick(current.zone);
          } else if (event.key === 'Escape' && open) {
            event.preventDefault();
            event.stopPropagation();
            setOpen(false);
          }
        }}
      />
      <span id={`${id}-hint`} className="muted field-hint">
        {t('matrix.calendars.zoneHint')}
      </span>
      <ProblemMessage path={path} />
      <ul id={listId} role="listbox" aria-label={label} className="picker-list zone-list" hidden={!open || found.length === 0}>
        {found.map((option, index) => (
          <li
            key={option.zone}
            id={`${id}-zone-${index}`}
            role="option"
            aria-selected={option === current}
            className={option === current ? 'picker-option is-active' : 'picker-option'}
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => setActive(index)}
            onClick={() => pick(option.zone)}
          >
            <span>{option.zone}</span>
            <span className="muted">{option.offset}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
