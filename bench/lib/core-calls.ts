import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract/app-contract';
import type { Core } from '../../src/main/services/core';

/**
 * Calls a contract handler the way the shell does and returns its answer. The benched handlers
 * answer synchronously (better-sqlite3); a promise here means the bench would time the wrong thing.
 */
export function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): MethodOutput<M> {
  const output = core.handlers[method](input);
  if (output instanceof Promise) throw new Error(`${method} answered asynchronously; the bench times synchronous calls`);
  return output;
}
