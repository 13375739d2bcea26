import path from 'node:path';
import { utilityProcess } from 'electron';
import { coreGone, createCoreClient, type CoreClient } from '../core-client';
import type { CoreOptions } from '../core';
import type { FromCore } from '../core-protocol';
import { safeStorageCipher, safeStorageOffer } from './keychain-cipher';

/**
 * Starts the core host (out/main/core-host.js) as an Electron utilityProcess: SQLite, git and every
 * other client run there, so the window's process only relays and never waits on them. safeStorage
 * exists only here, in the main process, so the core asks this side to encrypt registry secrets.
 */
export function startUtilityCore(mainDir: string, options: CoreOptions): CoreClient {
  const hostOptions = { ...options, keychain: safeStorageOffer() };
  const child = utilityProcess.fork(path.join(mainDir, 'core-host.js'), [`--core-options=${JSON.stringify(hostOptions)}`], {
    serviceName: 'Shipdeck core',
    stdio: 'inherit'
  });
  const client = createCoreClient(
    {
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: unknown) => listener(message as FromCore))
    },
    { onCipherRequest: safeStorageCipher }
  );
  child.on('exit', (code) => client.lost(coreGone(`stopped (exit code ${code})`)));
  return client;
}
