import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is compiled for Node's ABI (the CLI, browser mode and the tests use it). Electron has
 * its own ABI, so `npm start` builds a second copy for Electron into `.electron-native/`
 * (scripts/prepare-electron-native.mjs); Electron's main loads that one.
 */
export function electronNativeBinding(appPath: string): string | undefined {
  const candidate = path.join(appPath, '.electron-native', 'better_sqlite3.node');
  return fs.existsSync(candidate) ? candidate : undefined;
}
