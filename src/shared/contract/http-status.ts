import type { ErrorCode } from './errors';

/** The HTTP status each error code is answered with, by every HTTP transport. */
export const HTTP_STATUS_OF: Record<ErrorCode, number> = {
  validation: 400,
  malformed: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'unknown-method': 404,
  conflict: 409,
  'too-large': 413,
  'rate-limited': 429,
  offline: 503,
  'store-newer': 503,
  'store-corrupt': 503,
  internal: 500,
};
