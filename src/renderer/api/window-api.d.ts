import type { Bridge } from '../../shared/contract/bridge';

declare global {
  interface Window {
    /** The preload's bridge; present in the desktop app, absent in a plain browser. */
    readonly api?: Bridge;
  }
}
