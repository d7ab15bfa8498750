import type { MethodName, MethodOutput, MethodParams } from '../../shared/contract/app-contract';
import type { AppEvent } from '../../shared/contract/app-events';
import type { Result } from '../../shared/contract/errors';

/** How the api client reaches the backend: the Electron preload's bridge or the browser host's HTTP. */
export interface Transport {
  call<M extends MethodName>(method: M, input: MethodParams<M>): Promise<Result<MethodOutput<M>>>;
  /** Calls `listener` with every app event; returns the function that stops it. */
  on(listener: (event: AppEvent) => void): () => void;
}
