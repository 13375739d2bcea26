/**
 * How contract calls and streams travel. Kept apart from the contract so preload and the renderer can
 * use it without bundling the input schemas (validation happens in the core only).
 */

/** The IPC channels (Electron) and URL paths (browser mode) that carry every call and stream. */
export const TRANSPORT = {
  ipcCall: 'shipdeck:call',
  ipcCancel: 'shipdeck:cancel',
  ipcSubscribe: 'shipdeck:subscribe',
  ipcUnsubscribe: 'shipdeck:unsubscribe',
  ipcStream: 'shipdeck:stream',
  httpCall: '/api/call',
  wsStreams: '/api/streams',
  tokenHeader: 'x-shipdeck-token',
  tokenCookie: 'shipdeck_token'
} as const;

/**
 * What a subscriber hears. `reset`: the link was lost for too long to replay what was missed; the
 * stream starts over (seq from 1), so refetch anything derived from earlier items.
 */
export type BridgeStreamMessage =
  | { readonly type: 'batch'; readonly seq: number; readonly items: readonly unknown[] }
  | { readonly type: 'reset' }
  | { readonly type: 'end'; readonly error?: unknown };

/**
 * What preload exposes as `window.shipdeck`, and what browser mode implements over HTTP + WebSocket.
 * Deliberately untyped at this layer: the core validates every name and input against the contract,
 * and the renderer's client adds the types on top. Plain values and functions only, because it
 * crosses contextBridge (an AbortSignal would not): a call is cancelled by its id.
 */
export interface ShipdeckBridge {
  call(name: string, input: unknown, callId: string): Promise<unknown>;
  cancel(callId: string): void;
  /** Returns the function that unsubscribes. */
  subscribe(name: string, input: unknown, listener: (message: BridgeStreamMessage) => void): () => void;
}
