import { useTranslation } from 'react-i18next';
import type { Customer, Organisation } from '../../../shared/domain/customer';

/** Who asked, in one line under the subject: the requester's name, organisation and support plan. */
export function RequesterCard({ requester, organisation }: { requester: Customer; organisation: Organisation | null }) {
  const { t } = useTranslation();
  return (
    <dl className="requester-line" aria-label={t('ticket.requester.label')}>
      <div>
        <dt className="visually-hidden">{t('ticket.requester.label')}</dt>
        <dd className="requester-name">{requester.name}</dd>
      </div>
      {requester.email && (
        <div>
          <dt className="visually-hidden">{t('ticket.requester.email')}</dt>
          <dd className="muted">{requester.email}</dd>
        </div>
      )}
      <div>
        <dt className="visually-hidden">{t('ticket.requester.organisation')}</dt>
        <dd>{organisation?.name ?? <span className="muted">{t('ticket.requester.noOrganisation')}</span>}</dd>
      </div>
      <div>
        <dt className="visually-hidden">{t('ticket.requester.plan')}</dt>
        <dd>
          <span className={`badge plan-${requester.plan}`}>{t(`plan.${requester.plan}`)}</span>
        </dd>
      </div>
    </dl>
  );
}
