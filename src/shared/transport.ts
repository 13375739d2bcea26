/**
 * How contract calls and events travel. Kept apart from contract.ts so preload and the renderer can use
 * it without bundling the input schemas (validation happens in main only).
 */

/** The single IPC channels (Electron) and URL paths (browser mode) that carry every call and event. */
export const TRANSPORT = {
  ipcCall: 'shipdeck:call',
  ipcEvent: 'shipdeck:event',
  httpCall: '/api/call',
  wsEvents: '/api/events',
  tokenHeader: 'x-shipdeck-token',
  tokenCookie: 'shipdeck_token'
} as const;

/**
 * What preload exposes as `window.shipdeck`, and what browser mode implements over HTTP + WebSocket.
 * Deliberately untyped at this layer: main validates every name and input against the contract, and the
 * renderer's client adds the types on top.
 */
export interface ShipdeckBridge {
  call(name: string, input: unknown): Promise<unknown>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}
