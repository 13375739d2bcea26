// Builds main, preload and renderer with electron-vite (no Electron binary needed). Used by npm start,
// npm run bench and the shipdeck command's first run.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `electron-vite build`; returns true when it succeeded. */
export function buildApp({ quiet = false } = {}) {
  const require = createRequire(path.join(root, 'package.json'));
  // electron-vite's package exports do not include its bin file: find it next to its package.json.
  const cli = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  return build.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(buildApp({ quiet: process.argv.includes('--quiet') }) ? 0 : 1);
