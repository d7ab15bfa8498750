import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../shared/domain/ticket';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusTarget } from '../../components/focus-targets';
import { useMinuteClock } from '../../components/use-now';
import { useFormat } from '../../i18n/format';
import { agentName, useTeamStore } from '../team/team-store';
import { noteText, type Names } from './sync-text';
import { useOverriddenStore } from './overridden-store';

/**
 * The open ticket's "your change was overridden" notes: another agent's later change won a field
 * this desktop had set. Re-read whenever the ticket is (a pull that brings the winning value
 * brings the note with it). Each note is dismissible.
 */
export function OverriddenNotes({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useMinuteClock();
  const notes = useOverriddenStore((s) => (s.ticketId === ticket.id ? s.notes : []));
  const error = useOverriddenStore((s) => (s.ticketId === ticket.id ? s.error : null));
  const load = useOverriddenStore((s) => s.load);
  const dismiss = useOverriddenStore((s) => s.dismiss);
  const groups = useTeamStore((s) => s.groups);
  const names: Names = { agent: agentName, group: (groupId) => groups.get(groupId)?.name ?? null };

  useEffect(() => {
    void load(ticket.id);
  }, [ticket, load]);

  if (notes.length === 0 && !error) return null;
  return (
    <section className="overridden-notes" aria-label={t('overridden.label')}>
      {error && <ErrorAlert error={error} />}
      <ul>
        {notes.map((note) => {
          const text = noteText(t, format, note, names, now);
          return (
            <li key={note.id} className="overridden-note">
              <span>{text}</span>
              <button
                type="button"
                className="button small subtle"
                aria-label={t('overridden.dismissLabel', { note: text })}
                onClick={(event) => {
                  // The button leaves with its note: focus goes to the next note's, else to the ticket.
                  const item = event.currentTarget.closest('li');
                  const next = (item?.nextElementSibling ?? item?.previousElementSibling)?.querySelector('button');
                  void dismiss(note.id);
                  if (next instanceof HTMLButtonElement) next.focus();
                  else focusTarget('ticket');
                }}
              >
                {t('overridden.dismiss')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
