import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketRow } from '../../../shared/domain/ticket';
import { SlaBadge } from '../../components/SlaBadge';
import { useFormat } from '../../i18n/format';
import { Snippet } from '../search/Snippet';
import { NoDeadline } from '../ticket/SlaCountdown';
import type { ListColumn } from './columns-store';
import type { HitInfo } from './ticket-list-store';

interface Props {
  id: string;
  index: number;
  row: TicketRow;
  columns: readonly ListColumn[];
  now: number;
  /** Offset from the top of the list in px (the virtualiser's). */
  top: number;
  /** 1-based position in the list, and the list's size (-1 while more pages may come). */
  position: number;
  setSize: number;
  /** aria-selected: picked for a bulk edit, or the keyboard's row when nothing is picked. */
  selected: boolean;
  /** Picked for a bulk edit. */
  picked: boolean;
  /** The keyboard's row (the active descendant). */
  cursor: boolean;
  open: boolean;
  groupName: string | null;
  hit: HitInfo | undefined;
  onRowClick: (index: number, ticketId: string, event: MouseEvent) => void;
}

/**
 * One row of the ticket list: an option named by its content, its cells in the order of the
 * agent's columns; a search result adds its snippet on a second line.
 */
export const TicketListRow = memo(function TicketListRow(props: Props) {
  const { row, now, hit } = props;
  const { t } = useTranslation();
  const format = useFormat();

  const cell = (column: ListColumn) => {
    switch (column) {
      case 'number':
        return (
          <span key={column} className={row.number === null ? 'col-number is-new' : 'col-number'}>
            {props.picked && (
              <span className="pick-mark" aria-hidden="true">
                ✓{' '}
              </span>
            )}
            {row.number === null ? t('list.newNumber') : t('ticket.number', { number: format.ticketNumber(row.number) })}
          </span>
        );
      case 'subject':
        return (
          <span key={column} className="col-subject">
            {row.subject}
          </span>
        );
      case 'requester':
        return (
          <span key={column} className="col-requester">
            {row.requesterName}
          </span>
        );
      case 'status':
        return (
          <span key={column} className="col-status">
            <span className={`badge status-${row.status}`}>{t(`status.${row.status}`)}</span>
          </span>
        );
      case 'priority':
        return (
          <span key={column} className={`col-priority priority-${row.priority}`}>
            {t(`priority.${row.priority}`)}
          </span>
        );
      case 'sla':
        return (
          <span key={column} className="col-sla">
            {row.dueAt === null ? <NoDeadline status={row.status} /> : <SlaBadge dueAt={row.dueAt} now={now} compact />}
          </span>
        );
      case 'level':
        return (
          <span key={column} className="col-level">
            {row.level}
          </span>
        );
      case 'assignee':
        return (
          <span key={column} className={row.assigneeName === null ? 'col-assignee muted' : 'col-assignee'}>
            {row.assigneeName ?? t('list.unassigned')}
          </span>
        );
      case 'group':
        return (
          <span key={column} className={props.groupName === null ? 'col-group muted' : 'col-group'}>
            {props.groupName ?? t('ticket.none_value')}
          </span>
        );
      case 'channel':
        return (
          <span key={column} className="col-channel">
            {t(`channel.${row.channel}`)}
          </span>
        );
      case 'tags':
        return (
          <span key={column} className="col-tags">
            {row.tags.join(' ')}
          </span>
        );
      case 'created':
        return (
          <span key={column} className="col-created" title={format.dateTime(row.createdAt)}>
            {format.relative(row.createdAt, now)}
          </span>
        );
      case 'updated':
        return (
          <span key={column} className="col-updated" title={format.dateTime(row.updatedAt)}>
            {format.relative(row.updatedAt, now)}
          </span>
        );
    }
  };

  const className = [
    'ticket-grid',
    'ticket-row',
    hit?.snippet ? 'has-snippet' : null,
    props.selected && 'is-selected',
    props.picked && 'is-picked',
    props.cursor && 'is-cursor',
    props.open && 'is-open',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={props.id}
      role="option"
      aria-selected={props.selected}
      aria-current={props.open ? 'true' : undefined}
      aria-posinset={props.position}
      aria-setsize={props.setSize}
      data-index={props.index}
      className={className}
      style={{ transform: `translateY(${props.top}px)` }}
      onClick={(event) => props.onRowClick(props.index, row.id, event)}
    >
      {props.columns.map(cell)}
      {hit?.snippet && (
        <span className="row-snippet">
          <span className="visually-hidden">{t(`search.matchedIn.${hit.matchedIn ?? 'message'}`)}: </span>
          <Snippet text={hit.snippet} />
        </span>
      )}
    </div>
  );
});
