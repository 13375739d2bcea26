import { fork, type ChildProcess } from 'node:child_process';
import { coreGone, createCoreClient, type CoreClient } from './core-client';
import type { CoreOptions } from './core';
import type { FromCore } from './core-protocol';

export interface ForkedCore {
  readonly client: CoreClient;
  readonly child: ChildProcess;
}

/**
 * Starts the core host under Node's child_process.fork: how tests exercise the same protocol the
 * Electron window uses with its utilityProcess. `hostModule` is core-host (built .js, or .ts with
 * `execArgv: ['--import', 'tsx']`).
 */
export function forkCore(hostModule: string, options: CoreOptions, execArgv: readonly string[] = []): ForkedCore {
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
  });
  child.on('exit', (code, signal) => client.lost(coreGone(`stopped (${signal ?? `exit code ${String(code)}`})`)));
  child.on('error', (error) => client.lost(coreGone(`could not run: ${error.message}`)));
  return { client, child };
}
