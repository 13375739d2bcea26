import { TRANSPORT, type ShipdeckBridge } from '../../../shared/transport';

const TOKEN_KEY = 'shipdeck.token';

/**
 * Browser mode: the same calls over loopback HTTP, events over a WebSocket. The per-launch token comes
 * in the URL once; it is kept in sessionStorage and removed from the address bar.
 */
export function createBrowserBridge(location: Location, storage: Storage, history: History): ShipdeckBridge {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? storage.getItem(TOKEN_KEY) ?? '';

  return {
    async call(name, input) {
      const response = await fetch(TRANSPORT.httpCall, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TRANSPORT.tokenHeader]: token },
        body: JSON.stringify({ name, input })
      });
      if (response.status === 401 || response.status === 403) {
        return {
          ok: false,
          error: {
            code: 'UNAUTHORIZED',
            message: 'This page is not authorised to talk to Shipdeck (the launch token is missing or old).',
            hint: 'Open the URL Shipdeck printed when it started.'
          }
        };
      }
      return (await response.json()) as unknown;
    },
    onEvent(listener) {
      let socket: WebSocket | null = null;
      let closed = false;
      let retryMs = 500;
      const connect = () => {
        const wsUrl = new URL(TRANSPORT.wsEvents, location.href);
        wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
        wsUrl.searchParams.set('token', token);
        socket = new WebSocket(wsUrl);
        socket.onopen = () => (retryMs = 500);
        socket.onmessage = (message) => {
          const event = JSON.parse(String(message.data)) as { name: string; payload: unknown };
          listener(event.name, event.payload);
        };
        // Reconnect with backoff: the host may restart; events are hints to refresh, never the only copy.
        socket.onclose = () => {
          if (closed) return;
          setTimeout(connect, retryMs);
          retryMs = Math.min(retryMs * 2, 10_000);
        };
      };
      connect();
      return () => {
        closed = true;
        socket?.close();
      };
    }
  };
}
