import path from 'node:path';
import { utilityProcess } from 'electron';
import { coreGone, createCoreClient, type CoreClient } from '../core-client';
import type { CoreOptions } from '../core';
import type { FromCore } from '../core-protocol';

/**
 * Starts the core host (out/main/core-host.js) as an Electron utilityProcess: SQLite, git and every
 * other client run there, so the window's process only relays and never waits on them.
 */
export function startUtilityCore(mainDir: string, options: CoreOptions): CoreClient {
  const child = utilityProcess.fork(path.join(mainDir, 'core-host.js'), [`--core-options=${JSON.stringify(options)}`], {
    serviceName: 'Shipdeck core',
    stdio: 'inherit'
  });
  const client = createCoreClient({
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: unknown) => listener(message as FromCore))
  });
  child.on('exit', (code) => client.lost(coreGone(`stopped (exit code ${code})`)));
  return client;
}
