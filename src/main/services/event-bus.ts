import type { AppEvent } from '../../shared/contract/app-events';

/** Delivers app events to every transport that listens (IPC, SSE). */
export class EventBus {
  private readonly listeners = new Set<(event: AppEvent) => void>();

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
