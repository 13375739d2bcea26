import { fork, type ChildProcess } from 'node:child_process';
import { coreGone, createCoreClient, type CoreClient, type CoreClientOptions } from './core-client';
import type { CoreHostOptions, FromCore } from './core-protocol';

export interface ForkedCore {
  readonly client: CoreClient;
  readonly child: ChildProcess;
}

/**
 * Starts the core host under Node's child_process.fork: how tests exercise the same protocol the
 * Electron window uses with its utilityProcess. `hostModule` is core-host (built .js, or .ts with
 * `execArgv: ['--import', 'tsx']`).
 */
export function forkCore(
  hostModule: string,
  options: CoreHostOptions,
  execArgv: readonly string[] = [],
  clientOptions: CoreClientOptions = {}
): ForkedCore {
  const child = fork(hostModule, [`--core-options=${JSON.stringify(options)}`], {
    execArgv: [...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced'
  });
  const client = createCoreClient({
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as FromCore))
  }, clientOptions);
  child.on('exit', (code, signal) => client.lost(coreGone(`stopped (${signal ?? `exit code ${String(code)}`})`)));
  child.on('error', (error) => client.lost(coreGone(`could not run: ${error.message}`)));
  return { client, child };
}
