import type { Result } from '../shared/result';
import type { StreamMessage } from '../shared/stream-protocol';
import type { CoreConnection } from './api/connection';
import type { Channel, FromCore, ToCore } from './core-protocol';

/** Serves one connection over a channel until it is told to close. */
export function serveCore(channel: Channel<FromCore, ToCore>, connection: CoreConnection, onClosed: () => void): void {
  const running = new Map<number, AbortController>();
  const listener = (message: StreamMessage) => channel.send({ kind: 'stream', message });
  const reply = (id: number, result: Result<unknown>) => channel.send({ kind: 'reply', id, result });

  channel.onMessage((message) => {
    switch (message.kind) {
      case 'call': {
        const controller = new AbortController();
        running.set(message.id, controller);
        void connection.call(message.name, message.input, controller.signal).then((result) => {
          running.delete(message.id);
          reply(message.id, result);
        });
        return;
      }
      case 'cancel':
        running.get(message.id)?.abort();
        return;
      case 'subscribe':
        void connection
          .subscribe(message.name, message.input, listener)
          .then((result) => reply(message.id, result));
        return;
      case 'resume':
        void connection
          .resume(message.subscription, message.afterSeq, listener)
          .then((result) => reply(message.id, result));
        return;
      case 'detach':
        connection.detach(message.subscription);
        return;
      case 'unsubscribe':
        connection.unsubscribe(message.subscription);
        return;
      case 'close':
        for (const controller of running.values()) controller.abort();
        void connection.close().then(() => {
          reply(message.id, { ok: true, value: null });
          onClosed();
        });
        return;
    }
  });
}
