import {
  appContract,
  type MethodName,
  type MethodOutput,
  type MethodParams,
} from '../../shared/contract/app-contract';
import type { AppEvent, EventName } from '../../shared/contract/app-events';
import { validationError } from '../../shared/contract/validate';
import { ApiError } from './api-error';
import { createHttpTransport } from './http-transport';
import type { Transport } from './transport';

/**
 * The one place the renderer talks to the backend. Stores call it; components never do.
 * In the desktop app it uses the preload's `window.api`; in a browser, the host's HTTP.
 */
export interface ApiClient {
  /** Calls a contract method; resolves with its output or rejects with an {@link ApiError}. */
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodOutput<M>>;
  /** Listens to one app event; returns the function that stops listening. */
  on<E extends EventName>(name: E, listener: (payload: Extract<AppEvent, { name: E }>['payload']) => void): () => void;
}

/** Builds a client over a transport. Input is checked with the contract's schema before it leaves. */
export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(method, params) {
      // The same schema the backend checks with: bad input fails here with the same code and field,
      // without a round trip. The backend still validates; this is a convenience, not the guard.
      const checked = appContract[method].input.safeParse(params);
      if (!checked.success) throw new ApiError(validationError(checked.error).toBody());
      const result = await transport.call(method, params);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    },
    on(name, listener) {
      return transport.on((event) => {
        // The name matched, so the payload is that event's (the transport checked it against its schema).
        if (event.name === name) (listener as (payload: unknown) => void)(event.payload);
      });
    },
  };
}

/** The app's client: the bridge when the preload exposed one, else the browser host on this origin. */
export const api: ApiClient = createApiClient(window.api ?? createHttpTransport());
