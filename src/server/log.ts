/** A logger scoped to one area of the backend; lines go to stderr as JSON with their scope. */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

type Level = 'info' | 'warn' | 'error';

function write(scope: string, level: Level, message: string, data?: Record<string, unknown>): void {
  // Read per line, so a test can silence the logger with SC_LOG=silent after import.
  if (process.env.SC_LOG === 'silent' && level !== 'error') return;
  const line = { at: new Date().toISOString(), level, scope, message, ...data };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/** Makes a logger for one scope, e.g. `logger('sync')`. */
export function logger(scope: string): Logger {
  return {
    info: (message, data) => write(scope, 'info', message, data),
    warn: (message, data) => write(scope, 'warn', message, data),
    error: (message, data) => write(scope, 'error', message, data),
  };
}

/** Describes anything thrown, for a log line (never for a client). */
export function describeError(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
}
