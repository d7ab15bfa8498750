import type { z } from 'zod';
import { AppError } from './errors';
import { appContract, isMethodName, type MethodInput, type MethodName } from './app-contract';

/** Turns a schema failure into a `validation` error naming the first offending field. */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue?.message ?? 'Invalid input';
  return new AppError('validation', message, field);
}

/** Validates raw input for a method; throws an {@link AppError} (`unknown-method` or `validation`). */
export function parseMethodInput<M extends MethodName>(method: M, raw: unknown): MethodInput<M>;
export function parseMethodInput(method: string, raw: unknown): unknown;
export function parseMethodInput(method: string, raw: unknown): unknown {
  if (!isMethodName(method)) throw new AppError('unknown-method', `There is no method "${method}"`);
  const parsed = appContract[method].input.safeParse(raw ?? {});
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
