/**
 * The core host: runs the core (store, git, and later Docker, Kubernetes and Prometheus clients) in a
 * process of its own, so nothing the core waits on can stop the window. Electron starts this file as a
 * utilityProcess; tests start it with child_process.fork. Both speak core-protocol.ts.
 */
import { AppError, type AppErrorData } from '../shared/result';
import { plainSecretCipherBecause } from './adapters/credentials/plain-secret-cipher';
import { createRelayedSecretCipher } from './adapters/credentials/relayed-secret-cipher';
import { createLocalConnection, type CoreConnection } from './api/connection';
import { toErrorData } from './api/error-data';
import type { Channel, CoreHostOptions, FromCore, KeychainOffer, ToCore } from './core-protocol';
import { createCore } from './core';
import type { SecretCipher } from './ports/credentials';
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
function readCoreOptions(argv: readonly string[]): CoreHostOptions {
  const arg = argv.find((a) => a.startsWith('--core-options='));
  if (!arg) throw new Error('core host started without --core-options');
  return JSON.parse(arg.slice('--core-options='.length)) as CoreHostOptions;
}

/**
 * The cipher for registry secrets when the parent offered its keychain: each secret goes to the parent
 * (`cipher` → `cipher-reply`). A keychain the parent has but cannot use falls back to the 0600 file,
 * and the store's warning says why. Returns the `cipher-reply` handler to feed the parent's messages to.
 */
function keychainCipher(
  offer: KeychainOffer,
  channel: Channel<FromCore, ToCore>
): { readonly cipher: SecretCipher; readonly onReply: (message: Extract<ToCore, { kind: 'cipher-reply' }>) => void } {
  if (!offer.available) return { cipher: plainSecretCipherBecause(`in this app: ${offer.reason}`), onReply: () => undefined };
  let nextId = 1;
  const pending = new Map<number, { resolve: (text: string) => void; reject: (error: AppError) => void }>();
  const cipher = createRelayedSecretCipher(offer.cipher, (op, data) => {
    const id = nextId++;
    return new Promise<string>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      channel.send({ kind: 'cipher', id, op, data });
    });
  });
  return {
    cipher,
    onReply(message) {
      const settle = pending.get(message.id);
      pending.delete(message.id);
      if (!settle) return;
      if (message.result.ok) settle.resolve(message.result.value);
      else settle.reject(new AppError(message.result.error.code, message.result.error.message, message.result.error.hint));
    }
  };
}

/** Hands `cipher-reply` messages to the keychain cipher and everything else to the connection's server. */
function splitCipherReplies(
  channel: Channel<FromCore, ToCore>,
  onReply: (message: Extract<ToCore, { kind: 'cipher-reply' }>) => void
): Channel<FromCore, ToCore> {
  const listeners: ((message: ToCore) => void)[] = [];
  channel.onMessage((message) => {
    if (message.kind === 'cipher-reply') onReply(message);
    else for (const listener of listeners) listener(message);
  });
  return { send: (message) => channel.send(message), onMessage: (listener) => void listeners.push(listener) };
}

function main(): void {
  const parent = parentChannel();
  if (!parent) return;
  let failure: AppErrorData | null = null;
  let connection: CoreConnection | null = null;
  let channel = parent;
  try {
    const { keychain, ...options } = readCoreOptions(process.argv);
    const relay = keychain !== undefined ? keychainCipher(keychain, parent) : null;
    if (relay) channel = splitCipherReplies(parent, relay.onReply);
    const core = createCore(options, relay ? { secretCipher: relay.cipher } : {});
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
