import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { followPresence, usePresenceStore } from './presence-store';

/** Reports what the agent does on the open ticket, and hears who else is there, while the caller is mounted. */
export function useFollowPresence(): void {
  useEffect(() => followPresence(), []);
}

/**
 * A quiet line under the ticket's subject: "Ana is viewing", "Ben is replying…". A polite live
 * region, so screen readers hear when someone comes, starts replying or leaves, without interruption.
 */
export function PresenceLine({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const viewers = usePresenceStore((s) => (s.ticketId === ticketId ? s.viewers : null));
  const replying = viewers?.filter((viewer) => viewer.activity === 'replying').map((viewer) => viewer.name) ?? [];
  const viewing = viewers?.filter((viewer) => viewer.activity === 'viewing').map((viewer) => viewer.name) ?? [];
  const parts = [
    replying.length > 0 ? t('presence.replying', { count: replying.length, names: format.list(replying) }) : null,
    viewing.length > 0 ? t('presence.viewing', { count: viewing.length, names: format.list(viewing) }) : null,
  ].filter((part) => part !== null);
  return (
    <p className="presence-line" role="status">
      {parts.join(' · ')}
    </p>
  );
}
