/**
 * Exposes exactly the contract's entry points to the page: call (and cancel) a named API, and
 * subscribe to a named stream. The core validates every name and input; nothing else of Electron or
 * Node reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { TRANSPORT, type BridgeStreamMessage, type ShipdeckBridge } from '../shared/transport';

type Listener = (message: BridgeStreamMessage) => void;
const listeners = new Map<string, Listener>();

ipcRenderer.on(TRANSPORT.ipcStream, (_event: IpcRendererEvent, message: unknown) => {
  const m = message as { type?: unknown; subscription?: unknown; seq?: unknown; items?: unknown; error?: unknown };
  if (typeof m?.subscription !== 'string') return;
  const listener = listeners.get(m.subscription);
  if (!listener) return;
  if (m.type === 'batch' && typeof m.seq === 'number' && Array.isArray(m.items)) listener({ type: 'batch', seq: m.seq, items: m.items });
  if (m.type === 'end') {
    listeners.delete(m.subscription);
    listener(m.error === undefined ? { type: 'end' } : { type: 'end', error: m.error });
  }
});

const bridge: ShipdeckBridge = {
  call: (name, input, callId) => ipcRenderer.invoke(TRANSPORT.ipcCall, String(name), input, String(callId)),
  cancel: (callId) => ipcRenderer.send(TRANSPORT.ipcCancel, String(callId)),
  subscribe(name, input, listener) {
    let subscription: string | null = null;
    let closed = false;
    void (ipcRenderer.invoke(TRANSPORT.ipcSubscribe, String(name), input) as Promise<unknown>).then(
      (reply) => {
        const result = reply as { ok?: boolean; value?: { subscription?: string }; error?: unknown };
        const id = result.value?.subscription;
        if (!result.ok || typeof id !== 'string') return listener({ type: 'end', error: result.error });
        if (closed) return ipcRenderer.send(TRANSPORT.ipcUnsubscribe, id);
        subscription = id;
        listeners.set(id, listener);
      },
      (error: unknown) => listener({ type: 'end', error: { code: 'INTERNAL', message: String(error) } })
    );
    return () => {
      closed = true;
      if (subscription === null) return;
      listeners.delete(subscription);
      ipcRenderer.send(TRANSPORT.ipcUnsubscribe, subscription);
    };
  }
};

contextBridge.exposeInMainWorld('shipdeck', bridge);
