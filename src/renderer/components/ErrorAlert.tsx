import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { describeError } from './describe-error';

/** An error in words, announced as an alert. */
export function ErrorAlert({ error, id }: { error: ApiError; id?: string }) {
  const { t } = useTranslation();
  return (
    <p role="alert" className="alert" id={id}>
      {describeError(t, error)}
    </p>
  );
}
