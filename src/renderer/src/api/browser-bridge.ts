import type { BridgeStreamMessage, ShipdeckBridge } from '../../../shared/transport';
import { TRANSPORT } from '../../../shared/transport';

const TOKEN_KEY = 'shipdeck.token';

interface Subscription {
  readonly name: string;
  readonly input: unknown;
  readonly listener: (message: BridgeStreamMessage) => void;
  /** The core's id once it answered; null while (re)subscribing. */
  id: string | null;
  /** Last item number delivered: a reconnect resumes right after it. */
  lastSeq: number;
  closed: boolean;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The parts of the page this bridge uses (structural, so a test can hand it Node's equivalents). */
interface PageLocation {
  readonly href: string;
}
interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
interface AddressBar {
  readonly state: unknown;
  replaceState(state: unknown, unused: string, url: string): void;
}
/** The streams socket, reduced to what the bridge needs. */
export interface StreamSocket {
  send(data: string): void;
  listen(on: { open(): void; message(data: string): void; close(): void }): void;
}

function pageSocket(url: string): StreamSocket {
  const socket = new WebSocket(url);
  return {
    send: (data) => socket.send(data),
    listen(on) {
      socket.onopen = () => on.open();
      socket.onmessage = (event) => on.message(String(event.data));
      socket.onclose = () => on.close();
    }
  };
}

/**
 * Browser mode: calls over loopback HTTP (cancelled with fetch's AbortController), streams over one
 * WebSocket multiplexing every subscription. When the socket drops, it reconnects with backoff and
 * resumes each stream after the last item it delivered, so nothing is lost or repeated. The
 * per-launch token comes in the URL once; it is kept in sessionStorage and removed from the address bar.
 */
export function createBrowserBridge(
  location: PageLocation,
  storage: TokenStorage,
  history: AddressBar,
  createSocket: (url: string) => StreamSocket = pageSocket
): ShipdeckBridge {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? storage.getItem(TOKEN_KEY) ?? '';
  const calls = new Map<string, AbortController>();

  const subscriptions = new Set<Subscription>();
  const byId = new Map<string, Subscription>();
  const pending = new Map<number, (reply: Reply) => void>();
  let nextRef = 1;
  let socket: StreamSocket | null = null;
  let open = false;
  let retryMs = 250;

  const send = (message: unknown) => {
    if (socket && open) socket.send(JSON.stringify(message));
  };
  const request = (message: Record<string, unknown>, onReply: (reply: Reply) => void) => {
    const ref = nextRef++;
    pending.set(ref, onReply);
    send({ ...message, ref });
  };

  function start(subscription: Subscription): void {
    request({ op: 'subscribe', name: subscription.name, input: subscription.input }, (reply) => {
      if (!reply.ok) {
        subscriptions.delete(subscription);
        return subscription.listener({ type: 'end', error: reply.error });
      }
      const id = (reply.value as { subscription: string }).subscription;
      if (subscription.closed) return send({ op: 'unsubscribe', subscription: id });
      subscription.id = id;
      byId.set(id, subscription);
    });
  }

  function resume(subscription: Subscription): void {
    const id = subscription.id;
    if (id === null) return start(subscription);
    request({ op: 'resume', subscription: id, afterSeq: subscription.lastSeq }, (reply) => {
      if (reply.ok) return;
      // Too much was missed (or the core restarted): start over and tell the subscriber.
      byId.delete(id);
      subscription.id = null;
      subscription.lastSeq = 0;
      subscription.listener({ type: 'reset' });
      start(subscription);
    });
  }

  function onMessage(data: string): void {
    const message = JSON.parse(data) as
      | { op: 'reply'; ref: number; result: Reply }
      | { op: 'stream'; message: { type: string; subscription: string; seq?: number; items?: unknown[]; error?: unknown } };
    if (message.op === 'reply') {
      const settle = pending.get(message.ref);
      pending.delete(message.ref);
      return settle?.(message.result);
    }
    const { type, subscription: id } = message.message;
    const subscription = byId.get(id);
    if (!subscription) return;
    if (type === 'batch') {
      const seq = message.message.seq ?? 0;
      const items = message.message.items ?? [];
      // Replay after a resume may overlap what was delivered: drop those, deliver only the new ones.
      const fresh = items.slice(Math.max(0, subscription.lastSeq + 1 - seq));
      if (fresh.length === 0) return;
      subscription.lastSeq = seq + items.length - 1;
      subscription.listener({ type: 'batch', seq: subscription.lastSeq - fresh.length + 1, items: fresh });
    } else if (type === 'end') {
      byId.delete(id);
      subscriptions.delete(subscription);
      subscription.listener(message.message.error === undefined ? { type: 'end' } : { type: 'end', error: message.message.error });
    }
  }

  function connect(): void {
    if (socket) return;
    const wsUrl = new URL(TRANSPORT.wsStreams, location.href);
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    wsUrl.searchParams.set('token', token);
    socket = createSocket(wsUrl.toString());
    socket.listen({
      open() {
        open = true;
        retryMs = 250;
        for (const subscription of subscriptions) resume(subscription);
      },
      message: onMessage,
      close() {
        socket = null;
        open = false;
        // Requests in flight are answered by nobody now; resume/subscribe are sent again on reconnect.
        pending.clear();
        if (subscriptions.size === 0) return;
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 5_000);
      }
    });
  }

  return {
    async call(name, input, callId) {
      const controller = new AbortController();
      calls.set(callId, controller);
      try {
        const response = await fetch(new URL(TRANSPORT.httpCall, location.href), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TRANSPORT.tokenHeader]: token },
          body: JSON.stringify({ name, input }),
          signal: controller.signal
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
      } finally {
        calls.delete(callId);
      }
    },
    cancel(callId) {
      calls.get(callId)?.abort();
    },
    subscribe(name, input, listener) {
      const subscription: Subscription = { name, input, listener, id: null, lastSeq: 0, closed: false };
      subscriptions.add(subscription);
      if (open) start(subscription);
      else connect();
      return () => {
        subscription.closed = true;
        subscriptions.delete(subscription);
        if (subscription.id !== null) {
          byId.delete(subscription.id);
          send({ op: 'unsubscribe', subscription: subscription.id });
        }
      };
    }
  };
}
