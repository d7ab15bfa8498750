import type { TFunction } from 'i18next';
import type { ApiError } from '../api/api-error';

const FIELD_KEYS = {
  body: 'errors.field.body',
  patch: 'errors.field.patch',
  viewId: 'errors.field.viewId',
  ticketId: 'errors.field.ticketId',
  tags: 'errors.field.tags',
} as const;

function isKnownField(field: string): field is keyof typeof FIELD_KEYS {
  return Object.hasOwn(FIELD_KEYS, field);
}

/**
 * Words for an error: bad input names its field when we have words for it (`patch.status` falls
 * back to `patch`), anything else says what its code means. The backend's message is for logs.
 */
export function describeError(t: TFunction, error: ApiError): string {
  if (error.field !== undefined && (error.code === 'validation' || error.code === 'not-found')) {
    const field = [error.field, error.field.split('.')[0] ?? ''].find(isKnownField);
    if (field !== undefined) return t(FIELD_KEYS[field]);
  }
  return t(`errors.code.${error.code}`);
}
