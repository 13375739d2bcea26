/**
 * The core host: runs the core (store, git, and later Docker, Kubernetes and Prometheus clients) in a
 * process of its own, so nothing the core waits on can stop the window. Electron starts this file as a
 * utilityProcess; tests start it with child_process.fork. Both speak core-protocol.ts.
 */
import type { AppErrorData, Result } from '../shared/result';
import type { StreamMessage } from '../shared/stream-protocol';
import { createLocalConnection, type CoreConnection } from './api/connection';
import { toErrorData } from './api/error-data';
import type { Channel, FromCore, ToCore } from './core-protocol';
import { createCore, type CoreOptions } from './core';

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

/** The channel to the parent: Electron's parentPort in a utilityProcess, IPC in a forked Node process. */
function parentChannel(): Channel<FromCore, ToCore> | null {
  const parentPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToCore))
    };
  }
  const send = process.send?.bind(process);
  if (!send) return null;
  return {
    send: (message) => void send(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as ToCore))
  };
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Reads the options the parent passed as `--core-options=<json>`. */
export function readCoreOptions(argv: readonly string[]): CoreOptions {
  const arg = argv.find((a) => a.startsWith('--core-options='));
  if (!arg) throw new Error('core host started without --core-options');
  return JSON.parse(arg.slice('--core-options='.length)) as CoreOptions;
}

function main(): void {
  const channel = parentChannel();
  // Only as a started process (not when a test imports serveCore).
  if (!channel || !process.argv.some((a) => a.startsWith('--core-options='))) return;
  let failure: AppErrorData | null = null;
  let connection: CoreConnection | null = null;
  try {
    const core = createCore(readCoreOptions(process.argv));
    connection = createLocalConnection(core.handlers, () => core.close());
  } catch (error) {
    failure = toErrorData(error, 'starting the core');
  }
  if (!connection) {
    channel.send({ kind: 'failed', error: failure ?? { code: 'INTERNAL', message: 'The core did not start.' } });
    // Let the message leave before the process ends.
    setTimeout(() => process.exit(1), 100);
    return;
  }
  serveCore(channel, connection, () => process.exit(0));
  // The parent went away (crashed or was killed): nothing is left to serve.
  process.on('disconnect', () => void connection?.close().then(() => process.exit(0)));
  channel.send({ kind: 'ready' });
}

main();
