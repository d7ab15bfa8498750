import type { MethodName, MethodOutput, MethodParams } from '../../shared/contract/app-contract';
import { appEvents, type AppEvent, type EventName } from '../../shared/contract/app-events';
import { ERROR_CODES, type ErrorBody, type Result } from '../../shared/contract/errors';
import type { Transport } from './transport';

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as { code?: unknown; message?: unknown };
  return typeof message === 'string' && (ERROR_CODES as readonly unknown[]).includes(code);
}

/** Reads the one envelope from a response; anything else is answered as an `internal` failure. */
async function readEnvelope<T>(response: Response): Promise<Result<T>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, error: { code: 'internal', message: `The host answered ${response.status} without JSON` } };
  }
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    const envelope = body as { ok: unknown; value?: unknown; error?: unknown };
    if (envelope.ok === true) return { ok: true, value: envelope.value as T };
    if (envelope.ok === false && isErrorBody(envelope.error)) return { ok: false, error: envelope.error };
  }
  return { ok: false, error: { code: 'internal', message: `The host answered ${response.status} outside the envelope` } };
}

/**
 * The browser host's transport: `POST /rpc/<method>` with the JSON input, and one shared
 * `EventSource('/events')` for app events, opened with the first listener and closed with the last.
 */
export function createHttpTransport(baseUrl = ''): Transport {
  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | null = null;

  function openStream(): EventSource {
    const stream = new EventSource(`${baseUrl}/events`);
    for (const name of Object.keys(appEvents) as EventName[]) {
      stream.addEventListener(name, (message: MessageEvent<string>) => {
        let raw: unknown;
        try {
          raw = JSON.parse(message.data);
        } catch {
          console.error(`event ${name} carried no JSON`);
          return;
        }
        const parsed = appEvents[name].safeParse(raw);
        if (!parsed.success) {
          console.error(`event ${name} does not match its schema`, parsed.error);
          return;
        }
        const event = { name, payload: parsed.data } as AppEvent;
        for (const listener of listeners) listener(event);
      });
    }
    return stream;
  }

  return {
    async call<M extends MethodName>(method: M, input: MethodParams<M>): Promise<Result<MethodOutput<M>>> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/rpc/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        });
      } catch (error) {
        return { ok: false, error: { code: 'offline', message: error instanceof Error ? error.message : String(error) } };
      }
      return readEnvelope<MethodOutput<M>>(response);
    },

    on(listener) {
      listeners.add(listener);
      source ??= openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
