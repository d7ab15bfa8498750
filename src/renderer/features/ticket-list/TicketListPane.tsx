import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusTarget } from '../../components/focus-targets';
import { useNow } from '../../components/use-now';
import { useFormat } from '../../i18n/format';
import { useTicketStore } from '../ticket/ticket-store';
import { useViewName } from '../views/use-view-name';
import { openTicket } from '../workspace/workspace-actions';
import { TicketListRow } from './TicketListRow';
import { useTicketListStore } from './ticket-list-store';

/** The height of one row in px; the CSS keeps rows at exactly this. */
export const ROW_HEIGHT = 32;
/** Start loading the next page this many rows before the end comes into view. */
const LOAD_AHEAD_ROWS = 40;

/** The ticket list: the active view's tickets, virtualised, one keyset page after another. */
export function TicketListPane() {
  const { t } = useTranslation();
  const viewName = useViewName();
  const format = useFormat();
  const now = useNow(60_000);
  const viewId = useTicketListStore((s) => s.viewId);
  const rows = useTicketListStore((s) => s.rows);
  const next = useTicketListStore((s) => s.next);
  const status = useTicketListStore((s) => s.status);
  const loadingMore = useTicketListStore((s) => s.loadingMore);
  const error = useTicketListStore((s) => s.error);
  const selectedIndex = useTicketListStore((s) => s.selectedIndex);
  const openTicketId = useTicketStore((s) => s.ticketId);

  const scrollRef = useRef<HTMLDivElement | null>(null);
  const registerFocus = useFocusTarget<HTMLDivElement>('list');
  const listRef = useCallback(
    (element: HTMLDivElement | null) => {
      scrollRef.current = element;
      registerFocus(element);
    },
    [registerFocus],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastRendered = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (next !== null && lastRendered >= rows.length - LOAD_AHEAD_ROWS) {
      void useTicketListStore.getState().loadMore();
    }
  }, [next, lastRendered, rows.length]);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  // aria-activedescendant must name a row in the DOM; one scrolled out of the window is not.
  const selected = items.some((item) => item.index === selectedIndex) ? rows[selectedIndex] : undefined;
  const listName = viewId === null ? t('panes.tickets') : viewName(viewId);

  return (
    <section className="pane tickets-pane" aria-label={t('panes.tickets')}>
      <div className="pane-header">
        <h2 className="pane-title">{listName}</h2>
        <p className="muted list-count" role="status">
          {status === 'ready' &&
            t(next === null ? 'list.loaded' : 'list.loadedMore', { total: format.count(rows.length) })}
        </p>
      </div>
      {error && <ErrorAlert error={error} />}
      {status === 'idle' && <p className="muted pane-note">{t('list.pickView')}</p>}
      {status === 'loading' && <p className="muted pane-note">{t('list.loading')}</p>}
      {status === 'ready' && rows.length === 0 && <p className="muted pane-note">{t('list.empty')}</p>}
      {rows.length > 0 && (
        <>
          <div className="ticket-grid ticket-list-head" aria-hidden="true">
            <span className="col-number" title={t('list.columns.number')}>
              {t('list.columns.numberShort')}
            </span>
            <span className="col-subject">{t('list.columns.subject')}</span>
            <span className="col-status">{t('list.columns.status')}</span>
            <span className="col-priority">{t('list.columns.priority')}</span>
            <span className="col-updated">{t('list.columns.updated')}</span>
            <span className="col-requester">{t('list.columns.requester')}</span>
            <span className="col-level">{t('list.columns.level')}</span>
            <span className="col-assignee">{t('list.columns.assignee')}</span>
          </div>
          <div
            ref={listRef}
            role="listbox"
            aria-label={listName}
            aria-activedescendant={selected ? rowDomId(selected.id) : undefined}
            aria-busy={loadingMore || undefined}
            tabIndex={0}
            className="ticket-list"
            data-command-area="list"
            onFocus={(event) => {
              if (event.target === event.currentTarget && useTicketListStore.getState().selectedIndex < 0) {
                useTicketListStore.getState().select(0);
              }
            }}
          >
            <div role="presentation" className="ticket-list-sizer" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const row = rows[item.index];
                if (!row) return null;
                return (
                  <TicketListRow
                    key={item.key}
                    id={rowDomId(row.id)}
                    row={row}
                    now={now}
                    top={item.start}
                    position={item.index + 1}
                    setSize={next === null ? rows.length : -1}
                    selected={item.index === selectedIndex}
                    open={row.id === openTicketId}
                    onOpen={openTicket}
                  />
                );
              })}
            </div>
          </div>
          {loadingMore && <p className="muted list-more">{t('list.loadingMore')}</p>}
        </>
      )}
    </section>
  );
}

/** The DOM id of a ticket's row, for aria-activedescendant. */
function rowDomId(ticketId: string): string {
  return `ticket-row-${ticketId}`;
}
