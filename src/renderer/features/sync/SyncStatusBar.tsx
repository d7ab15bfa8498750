import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../shared/contract/sync-methods';
import { useDialogStore } from '../../components/dialog-store';
import { useNow } from '../../components/use-now';
import { useFormat } from '../../i18n/format';
import { stateText, syncErrorText } from './sync-text';
import { useSyncStore } from './sync-store';

/** How often "last sync 2 min ago" ages. */
const TICK_MS = 15_000;

/**
 * What is worth announcing to a screen reader: settled states only. "Syncing" comes and goes
 * with every change another agent makes; announcing it would drown everything else.
 */
function settled(state: SyncState): SyncState | null {
  return state === 'syncing' ? null : state;
}

/** The status bar at the foot of the workspace: sync state, pending changes, last sync, rejected changes. */
export function SyncStatusBar() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(TICK_MS);
  const status = useSyncStore((s) => s.status);
  const openDialog = useDialogStore((s) => s.openDialog);
  const [announcement, setAnnouncement] = useState('');
  const lastSettled = useRef<SyncState | null>(null);
  const lastRejections = useRef<number | null>(null);

  useEffect(() => {
    if (!status) return;
    const state = settled(status.state);
    if (state !== null && lastSettled.current !== null && state !== lastSettled.current) setAnnouncement(stateText(t, state));
    if (state !== null) lastSettled.current = state;
    if (lastRejections.current !== null && status.rejectionCount > lastRejections.current) setAnnouncement(t('sync.announceRejected'));
    lastRejections.current = status.rejectionCount;
  }, [status, t]);

  if (!status) return <footer className="status-bar" aria-label={t('sync.statusBar')} />;
  const problem = status.error && status.state !== 'online' && status.state !== 'syncing' ? syncErrorText(t, status.error) : null;
  return (
    <footer className="status-bar" aria-label={t('sync.statusBar')}>
      <button
        type="button"
        className={`status-state state-${status.state}`}
        aria-label={t('sync.stateButton', { state: stateText(t, status.state) })}
        aria-keyshortcuts="Control+,"
        title={problem ?? undefined}
        onClick={() => openDialog('settings')}
      >
        <span className="status-dot" aria-hidden="true" />
        {stateText(t, status.state)}
      </button>
      {problem && <span className="status-problem">{problem}</span>}
      <span className="status-item" title={t('sync.pendingHint')}>
        {t('sync.pending', { formatted: format.count(status.pending) })}
      </span>
      <span className="status-item">
        {status.lastSyncAt === null ? t('sync.neverSynced') : t('sync.lastSync', { when: format.relative(status.lastSyncAt, Math.max(now, status.lastSyncAt)) })}
      </span>
      <button
        type="button"
        className={status.rejectionCount > 0 ? 'status-rejected has-rejections' : 'status-rejected'}
        aria-label={t('sync.rejectedButton', { count: status.rejectionCount, formatted: format.count(status.rejectionCount) })}
        onClick={() => openDialog('rejections')}
      >
        {t('sync.rejected', { formatted: format.count(status.rejectionCount) })}
      </button>
      <span role="status" className="visually-hidden">
        {announcement}
      </span>
    </footer>
  );
}
