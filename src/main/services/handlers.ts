import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/app-contract';
import { AppError, toErrorBody, type Result } from '../../shared/contract/errors';
import { parseMethodInput } from '../../shared/contract/validate';
import { describeError, logger } from '../log';

/** One handler per contract method: a missing one is a compile error. */
export type Handlers = {
  [M in MethodName]: (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

const log = logger('rpc');

/**
 * Validates `raw` against the method's schema, runs its handler and answers with the one
 * envelope. Expected failures keep their code; anything else is logged here and leaves as
 * `internal`, without a stack.
 */
export async function dispatch(handlers: Handlers, method: string, raw: unknown): Promise<Result<unknown>> {
  try {
    const input = parseMethodInput(method, raw);
    const handler = handlers[method as MethodName] as (input: unknown) => unknown;
    return { ok: true, value: await handler(input) };
  } catch (error) {
    if (!(error instanceof AppError)) log.error('handler failed', { method, ...describeError(error) });
    return { ok: false, error: toErrorBody(error) };
  }
}
