import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketRow } from '../../../shared/domain/ticket';
import { useFormat } from '../../i18n/format';

interface Props {
  id: string;
  row: TicketRow;
  now: number;
  /** Offset from the top of the list in px (the virtualiser's). */
  top: number;
  /** 1-based position in the view, and the view's size (-1 while more pages may come). */
  position: number;
  setSize: number;
  selected: boolean;
  open: boolean;
  onOpen: (ticketId: string) => void;
}

/**
 * One row of the ticket list: an option named by its content. The DOM order puts the columns a
 * narrower pane hides from sight (requester, level, assignee) last, so the visible text stays a
 * prefix of the accessible name and a screen reader still hears them; CSS places them in the grid.
 */
export const TicketListRow = memo(function TicketListRow(props: Props) {
  const { row, now } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const number = row.number === null ? t('list.newNumber') : t('ticket.number', { number: format.ticketNumber(row.number) });
  const status = t(`status.${row.status}`);
  const priority = t(`priority.${row.priority}`);
  const assignee = row.assigneeName ?? t('list.unassigned');
  const updated = format.relative(row.updatedAt, now);
  const className = ['ticket-grid', 'ticket-row', props.selected && 'is-selected', props.open && 'is-open']
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
      className={className}
      style={{ transform: `translateY(${props.top}px)` }}
      onClick={() => props.onOpen(row.id)}
    >
      <span className={row.number === null ? 'col-number is-new' : 'col-number'}>{number}</span>
      <span className="col-subject">{row.subject}</span>
      <span className="col-status">
        <span className={`badge status-${row.status}`}>{status}</span>
      </span>
      <span className={`col-priority priority-${row.priority}`}>{priority}</span>
      <span className="col-updated" title={format.dateTime(row.updatedAt)}>
        {updated}
      </span>
      <span className="col-requester">{row.requesterName}</span>
      <span className="col-level">{row.level}</span>
      <span className={row.assigneeName === null ? 'col-assignee muted' : 'col-assignee'}>{assignee}</span>
    </div>
  );
});
