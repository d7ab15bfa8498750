import type { ErrorBody, ErrorCode } from '../../shared/contract/errors';

/**
 * An expected failure answered by the backend (or found before calling it): the UI turns its
 * `code` (and, for bad input, its `field`) into words; `message` is for logs only.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Structured detail the UI can act on, when the failure has some; check it with its schema before use. */
  readonly details: unknown;

  constructor(body: ErrorBody) {
    super(body.message);
    this.code = body.code;
    this.field = body.field;
    this.details = body.details;
  }
}

/** Turns anything a store caught into an {@link ApiError}; what is not one is a bug, reported as `internal`. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  console.error(error);
  return new ApiError({ code: 'internal', message: error instanceof Error ? error.message : String(error) });
}
