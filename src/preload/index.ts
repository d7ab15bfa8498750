// The preload script: the only bridge between the sandboxed workspace and the main process.
// It exposes exactly the Bridge (call + on) on two fixed channels; no ipcRenderer, no event
// objects and no Node reach the page. Bundled to CommonJS, as sandboxed preloads require.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, RPC_CHANNEL, type Bridge } from '../shared/contract/bridge';
import type { AppEvent } from '../shared/contract/app-events';

const bridge: Bridge = {
  call: (method, input) => ipcRenderer.invoke(RPC_CHANNEL, method, input),
  on(listener) {
    // The IPC event (with its sender) stays here; the page only sees the app event.
    const relay = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('api', bridge);
