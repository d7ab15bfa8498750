import { useCallback, useEffect, useRef, type CSSProperties, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusTarget } from '../../components/focus-targets';
import { useNow } from '../../components/use-now';
import { useFormat } from '../../i18n/format';
import { SearchProblems } from '../search/SearchProblems';
import { useSearchStore } from '../search/search-store';
import { useTeamStore } from '../team/team-store';
import { useTicketStore } from '../ticket/ticket-store';
import { useViewName } from '../views/use-view-name';
import { leaveSearch, openTicket, setSearchSort } from '../workspace/workspace-actions';
import { BulkEditBar } from './BulkEditBar';
import { ColumnPicker } from './ColumnPicker';
import { COLUMN_TRACKS, useColumnsStore, type ListColumn } from './columns-store';
import { TicketListRow } from './TicketListRow';
import { isRowSelected, useTicketListStore } from './ticket-list-store';

/** The height of one row in px; the CSS keeps rows at exactly this. */
export const ROW_HEIGHT = 32;
/** A search result's row: the cells, then the snippet on a second line. */
export const SEARCH_ROW_HEIGHT = 52;
/** Start loading the next page this many rows before the end comes into view. */
const LOAD_AHEAD_ROWS = 40;
/** How often the SLA countdowns and relative times in the list tick. */
const LIST_TICK_MS = 15_000;

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** The ticket list: the active view's tickets or the search results, virtualised, one keyset page after another. */
export function TicketListPane() {
  const { t } = useTranslation();
  const viewName = useViewName();
  const format = useFormat();
  const now = useNow(LIST_TICK_MS);
  const source = useTicketListStore((s) => s.source);
  const rows = useTicketListStore((s) => s.rows);
  const next = useTicketListStore((s) => s.next);
  const status = useTicketListStore((s) => s.status);
  const loadingMore = useTicketListStore((s) => s.loadingMore);
  const error = useTicketListStore((s) => s.error);
  const selectedIndex = useTicketListStore((s) => s.selectedIndex);
  const picked = useTicketListStore((s) => s.picked);
  const hits = useTicketListStore((s) => s.hits);
  const problems = useTicketListStore((s) => s.problems);
  const openTicketId = useTicketStore((s) => s.ticketId);
  const columns = useColumnsStore((s) => s.columns);
  const groups = useTeamStore((s) => s.groups);
  const sort = useSearchStore((s) => s.sort);
  const searching = source?.kind === 'search';
  const rowHeight = searching ? SEARCH_ROW_HEIGHT : ROW_HEIGHT;

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
    estimateSize: () => rowHeight,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 10,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);
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

  const onRowClick = useCallback((index: number, ticketId: string, event: MouseEvent) => {
    const list = useTicketListStore.getState();
    if (event.shiftKey) {
      list.pickRange(index);
      return;
    }
    if (isMac ? event.metaKey : event.ctrlKey) {
      list.toggle(index);
      return;
    }
    openTicket(ticketId);
  }, []);

  // aria-activedescendant must name a row in the DOM; one scrolled out of the window is not.
  const cursorRow = items.some((item) => item.index === selectedIndex) ? rows[selectedIndex] : undefined;
  const listName = searching ? t('search.results') : source?.kind === 'view' ? viewName(source.viewId) : t('panes.tickets');
  const gridStyle = { '--grid-columns': columns.map((column: ListColumn) => COLUMN_TRACKS[column]).join(' ') } as CSSProperties;

  return (
    // The column tracks follow the agent's columns, so they are set here as one custom property.
    <section className="pane tickets-pane" aria-label={t('panes.tickets')} style={gridStyle}>
      <div className="pane-header">
        <h2 className="pane-title">{listName}</h2>
        <div className="pane-header-end">
          <p className="muted list-count" role="status">
            {status === 'ready' &&
              (searching
                ? t(next === null ? 'search.found' : 'search.foundMore', { total: format.count(rows.length) })
                : t(next === null ? 'list.loaded' : 'list.loadedMore', { total: format.count(rows.length) }))}
          </p>
          <ColumnPicker />
        </div>
      </div>
      {searching && (
        <div className="search-bar" role="group" aria-label={t('search.options')}>
          <span className="muted search-query">{t('search.for', { query: source.query })}</span>
          <button
            type="button"
            className="button small"
            aria-pressed={sort === 'ranked'}
            onClick={() => setSearchSort(sort === 'ranked' ? 'newest' : 'ranked')}
          >
            {t('search.ranked')}
          </button>
          <button type="button" className="button small" onClick={leaveSearch}>
            {t('search.clear')}
          </button>
        </div>
      )}
      {searching && <SearchProblems problems={problems} />}
      {error && <ErrorAlert error={error} />}
      {picked.size > 0 && <BulkEditBar />}
      {status === 'idle' && <p className="muted pane-note">{t('list.pickView')}</p>}
      {status === 'loading' && <p className="muted pane-note">{t(searching ? 'search.searching' : 'list.loading')}</p>}
      {status === 'ready' && rows.length === 0 && (
        <p className="muted pane-note">{t(searching ? 'search.none' : 'list.empty')}</p>
      )}
      {rows.length > 0 && (
        <>
          <div className="ticket-grid ticket-list-head" aria-hidden="true">
            {columns.map((column) => (
              <span key={column} className={`col-${column}`} title={t(`list.columns.${column}`)}>
                {column === 'number' ? t('list.columns.numberShort') : t(`list.columns.${column}`)}
              </span>
            ))}
          </div>
          <div
            ref={listRef}
            role="listbox"
            aria-label={listName}
            aria-multiselectable="true"
            aria-activedescendant={cursorRow ? rowDomId(cursorRow.id) : undefined}
            aria-busy={loadingMore || undefined}
            tabIndex={0}
            className={searching ? 'ticket-list is-search' : 'ticket-list'}
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
                    index={item.index}
                    row={row}
                    columns={columns}
                    now={now}
                    top={item.start}
                    position={item.index + 1}
                    setSize={next === null ? rows.length : -1}
                    selected={isRowSelected({ picked, selectedIndex }, row.id, item.index)}
                    picked={picked.has(row.id)}
                    cursor={item.index === selectedIndex}
                    open={row.id === openTicketId}
                    groupName={row.groupId === null ? null : (groups.get(row.groupId)?.name ?? null)}
                    hit={searching ? hits[row.id] : undefined}
                    onRowClick={onRowClick}
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
