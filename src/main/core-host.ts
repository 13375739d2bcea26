/**
 * The core host: runs the core (store, git, and later Docker, Kubernetes and Prometheus clients) in a
 * process of its own, so nothing the core waits on can stop the window. Electron starts this file as a
 * utilityProcess; tests start it with child_process.fork. Both speak core-protocol.ts.
 */
import type { AppErrorData } from '../shared/result';
import { createLocalConnection, type CoreConnection } from './api/connection';
import { toErrorData } from './api/error-data';
import type { Channel, FromCore, ToCore } from './core-protocol';
import { createCore, type CoreOptions } from './core';
import { serveCore } from './serve-core';

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
function readCoreOptions(argv: readonly string[]): CoreOptions {
  const arg = argv.find((a) => a.startsWith('--core-options='));
  if (!arg) throw new Error('core host started without --core-options');
  return JSON.parse(arg.slice('--core-options='.length)) as CoreOptions;
}

function main(): void {
  const channel = parentChannel();
  if (!channel) return;
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
