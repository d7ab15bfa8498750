import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tagSchema, type Ticket } from '../../../shared/domain/ticket';
import { useFocusTarget } from '../../components/focus-targets';
import { useTicketStore } from './ticket-store';

/** The ticket's tags: each with a remove button, and a field that adds tags on Enter or comma. */
export function TagsEditor({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const id = useId();
  const updateFields = useTicketStore((s) => s.updateFields);
  const focusRef = useFocusTarget<HTMLInputElement>('tags');
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);

  const add = () => {
    const candidates = text
      .split(/[,\s]+/)
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '');
    if (candidates.length === 0) return;
    const parsed = candidates.map((tag) => tagSchema.safeParse(tag));
    if (parsed.some((p) => !p.success)) {
      setInvalid(true);
      return;
    }
    const tags = [...new Set([...ticket.tags, ...parsed.map((p) => p.data!)])];
    setInvalid(false);
    setText('');
    if (tags.length !== ticket.tags.length) void updateFields({ tags });
  };

  return (
    <div className="field tags-field">
      <span className="field-label" id={`${id}-label`}>
        {t('ticket.fields.tags')}
      </span>
      <ul className="tags" aria-labelledby={`${id}-label`}>
        {ticket.tags.map((tag) => (
          <li key={tag} className="tag">
            {tag}
            <button
              type="button"
              className="tag-remove"
              aria-label={t('ticket.removeTag', { tag })}
              onClick={() => void updateFields({ tags: ticket.tags.filter((other) => other !== tag) })}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor={`${id}-add`} className="visually-hidden">
        {t('ticket.addTag')}
      </label>
      <input
        id={`${id}-add`}
        ref={focusRef}
        type="text"
        className="tag-input"
        size={10}
        value={text}
        placeholder={t('ticket.addTagPlaceholder')}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setInvalid(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ',') {
            event.preventDefault();
            add();
          }
        }}
        onBlur={add}
      />
      {invalid && (
        <span id={`${id}-error`} role="alert" className="alert inline">
          {t('ticket.tagInvalid')}
        </span>
      )}
    </div>
  );
}
