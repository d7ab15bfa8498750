import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIXED_COLUMNS, LIST_COLUMNS, useColumnsStore } from './columns-store';
import { columnPickerBus } from './column-picker-bus';

/**
 * The "Columns" menu button: a menu of checkable items, one per column (the menu pattern:
 * arrows move, Space/Enter toggles, Escape closes and returns to the button).
 */
export function ColumnPicker() {
  const { t } = useTranslation();
  const id = useId();
  const columns = useColumnsStore((s) => s.columns);
  const toggle = useColumnsStore((s) => s.toggle);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement | null>(null);
  const menuRef = useRef<HTMLUListElement | null>(null);

  useEffect(() => columnPickerBus.listen(() => {
    setOpen(true);
    setActive(0);
  }), []);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemcheckbox"]')[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node) && !buttonRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        type="button"
        className="button small subtle"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => {
          setOpen((o) => !o);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
            setActive(0);
          }
        }}
      >
        {t('list.columnsMenu')}
      </button>
      {open && (
        <ul
          ref={menuRef}
          id={`${id}-menu`}
          role="menu"
          aria-label={t('list.columnsMenu')}
          className="menu"
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setActive((a) => (a + 1) % LIST_COLUMNS.length);
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive((a) => (a - 1 + LIST_COLUMNS.length) % LIST_COLUMNS.length);
            } else if (event.key === 'Home') {
              event.preventDefault();
              setActive(0);
            } else if (event.key === 'End') {
              event.preventDefault();
              setActive(LIST_COLUMNS.length - 1);
            } else if (event.key === 'Escape' || event.key === 'Tab') {
              event.preventDefault();
              event.stopPropagation();
              close();
            }
          }}
        >
          {LIST_COLUMNS.map((column, index) => {
            const fixed = FIXED_COLUMNS.includes(column);
            return (
              <li
                key={column}
                role="menuitemcheckbox"
                aria-checked={columns.includes(column)}
                aria-disabled={fixed || undefined}
                tabIndex={index === active ? 0 : -1}
                className="menu-item"
                onClick={() => toggle(column)}
                onKeyDown={(event) => {
                  if (event.key === ' ' || event.key === 'Enter') {
                    event.preventDefault();
                    toggle(column);
                  }
                }}
              >
                <span className="menu-check" aria-hidden="true">
                  {columns.includes(column) ? '✓' : ''}
                </span>
                {t(`list.columns.${column}`)}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
