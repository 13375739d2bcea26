/**
 * Exposes exactly the contract's two entry points to the page: call a named API and listen to stream
 * events. Main validates every name and input; nothing else of Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { TRANSPORT, type ShipdeckBridge } from '../shared/transport';

const bridge: ShipdeckBridge = {
  call: (name, input) => ipcRenderer.invoke(TRANSPORT.ipcCall, String(name), input),
  onEvent: (listener) => {
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(TRANSPORT.ipcEvent, forward);
    return () => ipcRenderer.removeListener(TRANSPORT.ipcEvent, forward);
  }
};

contextBridge.exposeInMainWorld('shipdeck', bridge);
