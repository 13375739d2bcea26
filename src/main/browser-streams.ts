import type { RawData, WebSocket } from 'ws';
import type { Result } from '../shared/result';
import type { StreamMessage } from '../shared/stream-protocol';
import type { CoreConnection } from './api/connection';

/** What a browser sends on the streams socket. */
type ClientMessage =
  | { readonly op: 'subscribe'; readonly ref: number; readonly name: unknown; readonly input: unknown }
  | { readonly op: 'resume'; readonly ref: number; readonly subscription: string; readonly afterSeq: number }
  | { readonly op: 'unsubscribe'; readonly subscription: string };

function parse(data: RawData): ClientMessage | null {
  try {
    const message = JSON.parse(String(data)) as Partial<ClientMessage> | null;
    if (!message || typeof message !== 'object') return null;
    if (message.op === 'subscribe' && typeof message.ref === 'number') return message as ClientMessage;
    if (
      message.op === 'resume' &&
      typeof message.ref === 'number' &&
      typeof message.subscription === 'string' &&
      Number.isInteger(message.afterSeq)
    ) {
      return message as ClientMessage;
    }
    if (message.op === 'unsubscribe' && typeof message.subscription === 'string') return message as ClientMessage;
    return null;
  } catch {
    return null;
  }
}

/**
 * One browser's socket: any number of stream subscriptions multiplexed by id. When the socket drops,
 * its subscriptions are detached, not ended, so the page can resume them after it reconnects.
 */
export function serveStreams(socket: WebSocket, connection: CoreConnection): void {
  const mine = new Set<string>();
  const send = (payload: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  };
  const listener = (message: StreamMessage) => {
    if (message.type === 'end') mine.delete(message.subscription);
    send({ op: 'stream', message });
  };
  const reply = (ref: number, result: Result<unknown>) => send({ op: 'reply', ref, result });

  socket.on('message', (data) => {
    const message = parse(data);
    if (!message) return void socket.close(1008, 'not a Shipdeck stream message');
    switch (message.op) {
      case 'subscribe':
        void connection.subscribe(message.name, message.input, listener).then((result) => {
          if (result.ok) mine.add(result.value.subscription);
          reply(message.ref, result);
        });
        return;
      case 'resume':
        void connection.resume(message.subscription, message.afterSeq, listener).then((result) => {
          if (result.ok) mine.add(message.subscription);
          reply(message.ref, result);
        });
        return;
      case 'unsubscribe':
        mine.delete(message.subscription);
        connection.unsubscribe(message.subscription);
        return;
    }
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    for (const subscription of mine) connection.detach(subscription);
    mine.clear();
  });
}
