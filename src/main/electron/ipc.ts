import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { fail } from '../../shared/result';
import { TRANSPORT } from '../../shared/transport';
import { dispatch } from '../api/dispatch';
import type { Handlers } from '../api/handlers';
import type { EventBus } from '../event-bus';
import { isAllowedNavigation } from '../security';

/**
 * Serves the contract over the single IPC channel. Each call is checked to come from our own window
 * showing our own page before it reaches the handlers.
 */
export function registerIpc(
  ipcMain: IpcMain,
  handlers: Handlers,
  trusted: () => { readonly contents: WebContents | null; readonly appUrl: string }
): void {
  ipcMain.handle(TRANSPORT.ipcCall, (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!isTrustedSender(event, trusted())) {
      return fail({ code: 'FORBIDDEN_SENDER', message: 'This call did not come from the Shipdeck window.' });
    }
    return dispatch(handlers, name, input);
  });
}

export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  trusted: { readonly contents: WebContents | null; readonly appUrl: string }
): boolean {
  const frameUrl = event.senderFrame?.url;
  return event.sender === trusted.contents && frameUrl !== undefined && isAllowedNavigation(frameUrl, trusted.appUrl);
}

/** Forwards every stream event to the window. */
export function forwardEvents(events: EventBus, target: () => WebContents | null): () => void {
  return events.subscribe((name, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(TRANSPORT.ipcEvent, name, payload);
  });
}
