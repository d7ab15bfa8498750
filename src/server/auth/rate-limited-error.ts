import { AppError } from '../../shared/contract/errors';

/** A `rate-limited` failure that knows when to try again (sent as the Retry-After header). */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super('rate-limited', message);
  }
}
