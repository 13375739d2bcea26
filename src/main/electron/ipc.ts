import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { fail } from '../../shared/result';
import { TRANSPORT } from '../../shared/transport';
import type { CoreConnection } from '../api/connection';
import { isAllowedNavigation } from '../security';

type Trusted = () => { readonly contents: WebContents | null; readonly appUrl: string };

const forbidden = () => fail({ code: 'FORBIDDEN_SENDER', message: 'This call did not come from the Shipdeck window.' });

/**
 * The main process's relay: the contract's calls and streams, from our own window only, to the core
 * (which runs in its own process). Each window's streams end when the window goes away.
 */
export function registerIpc(ipcMain: IpcMain, connection: CoreConnection, trusted: Trusted): void {
  const running = new Map<string, AbortController>();
  const streamsOf = new Map<WebContents, Set<string>>();
  const isTrusted = (event: Pick<IpcMainEvent, 'sender' | 'senderFrame'>) => isTrustedSender(event, trusted());

  ipcMain.handle(TRANSPORT.ipcCall, async (event: IpcMainInvokeEvent, name: unknown, input: unknown, callId: unknown) => {
    if (!isTrusted(event)) return forbidden();
    const key = `${event.sender.id}:${String(callId)}`;
    const controller = new AbortController();
    running.set(key, controller);
    try {
      return await connection.call(name, input, controller.signal);
    } finally {
      running.delete(key);
    }
  });
  ipcMain.on(TRANSPORT.ipcCancel, (event: IpcMainEvent, callId: unknown) => {
    if (isTrusted(event)) running.get(`${event.sender.id}:${String(callId)}`)?.abort();
  });

  ipcMain.handle(TRANSPORT.ipcSubscribe, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!isTrusted(event)) return forbidden();
    const contents = event.sender;
    const result = await connection.subscribe(name, input, (message) => {
      if (message.type === 'end') streamsOf.get(contents)?.delete(message.subscription);
      if (!contents.isDestroyed()) contents.send(TRANSPORT.ipcStream, message);
    });
    if (result.ok) {
      let mine = streamsOf.get(contents);
      if (!mine) {
        const created = new Set<string>();
        streamsOf.set(contents, created);
        // A closed or crashed window ends every stream it had.
        contents.once('destroyed', () => {
          for (const subscription of created) connection.unsubscribe(subscription);
          streamsOf.delete(contents);
        });
        mine = created;
      }
      mine.add(result.value.subscription);
    }
    return result;
  });
  ipcMain.on(TRANSPORT.ipcUnsubscribe, (event: IpcMainEvent, subscription: unknown) => {
    if (!isTrusted(event) || typeof subscription !== 'string') return;
    // A window may only end its own streams.
    if (streamsOf.get(event.sender)?.delete(subscription)) connection.unsubscribe(subscription);
  });
}

function isTrustedSender(
  event: Pick<IpcMainEvent, 'sender' | 'senderFrame'>,
  trusted: { readonly contents: WebContents | null; readonly appUrl: string }
): boolean {
  const frameUrl = event.senderFrame?.url;
  return event.sender === trusted.contents && frameUrl !== undefined && isAllowedNavigation(frameUrl, trusted.appUrl);
}
