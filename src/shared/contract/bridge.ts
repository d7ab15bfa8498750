import type { MethodName, MethodOutput, MethodParams } from './app-contract';
import type { AppEvent } from './app-events';
import type { Result } from './errors';

/** The name of the IPC channel every contract call travels on. */
export const RPC_CHANNEL = 'sc:rpc';
/** The name of the IPC channel app events travel on, main to renderer. */
export const EVENT_CHANNEL = 'sc:event';

/**
 * What the preload script exposes as `window.api` in the desktop app: one call for every
 * contract method and one subscription for every event. The browser host offers the same over
 * HTTP (`POST /rpc/<method>`, `GET /events`).
 */
export interface Bridge {
  call<M extends MethodName>(method: M, input: MethodParams<M>): Promise<Result<MethodOutput<M>>>;
  /** Calls `listener` with every app event; returns the function that stops it. */
  on(listener: (event: AppEvent) => void): () => void;
}
