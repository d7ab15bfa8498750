/** The closed list of expected failure codes; the renderer turns each into words. */
export const ERROR_CODES = [
  'validation',
  'not-found',
  'conflict',
  'forbidden',
  'unauthorized',
  'offline',
  'rate-limited',
  'unknown-method',
  'malformed',
  'too-large',
  'store-newer',
  'store-corrupt',
  'internal',
] as const;

/** One expected failure code from {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The wire form of an expected failure: a code, a message for logs, the offending input field if any. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
  /** Structured detail of the failure, when the caller can act on it (say, a matrix's problems, each on its cell). */
  details?: unknown;
}

/** The one envelope every transport answers with. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** An expected failure (bad input, missing row, conflict): carries a code, never a stack to the user. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    const body: ErrorBody = this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

/** A broken invariant: a bug in our code, never bad input. */
export class BugError extends Error {
  override readonly name = 'BugError';
}

/** Throws a {@link BugError} when the condition is false. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new BugError(message);
}

/** Marks a branch an exhaustive switch can never reach. */
export function unreachable(value: never): never {
  throw new BugError(`unreachable: ${JSON.stringify(value)}`);
}

/** Turns anything thrown into a wire error: expected failures keep their code, bugs become `internal` without details. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  return { code: 'internal', message: 'Something went wrong inside Support Console.' };
}
